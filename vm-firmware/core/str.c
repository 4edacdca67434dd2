/* str: immutable UTF-8 text. Names from the image are interned, so LOAD_GLOBAL and LOAD_ATTR
 * compare pointers first. Also the VM's string builder (vm_sb_*). */
#include <string.h>

#include "vm.h"

uint32_t str_hash_bytes(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= (uint8_t)s[i];
    h *= 16777619u;
  }
  return h != 0 ? h : 1;
}

uint32_t str_hash_compute(ObjStr *s) { return s->hash = str_hash_bytes(s->chars, s->len); }

bool str_utf8_valid(const uint8_t *s, size_t len, uint32_t *nchars) {
  size_t i = 0;
  uint32_t n = 0;
  while (i < len) {
    uint8_t c = s[i];
    size_t extra, k;
    uint32_t cp;
    if (c < 0x80) { i++; n++; continue; }
    if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07u; }
    else return false;
    if (i + extra >= len) return false;
    for (k = 1; k <= extra; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
    n++;
  }
  if (nchars != NULL) *nchars = n;
  return true;
}

static uint32_t count_chars(const char *s, size_t len) {
  uint32_t n = 0;
  size_t i;
  for (i = 0; i < len; i++) n += ((uint8_t)s[i] & 0xC0) != 0x80;
  return n;
}

static ObjStr *str_alloc(VM *vm, size_t len) {
  ObjStr *s;
  if (len > 0x7FFFFFF0u) {
    vm_raise(vm, &exc_MemoryError, NULL);
    return NULL;
  }
  s = (ObjStr *)obj_alloc(vm, &str_type, offsetof(ObjStr, chars) + len + 1);
  if (s != NULL) s->len = (uint32_t)len;
  return s;
}

/* Ends a string whose len bytes are written; nchars is known or counted. */
static Value str_finish_counted(ObjStr *s, uint32_t nchars) {
  s->chars[s->len] = '\0';
  s->nchars = nchars;
  s->hash = 0;
  return OBJ_VAL(s);
}

static Value str_finish(ObjStr *s) { return str_finish_counted(s, count_chars(s->chars, s->len)); }

Value str_new(VM *vm, const char *text, size_t len) {
  ObjStr *s = str_alloc(vm, len);
  if (s == NULL) return EXC_VAL;
  memcpy(s->chars, text, len);
  return str_finish(s);
}

Value str_from_cstr(VM *vm, const char *s) { return str_new(vm, s, strlen(s)); }

bool str_equal(const ObjStr *a, const ObjStr *b) {
  return a == b || ((a->hash == 0 || b->hash == 0 || a->hash == b->hash) && a->len == b->len &&
                    memcmp(a->chars, b->chars, a->len) == 0);
}

int str_compare(const ObjStr *a, const ObjStr *b) {
  uint32_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->chars, b->chars, n);   /* UTF-8 byte order == code point order */
  if (c != 0) return c < 0 ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

/* ---- interning ------------------------------------------------------------------------- */

static bool intern_grow(VM *vm) {
  uint32_t new_cap = vm->interned == NULL ? 64 : (vm->intern_mask + 1) * 2;
  Value *slots = (Value *)raw_alloc(vm, new_cap * sizeof(Value));
  uint32_t i;
  if (slots == NULL) return false;
  for (i = 0; i < new_cap; i++) slots[i] = NONE_VAL;
  if (vm->interned != NULL) {
    for (i = 0; i <= vm->intern_mask; i++) {
      Value v = vm->interned[i];
      if (v != NONE_VAL) {
        uint32_t j = str_hash(AS_STR(v)) & (new_cap - 1);
        while (slots[j] != NONE_VAL) j = (j + 1) & (new_cap - 1);
        slots[j] = v;
      }
    }
    mem_free(vm, vm->interned);
  }
  vm->interned = slots;
  vm->intern_mask = new_cap - 1;
  return true;
}

Value str_intern(VM *vm, const char *text, size_t len) {
  uint32_t h = str_hash_bytes(text, len), i;
  Value s;
  if (vm->interned == NULL || (vm->intern_count + 1) * 4 > (vm->intern_mask + 1) * 3) {
    if (!intern_grow(vm)) return EXC_VAL;
  }
  for (i = h & vm->intern_mask; vm->interned[i] != NONE_VAL; i = (i + 1) & vm->intern_mask) {
    ObjStr *c = AS_STR(vm->interned[i]);
    if (c->hash == h && c->len == len && memcmp(c->chars, text, len) == 0) return vm->interned[i];
  }
  s = str_new(vm, text, len);
  if (s == EXC_VAL) return EXC_VAL;
  AS_STR(s)->hash = h;
  /* str_new may have collected, but the table never shrinks or moves on a collection. */
  vm->interned[i] = s;
  vm->intern_count++;
  return s;
}

/* ---- operations ------------------------------------------------------------------------ */

Value str_concat(VM *vm, ObjStr *a, ObjStr *b) {
  ObjStr *s;
  vm_push_root(vm, OBJ_VAL(a));
  vm_push_root(vm, OBJ_VAL(b));
  s = str_alloc(vm, (size_t)a->len + b->len);
  vm_pop_root(vm);
  vm_pop_root(vm);
  if (s == NULL) return EXC_VAL;
  memcpy(s->chars, a->chars, a->len);
  memcpy(s->chars + a->len, b->chars, b->len);
  return str_finish_counted(s, a->nchars + b->nchars);
}

Value str_repeat(VM *vm, ObjStr *a, vint n) {
  ObjStr *s;
  vint i;
  if (n <= 0 || a->len == 0) return str_new(vm, "", 0);
  if ((uint64_t)n * a->len > 0x7FFFFFF0u) return vm_raise(vm, &exc_MemoryError, NULL);
  vm_push_root(vm, OBJ_VAL(a));
  s = str_alloc(vm, (size_t)n * a->len);
  vm_pop_root(vm);
  if (s == NULL) return EXC_VAL;
  for (i = 0; i < n; i++) memcpy(s->chars + (size_t)i * a->len, a->chars, a->len);
  return str_finish(s);
}

/* Byte offset of code point k (k <= nchars). */
static uint32_t char_offset(const ObjStr *s, uint32_t k) {
  uint32_t i = 0;
  if (s->nchars == s->len) return k;
  while (k > 0) {
    i++;
    while (i < s->len && ((uint8_t)s->chars[i] & 0xC0) == 0x80) i++;
    k--;
  }
  return i;
}

static Value str_char_at(VM *vm, ObjStr *s, uint32_t k) {
  uint32_t a = char_offset(s, k), b = char_offset(s, k + 1);
  return str_new(vm, s->chars + a, b - a);
}

Value str_getitem(VM *vm, ObjStr *s, Value index) {
  uint32_t k;
  if (!seq_index(vm, index, s->nchars, "string", &k)) return EXC_VAL;
  return str_char_at(vm, s, k);
}

Value str_iter_next(VM *vm, ObjIter *it) {
  ObjStr *s = AS_STR(it->seq);
  uint32_t a, b;
  if ((uint32_t)it->index >= s->len) return STOP_VAL;
  a = (uint32_t)it->index;
  b = a + 1;
  while (b < s->len && ((uint8_t)s->chars[b] & 0xC0) == 0x80) b++;
  it->index = b;
  return str_new(vm, s->chars + a, b - a);
}

static long str_find_from(const ObjStr *hay, const ObjStr *needle, uint32_t from) {
  uint32_t i;
  if (needle->len == 0) return from <= hay->len ? (long)from : -1;
  for (i = from; i + needle->len <= hay->len; i++)
    if (memcmp(hay->chars + i, needle->chars, needle->len) == 0) return (long)i;
  return -1;
}

bool str_contains(ObjStr *hay, ObjStr *needle) { return str_find_from(hay, needle, 0) >= 0; }

/* CPython's str.isprintable() for one code point (the common non-printable ranges). */
bool cp_printable(uint32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  if (c <= 0xA0 || c == 0xAD) return false;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F))
    return false;
  if (c == 0x3000 || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE000 && c <= 0xF8FF)) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c >= 0xF0000) return false;
  return true;
}

void str_write_repr(VM *vm, const ObjStr *s) {
  char quote = '\'';
  uint32_t i;
  static const char hex[] = "0123456789abcdef";
  if (memchr(s->chars, '\'', s->len) != NULL && memchr(s->chars, '"', s->len) == NULL) quote = '"';
  vm_sb_add(vm, &quote, 1);
  for (i = 0; i < s->len; i++) {
    uint8_t c = (uint8_t)s->chars[i];
    if (c == (uint8_t)quote || c == '\\') {
      char e[2];
      e[0] = '\\';
      e[1] = (char)c;
      vm_sb_add(vm, e, 2);
    } else if (c == '\n') vm_sb_add(vm, "\\n", 2);
    else if (c == '\r') vm_sb_add(vm, "\\r", 2);
    else if (c == '\t') vm_sb_add(vm, "\\t", 2);
    else if (c < 0x20 || c == 0x7F) {
      char e[4];
      e[0] = '\\'; e[1] = 'x'; e[2] = hex[c >> 4]; e[3] = hex[c & 15];
      vm_sb_add(vm, e, 4);
    } else if (c >= 0x80) {   /* a multi-byte code point: escape it when it is not printable */
      uint32_t j = i, cp, n;
      const uint8_t *p = (const uint8_t *)s->chars + i;
      if (p[0] < 0xE0) { cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu); n = 2; }
      else if (p[0] < 0xF0) { cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu); n = 3; }
      else { cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu); n = 4; }
      (void)j;
      if (cp_printable(cp)) vm_sb_add(vm, s->chars + i, n);
      else {
        char e[10];
        int k, digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
        e[0] = '\\';
        e[1] = cp < 0x100 ? 'x' : cp < 0x10000 ? 'u' : 'U';
        for (k = 0; k < digits; k++) e[2 + k] = hex[(cp >> (4 * (digits - 1 - k))) & 15];
        vm_sb_add(vm, e, (size_t)(2 + digits));
      }
      i += n - 1;
    } else vm_sb_add(vm, (const char *)&c, 1);
  }
  vm_sb_add(vm, &quote, 1);
}

/* ---- methods --------------------------------------------------------------------------- */

static bool need_str(VM *vm, Value v, const char *what) {
  if (IS_STR(v)) return true;
  vm_raise_fmt(vm, &exc_TypeError, "%s must be str, not %t", what, v);
  return false;
}

/* Positional argument pos (self is 0), else keyword slot kw (-1: none), else UNBOUND_VAL. */
static Value arg_at(int argc, Value *args, int pos, int kw) {
  if (argc > pos) return args[pos];
  return kw >= 0 ? NATIVE_KW(args, argc, kw) : UNBOUND_VAL;
}

/* Decode the code point at s[*i], advancing *i. */
static uint32_t next_cp(const char *s, uint32_t *i) {
  const uint8_t *p = (const uint8_t *)s + *i;
  uint32_t cp;
  if (p[0] < 0x80) { *i += 1; return p[0]; }
  if (p[0] < 0xE0) { *i += 2; return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu); }
  if (p[0] < 0xF0) { *i += 3; return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu); }
  cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  *i += 4;
  return cp;
}

static void sb_cp(VM *vm, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) { b[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  vm_sb_add(vm, b, n);
}

/* Case tables for ASCII, Latin-1, Greek and Cyrillic (enough for most microcontroller text). */
static bool cp_upper(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
         (c >= 0x400 && c <= 0x42F);
}
static bool cp_lower(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0x3AC && c <= 0x3CE) ||
         (c >= 0x430 && c <= 0x45F) || c == 0xB5 || c == 0xAA || c == 0xBA;
}
static uint32_t to_lower(uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}
static uint32_t to_upper(uint32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}
static bool cp_space(uint32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}
/* Decimal digits: ASCII, Arabic-Indic, Devanagari, fullwidth (the scripts boards meet). */
static bool cp_digit(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) ||
         (c >= 0x966 && c <= 0x96F) || (c >= 0xFF10 && c <= 0xFF19);
}
static bool cp_super_digit(uint32_t c) { return c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x2079 && c != 0x2071 && c != 0x2072 && c != 0x2073); }
/* Numeric but not a digit: vulgar fractions, Roman numerals, circled numbers. */
static bool cp_numeric_only(uint32_t c) {
  return (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x2182) || (c >= 0x2460 && c <= 0x2473);
}
static bool cp_alpha(uint32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  return cp_upper(c) || cp_lower(c) || (c >= 0x100 && c <= 0x24F) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
}
static bool cp_cased(uint32_t c) { return cp_upper(c) || cp_lower(c); }

static bool is_space(char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F); }

/* Map every code point through kind: 0 upper, 1 lower, 2 swapcase, 3 title, 4 capitalize,
 * 5 casefold. */
static Value str_map_case(VM *vm, Value self, int kind) {
  ObjStr *s = AS_STR(self);
  uint32_t i = 0;
  bool prev_cased = false, first = true;
  vm_sb_reset(vm);
  while (i < s->len) {
    uint32_t c = next_cp(s->chars, &i), r = c;
    switch (kind) {
    case 0: r = c == 0xDF ? 0 : to_upper(c); if (c == 0xDF) vm_sb_add(vm, "SS", 2); break;
    case 1: r = to_lower(c); break;
    case 5: r = c == 0xDF ? 0 : to_lower(c); if (c == 0xDF) vm_sb_add(vm, "ss", 2); break;
    case 2: r = cp_upper(c) ? to_lower(c) : cp_lower(c) ? (c == 0xDF ? 0 : to_upper(c)) : c;
      if (c == 0xDF) vm_sb_add(vm, "SS", 2);
      break;
    case 3: r = prev_cased ? to_lower(c) : to_upper(c); prev_cased = cp_cased(c) || cp_alpha(c); break;
    case 4: r = first ? to_upper(c) : to_lower(c); break;
    }
    first = false;
    if (r != 0) sb_cp(vm, r);
  }
  return vm_sb_to_str(vm);
}

static Value m_upper(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 0); }
static Value m_lower(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 1); }
static Value m_swapcase(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 2); }
static Value m_title(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 3); }
static Value m_capitalize(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 4); }

/* is*(): kind 0 digit, 1 alpha, 2 alnum, 3 space, 4 upper, 5 lower, 6 ascii, 7 title,
 * 8 identifier, 9 printable */
static Value str_is(Value self, int kind) {
  ObjStr *s = AS_STR(self);
  uint32_t i = 0;
  bool cased = false, prev_cased = false;
  if (s->len == 0) return BOOL_VAL(kind == 6 || kind == 9);
  while (i < s->len) {
    uint32_t before = i, c = next_cp(s->chars, &i), cp_len = before == 0 ? i : 0;
    switch (kind) {
    case 0: if (!cp_digit(c) && !cp_super_digit(c)) return FALSE_VAL; break;
    case 11: if (!cp_digit(c) && !cp_super_digit(c) && !cp_numeric_only(c)) return FALSE_VAL; break;
    case 1: if (!cp_alpha(c)) return FALSE_VAL; break;
    case 2: if (!cp_alpha(c) && !cp_digit(c) && !cp_super_digit(c) && !cp_numeric_only(c)) return FALSE_VAL; break;
    case 10: if (!cp_digit(c)) return FALSE_VAL; break;
    case 3: if (!cp_space(c)) return FALSE_VAL; break;
    case 4: if (cp_lower(c)) return FALSE_VAL; if (cp_upper(c)) cased = true; break;
    case 5: if (cp_upper(c)) return FALSE_VAL; if (cp_lower(c)) cased = true; break;
    case 6: if (c >= 0x80) return FALSE_VAL; break;
    case 7:
      if (cp_upper(c)) { if (prev_cased) return FALSE_VAL; prev_cased = cased = true; }
      else if (cp_lower(c)) { if (!prev_cased) return FALSE_VAL; prev_cased = cased = true; }
      else prev_cased = false;
      break;
    case 8:
      if (!(cp_alpha(c) || c == '_' || (i > cp_len && cp_digit(c)))) return FALSE_VAL;   /* no leading digit */
      break;
    default: if (!cp_printable(c)) return FALSE_VAL; break;
    }
  }
  if (kind == 4 || kind == 5 || kind == 7) return BOOL_VAL(cased);
  return TRUE_VAL;
}

#define IS_METHOD(cname, kind) \
  static Value m_##cname(VM *vm, int argc, Value *args) { (void)vm; (void)argc; return str_is(args[0], kind); }
IS_METHOD(isdigit, 0)
IS_METHOD(isalpha, 1)
IS_METHOD(isalnum, 2)
IS_METHOD(isspace, 3)
IS_METHOD(isupper, 4)
IS_METHOD(islower, 5)
IS_METHOD(isascii, 6)
IS_METHOD(istitle, 7)
IS_METHOD(isidentifier, 8)
IS_METHOD(isprintable, 9)
IS_METHOD(isdecimal, 10)
IS_METHOD(isnumeric, 11)

/* strip family: which 1 left, 2 right, 3 both. */
static Value str_strip(VM *vm, int argc, Value *args, int which) {
  ObjStr *s = AS_STR(args[0]), *chars = NULL;
  uint32_t a = 0, b = s->len;
  if (argc > 1 && !IS_NONE(args[1])) {
    if (!IS_STR(args[1]))
      return vm_raise_fmt(vm, &exc_TypeError, "%s arg must be None or str",
                          which == 3 ? "strip" : which == 1 ? "lstrip" : "rstrip");
    chars = AS_STR(args[1]);
  }
  if (chars == NULL) {
    if (which & 1) while (a < b && is_space(s->chars[a])) a++;
    if (which & 2) while (b > a && is_space(s->chars[b - 1])) b--;
  } else {
    if (which & 1) {
      while (a < b) {
        uint32_t j = a, c = next_cp(s->chars, &j), k = 0;
        bool hit = false;
        while (k < chars->len) if (next_cp(chars->chars, &k) == c) { hit = true; break; }
        if (!hit) break;
        a = j;
      }
    }
    if (which & 2) {
      while (b > a) {
        uint32_t j = b - 1, c, k = 0, t;
        bool hit = false;
        while (j > a && ((uint8_t)s->chars[j] & 0xC0) == 0x80) j--;
        t = j;
        c = next_cp(s->chars, &t);
        while (k < chars->len) if (next_cp(chars->chars, &k) == c) { hit = true; break; }
        if (!hit) break;
        b = j;
      }
    }
  }
  if (a == 0 && b == s->len) return args[0];
  return str_new(vm, s->chars + a, b - a);
}

static Value m_strip(VM *vm, int argc, Value *args) { return str_strip(vm, argc, args, 3); }
static Value m_lstrip(VM *vm, int argc, Value *args) { return str_strip(vm, argc, args, 1); }
static Value m_rstrip(VM *vm, int argc, Value *args) { return str_strip(vm, argc, args, 2); }

static bool list_push_str(VM *vm, Value list, const char *s, uint32_t n) {
  Value piece = str_new(vm, s, n);
  return piece != EXC_VAL && list_append(vm, AS_LIST(list), piece);
}

static bool get_maxsplit(VM *vm, Value v, vint *out) {
  *out = -1;
  if (v == UNBOUND_VAL) return true;
  if (!IS_INTLIKE(v)) {
    vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
    return false;
  }
  *out = AS_INTLIKE(v);
  return true;
}

static long str_rfind_in(const ObjStr *hay, const ObjStr *needle, uint32_t lo, uint32_t hi);

static Value str_split(VM *vm, int argc, Value *args, bool right) {
  ObjStr *s = AS_STR(args[0]);
  Value sepv = arg_at(argc, args, 1, 0), list;
  vint maxsplit;
  if (!get_maxsplit(vm, arg_at(argc, args, 2, 1), &maxsplit)) return EXC_VAL;
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  if (sepv == UNBOUND_VAL || IS_NONE(sepv)) {
    if (!right) {
      uint32_t i = 0;
      while (i < s->len) {
        uint32_t start;
        while (i < s->len && is_space(s->chars[i])) i++;
        if (i >= s->len) break;
        if (maxsplit == 0) {
          if (!list_push_str(vm, list, s->chars + i, s->len - i)) goto fail;
          break;
        }
        start = i;
        while (i < s->len && !is_space(s->chars[i])) i++;
        if (!list_push_str(vm, list, s->chars + start, i - start)) goto fail;
        if (maxsplit > 0) maxsplit--;
      }
    } else {
      uint32_t i = s->len;
      while (i > 0) {
        uint32_t end;
        while (i > 0 && is_space(s->chars[i - 1])) i--;
        if (i == 0) break;
        if (maxsplit == 0) {
          if (!list_push_str(vm, list, s->chars, i)) goto fail;
          break;
        }
        end = i;
        while (i > 0 && !is_space(s->chars[i - 1])) i--;
        if (!list_push_str(vm, list, s->chars + i, end - i)) goto fail;
        if (maxsplit > 0) maxsplit--;
      }
    }
  } else {
    ObjStr *sep;
    if (!need_str(vm, sepv, "separator")) goto fail;
    sep = AS_STR(sepv);
    if (sep->len == 0) { vm_raise(vm, &exc_ValueError, "empty separator"); goto fail; }
    if (!right) {
      uint32_t i = 0;
      for (;;) {
        long at = maxsplit == 0 ? -1 : str_find_from(s, sep, i);
        if (at < 0) break;
        if (!list_push_str(vm, list, s->chars + i, (uint32_t)at - i)) goto fail;
        i = (uint32_t)at + sep->len;
        if (maxsplit > 0) maxsplit--;
      }
      if (!list_push_str(vm, list, s->chars + i, s->len - i)) goto fail;
    } else {
      uint32_t hi = s->len;
      for (;;) {
        long at = maxsplit == 0 ? -1 : str_rfind_in(s, sep, 0, hi);
        if (at < 0) break;
        if (!list_push_str(vm, list, s->chars + at + sep->len, hi - (uint32_t)at - sep->len)) goto fail;
        hi = (uint32_t)at;
        if (maxsplit > 0) maxsplit--;
      }
      if (!list_push_str(vm, list, s->chars, hi)) goto fail;
    }
  }
  if (right) {   /* collected back to front */
    ObjList *l = AS_LIST(list);
    uint32_t k;
    for (k = 0; k < l->len / 2; k++) {
      Value t = l->items[k];
      l->items[k] = l->items[l->len - 1 - k];
      l->items[l->len - 1 - k] = t;
    }
  }
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value m_split(VM *vm, int argc, Value *args) { return str_split(vm, argc, args, false); }
static Value m_rsplit(VM *vm, int argc, Value *args) { return str_split(vm, argc, args, true); }

static Value m_splitlines(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  Value keepv = arg_at(argc, args, 1, 0), list;
  bool keep = keepv != UNBOUND_VAL && value_truthy(keepv);
  uint32_t i = 0, start = 0;
  list = list_new(vm, 0);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  while (i < s->len) {
    uint32_t j = i, c = next_cp(s->chars, &j), end = j;
    bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
               c == 0x85 || c == 0x2028 || c == 0x2029;
    if (!brk) { i = j; continue; }
    if (c == '\r' && end < s->len && s->chars[end] == '\n') end++;
    if (!list_push_str(vm, list, s->chars + start, (keep ? end : i) - start)) { vm_pop_root(vm); return EXC_VAL; }
    i = start = end;
  }
  if (start < s->len && !list_push_str(vm, list, s->chars + start, s->len - start)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return list;
}

static Value m_join(VM *vm, int argc, Value *args) {
  ObjStr *sep = AS_STR(args[0]);
  Value iter, item = EXC_VAL, parts;
  RootMark mark = gc_root_mark(vm);
  uint32_t i;
  (void)argc;
  /* Collect the parts first: iterating may run code that uses the string builder. */
  parts = list_new(vm, 0);
  if (parts == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, parts);
  iter = value_iter(vm, args[1]);
  if (iter == EXC_VAL) goto out;
  vm_push_root(vm, iter);
  for (;;) {
    item = value_iter_next(vm, iter);
    if (item == STOP_VAL) break;
    if (item == EXC_VAL) goto out;
    if (!IS_STR(item)) {
      item = vm_raise_fmt(vm, &exc_TypeError, "sequence item %d: expected str instance, %t found",
                          (int)AS_LIST(parts)->len, item);
      goto out;
    }
    if (!list_append(vm, AS_LIST(parts), item)) { item = EXC_VAL; goto out; }
  }
  vm_sb_reset(vm);
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    ObjStr *p = AS_STR(AS_LIST(parts)->items[i]);
    if (i > 0) vm_sb_add(vm, sep->chars, sep->len);
    vm_sb_add(vm, p->chars, p->len);
  }
  item = vm_sb_to_str(vm);
out:
  gc_root_restore(vm, mark);
  return item;
}

/* Optional start/end (code point indices, CPython slice rules) as byte offsets. */
static bool str_range(VM *vm, ObjStr *s, int argc, Value *args, int pos, uint32_t *lo, uint32_t *hi) {
  vint n = (vint)s->nchars, a = 0, b = n;
  if (argc > pos && !IS_NONE(args[pos])) {
    if (!IS_INTLIKE(args[pos])) {
      vm_raise(vm, &exc_TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    a = AS_INTLIKE(args[pos]);
    if (a < 0) { a += n; if (a < 0) a = 0; }
  }
  if (argc > pos + 1 && !IS_NONE(args[pos + 1])) {
    if (!IS_INTLIKE(args[pos + 1])) {
      vm_raise(vm, &exc_TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    b = AS_INTLIKE(args[pos + 1]);
    if (b < 0) { b += n; if (b < 0) b = 0; }
  }
  if (b > n) b = n;
  if (a > n) { *lo = s->len + 1; *hi = s->len; return true; }   /* empty, even for "" */
  if (b < a) b = a;
  *lo = char_offset(s, (uint32_t)a);
  *hi = char_offset(s, (uint32_t)b);
  return true;
}

static long str_find_in(const ObjStr *hay, const ObjStr *needle, uint32_t lo, uint32_t hi) {
  uint32_t i;
  if (lo > hi) return -1;
  for (i = lo; i + needle->len <= hi; i++)
    if (memcmp(hay->chars + i, needle->chars, needle->len) == 0) return (long)i;
  return -1;
}

static long str_rfind_in(const ObjStr *hay, const ObjStr *needle, uint32_t lo, uint32_t hi) {
  uint32_t i;
  if (lo > hi || needle->len > hi - lo) return -1;
  for (i = hi - needle->len + 1; i-- > lo;)
    if (memcmp(hay->chars + i, needle->chars, needle->len) == 0) return (long)i;
  return -1;
}

/* kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count */
static Value str_search(VM *vm, int argc, Value *args, int kind) {
  ObjStr *s = AS_STR(args[0]), *sub;
  uint32_t lo, hi;
  long at;
  if (!IS_STR(args[1]))
    return vm_raise_fmt(vm, &exc_TypeError, "must be str, not %t", args[1]);
  sub = AS_STR(args[1]);
  if (!str_range(vm, s, argc, args, 2, &lo, &hi)) return EXC_VAL;
  if (kind == 4) {
    vint n = 0;
    if (lo > hi) return INT_VAL(0);
    if (sub->len == 0) return INT_VAL((vint)count_chars(s->chars + lo, hi - lo) + 1);
    while ((at = str_find_in(s, sub, lo, hi)) >= 0) { n++; lo = (uint32_t)at + sub->len; }
    return INT_VAL(n);
  }
  at = (kind & 1) ? str_rfind_in(s, sub, lo, hi) : str_find_in(s, sub, lo, hi);
  if (at < 0) {
    if (kind >= 2) return vm_raise(vm, &exc_ValueError, "substring not found");
    return INT_VAL(-1);
  }
  return INT_VAL((vint)count_chars(s->chars, (size_t)at));
}

static Value m_find(VM *vm, int argc, Value *args) { return str_search(vm, argc, args, 0); }
static Value m_rfind(VM *vm, int argc, Value *args) { return str_search(vm, argc, args, 1); }
static Value m_index(VM *vm, int argc, Value *args) { return str_search(vm, argc, args, 2); }
static Value m_rindex(VM *vm, int argc, Value *args) { return str_search(vm, argc, args, 3); }
static Value m_count(VM *vm, int argc, Value *args) { return str_search(vm, argc, args, 4); }

static Value str_affix(VM *vm, int argc, Value *args, bool end, const char *name) {
  ObjStr *s = AS_STR(args[0]);
  uint32_t lo, hi, k, n = 1;
  Value *cands = &args[1];
  if (!str_range(vm, s, argc, args, 2, &lo, &hi)) return EXC_VAL;
  if (IS_TUPLE(args[1])) { cands = AS_TUPLE(args[1])->items; n = AS_TUPLE(args[1])->len; }
  for (k = 0; k < n; k++) {
    ObjStr *p;
    if (!IS_STR(cands[k])) {
      if (IS_TUPLE(args[1]))
        return vm_raise_fmt(vm, &exc_TypeError, "tuple for %s must only contain str, not %t", name, cands[k]);
      return vm_raise_fmt(vm, &exc_TypeError, "%s first arg must be str or a tuple of str, not %t", name, cands[k]);
    }
    p = AS_STR(cands[k]);
    if (lo > hi || p->len > hi - lo) continue;
    if (memcmp(s->chars + (end ? hi - p->len : lo), p->chars, p->len) == 0) return TRUE_VAL;
  }
  return FALSE_VAL;
}

static Value m_startswith(VM *vm, int argc, Value *args) { return str_affix(vm, argc, args, false, "startswith"); }
static Value m_endswith(VM *vm, int argc, Value *args) { return str_affix(vm, argc, args, true, "endswith"); }

static Value m_replace(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]), *old, *new_;
  uint32_t i = 0;
  vint count = -1;
  long at;
  if (!need_str(vm, args[1], "replace() argument 1") || !need_str(vm, args[2], "replace() argument 2")) return EXC_VAL;
  if (argc > 3) {
    if (!IS_INTLIKE(args[3]))
      return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[3]);
    count = AS_INTLIKE(args[3]);
  }
  old = AS_STR(args[1]);
  new_ = AS_STR(args[2]);
  vm_sb_reset(vm);
  if (old->len == 0) {
    uint32_t k;
    for (k = 0; k <= s->nchars; k++) {
      uint32_t a = char_offset(s, k), b;
      if (count < 0 || (vint)k < count) vm_sb_add(vm, new_->chars, new_->len);
      if (k == s->nchars) break;
      b = char_offset(s, k + 1);
      vm_sb_add(vm, s->chars + a, b - a);
    }
    return vm_sb_to_str(vm);
  }
  while (count != 0) {
    at = str_find_from(s, old, i);
    if (at < 0) break;
    vm_sb_add(vm, s->chars + i, (uint32_t)at - i);
    vm_sb_add(vm, new_->chars, new_->len);
    i = (uint32_t)at + old->len;
    if (count > 0) count--;
  }
  vm_sb_add(vm, s->chars + i, s->len - i);
  return vm_sb_to_str(vm);
}

static bool get_fill(VM *vm, int argc, Value *args, const char **fill, uint32_t *flen) {
  *fill = " ";
  *flen = 1;
  if (argc > 2) {
    if (!IS_STR(args[2]) || AS_STR(args[2])->nchars != 1) {
      if (!IS_STR(args[2]))
        vm_raise_fmt(vm, &exc_TypeError, "The fill character must be a unicode character, not %t", args[2]);
      else
        vm_raise(vm, &exc_TypeError, "The fill character must be exactly one character long");
      return false;
    }
    *fill = AS_STR(args[2])->chars;
    *flen = AS_STR(args[2])->len;
  }
  return true;
}

/* kind: 0 ljust, 1 rjust, 2 center */
static Value str_justify(VM *vm, int argc, Value *args, int kind) {
  ObjStr *s = AS_STR(args[0]);
  const char *fill;
  uint32_t flen;
  vint width, pad, left, k;
  if (!IS_INTLIKE(args[1]))
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[1]);
  if (!get_fill(vm, argc, args, &fill, &flen)) return EXC_VAL;
  width = AS_INTLIKE(args[1]);
  if (width <= (vint)s->nchars) return args[0];
  pad = width - (vint)s->nchars;
  left = kind == 0 ? 0 : kind == 1 ? pad : pad / 2 + (pad & width & 1);
  vm_sb_reset(vm);
  for (k = 0; k < left; k++) vm_sb_add(vm, fill, flen);
  vm_sb_add(vm, s->chars, s->len);
  for (k = left; k < pad; k++) vm_sb_add(vm, fill, flen);
  return vm_sb_to_str(vm);
}

static Value m_ljust(VM *vm, int argc, Value *args) { return str_justify(vm, argc, args, 0); }
static Value m_rjust(VM *vm, int argc, Value *args) { return str_justify(vm, argc, args, 1); }
static Value m_center(VM *vm, int argc, Value *args) { return str_justify(vm, argc, args, 2); }

static Value m_zfill(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  vint width, k;
  uint32_t sign = 0;
  (void)argc;
  if (!IS_INTLIKE(args[1]))
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[1]);
  width = AS_INTLIKE(args[1]);
  if (width <= (vint)s->nchars) return args[0];
  if (s->len > 0 && (s->chars[0] == '+' || s->chars[0] == '-')) sign = 1;
  vm_sb_reset(vm);
  vm_sb_add(vm, s->chars, sign);
  for (k = 0; k < width - (vint)s->nchars; k++) vm_sb_add(vm, "0", 1);
  vm_sb_add(vm, s->chars + sign, s->len - sign);
  return vm_sb_to_str(vm);
}

static Value str_partition(VM *vm, Value self, Value sepv, bool right) {
  ObjStr *s = AS_STR(self), *sep;
  Value t, piece;
  long at;
  if (!need_str(vm, sepv, "separator")) return EXC_VAL;
  sep = AS_STR(sepv);
  if (sep->len == 0) return vm_raise(vm, &exc_ValueError, "empty separator");
  at = right ? str_rfind_in(s, sep, 0, s->len) : str_find_from(s, sep, 0);
  t = tuple_new(vm, 3);
  if (t == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, t);
  piece = str_new(vm, "", 0);
  if (piece == EXC_VAL) goto fail;
  AS_TUPLE(t)->items[0] = AS_TUPLE(t)->items[1] = AS_TUPLE(t)->items[2] = piece;
  if (at < 0) {
    AS_TUPLE(t)->items[right ? 2 : 0] = self;
  } else {
    AS_TUPLE(t)->items[1] = sepv;
    piece = str_new(vm, s->chars, (uint32_t)at);
    if (piece == EXC_VAL) goto fail;
    AS_TUPLE(t)->items[0] = piece;
    piece = str_new(vm, s->chars + at + sep->len, s->len - (uint32_t)at - sep->len);
    if (piece == EXC_VAL) goto fail;
    AS_TUPLE(t)->items[2] = piece;
  }
  vm_pop_root(vm);
  return t;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value m_partition(VM *vm, int argc, Value *args) { (void)argc; return str_partition(vm, args[0], args[1], false); }
static Value m_rpartition(VM *vm, int argc, Value *args) { (void)argc; return str_partition(vm, args[0], args[1], true); }

static Value str_remove_affix(VM *vm, Value self, Value p, bool suffix) {
  ObjStr *s = AS_STR(self), *a;
  if (!IS_STR(p)) return vm_raise_fmt(vm, &exc_TypeError, "%s() argument must be str, not %t",
                                      suffix ? "removesuffix" : "removeprefix", p);
  a = AS_STR(p);
  if (a->len == 0 || a->len > s->len) return self;
  if (!suffix && memcmp(s->chars, a->chars, a->len) == 0) return str_new(vm, s->chars + a->len, s->len - a->len);
  if (suffix && memcmp(s->chars + s->len - a->len, a->chars, a->len) == 0) return str_new(vm, s->chars, s->len - a->len);
  return self;
}

static Value m_removeprefix(VM *vm, int argc, Value *args) { (void)argc; return str_remove_affix(vm, args[0], args[1], false); }
static Value m_removesuffix(VM *vm, int argc, Value *args) { (void)argc; return str_remove_affix(vm, args[0], args[1], true); }

static Value m_expandtabs(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  Value tv = arg_at(argc, args, 1, 0);
  vint tab = 8, col = 0, k;
  uint32_t i = 0;
  if (tv != UNBOUND_VAL) {
    if (!IS_INTLIKE(tv)) return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", tv);
    tab = AS_INTLIKE(tv);
  }
  vm_sb_reset(vm);
  while (i < s->len) {
    uint32_t j = i, c = next_cp(s->chars, &j);
    if (c == '\t') {
      if (tab > 0) { vint n = tab - col % tab; for (k = 0; k < n; k++) vm_sb_add(vm, " ", 1); col += n; }
    } else {
      vm_sb_add(vm, s->chars + i, j - i);
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
    i = j;
  }
  return vm_sb_to_str(vm);
}

static Value m_casefold(VM *vm, int argc, Value *args) { (void)argc; return str_map_case(vm, args[0], 5); }

Value bytes_encode_str(VM *vm, Value s, Value encoding, Value errors);   /* bytes.c: the codecs */

static Value m_encode(VM *vm, int argc, Value *args) {
  return bytes_encode_str(vm, args[0], arg_at(argc, args, 1, 0), arg_at(argc, args, 2, 1));
}

/* str.maketrans(x[, y[, z]]): args[0] is the str type. A dict of code point -> str/int/None. */
static Value m_maketrans(VM *vm, int argc, Value *args) {
  Value d = dict_new(vm);
  uint32_t i = 0, j = 0;
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  if (argc == 2) {
    ObjDict *src;
    uint32_t k;
    if (!IS_DICT(args[1])) { vm_pop_root(vm); return vm_raise(vm, &exc_TypeError, "if you give only one argument to maketrans it must be a dict"); }
    src = AS_DICT(args[1]);
    for (k = 0; k < src->used; k++) {
      Value key = src->entries[k].key;
      if (key == DELETED_VAL) continue;
      if (IS_STR(key)) {
        if (AS_STR(key)->nchars != 1) { vm_pop_root(vm); return vm_raise(vm, &exc_ValueError, "string keys in translate table must be of length 1"); }
        key = INT_VAL((vint)next_cp(AS_STR(key)->chars, &i));
        i = 0;
      }
      if (!dict_set(vm, AS_DICT(d), key, src->entries[k].value)) { vm_pop_root(vm); return EXC_VAL; }
    }
    vm_pop_root(vm);
    return d;
  }
  if (!IS_STR(args[1]) || !IS_STR(args[2])) { vm_pop_root(vm); return vm_raise(vm, &exc_TypeError, "maketrans() arguments must be str"); }
  if (AS_STR(args[1])->nchars != AS_STR(args[2])->nchars) {
    vm_pop_root(vm);
    return vm_raise(vm, &exc_ValueError, "the first two maketrans arguments must have equal length");
  }
  while (i < AS_STR(args[1])->len) {
    uint32_t a = next_cp(AS_STR(args[1])->chars, &i), b = next_cp(AS_STR(args[2])->chars, &j);
    if (!dict_set(vm, AS_DICT(d), INT_VAL((vint)a), INT_VAL((vint)b))) { vm_pop_root(vm); return EXC_VAL; }
  }
  if (argc > 3) {
    if (!IS_STR(args[3])) { vm_pop_root(vm); return vm_raise(vm, &exc_TypeError, "maketrans() argument 3 must be str"); }
    i = 0;
    while (i < AS_STR(args[3])->len) {
      uint32_t a = next_cp(AS_STR(args[3])->chars, &i);
      if (!dict_set(vm, AS_DICT(d), INT_VAL((vint)a), NONE_VAL)) { vm_pop_root(vm); return EXC_VAL; }
    }
  }
  vm_pop_root(vm);
  return d;
}

/* s.translate(table): table[ord(c)] -> str, int or None (delete); missing keys keep c. */
static Value m_translate(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  Value parts, r;
  uint32_t i = 0;
  (void)argc;
  parts = list_new(vm, 0);
  if (parts == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, parts);
  while (i < s->len) {
    uint32_t start = i, c = next_cp(s->chars, &i);
    Value m = value_getitem(vm, args[1], INT_VAL((vint)c)), piece;
    if (m == EXC_VAL) {
      if (IS_OBJ(vm->exc) && (OBJ_TYPE(vm->exc) == &exc_KeyError || OBJ_TYPE(vm->exc) == &exc_IndexError)) {
        vm->exc = NONE_VAL;
        m = UNBOUND_VAL;
      } else { vm_pop_root(vm); return EXC_VAL; }
    }
    if (m == UNBOUND_VAL) piece = str_new(vm, s->chars + start, i - start);
    else if (IS_NONE(m)) continue;
    else if (IS_STR(m)) piece = m;
    else if (IS_INTLIKE(m)) {
      vm_sb_reset(vm);
      sb_cp(vm, (uint32_t)AS_INTLIKE(m));
      piece = vm_sb_to_str(vm);
    } else {
      vm_pop_root(vm);
      return vm_raise(vm, &exc_TypeError, "character mapping must return integer, None or str");
    }
    if (piece == EXC_VAL || !list_append(vm, AS_LIST(parts), piece)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_sb_reset(vm);
  for (i = 0; i < AS_LIST(parts)->len; i++) vm_sb_add(vm, AS_STR(AS_LIST(parts)->items[i])->chars, AS_STR(AS_LIST(parts)->items[i])->len);
  r = vm_sb_to_str(vm);
  vm_pop_root(vm);
  return r;
}

const MethodDef str_class_methods[] = {
  {"maketrans", m_maketrans, 1, 3, NULL},
  {NULL, NULL, 0, 0, NULL},
};

bool format_append(VM *vm, Value v, const char *spec, size_t len);
Value str_format_impl(VM *vm, ObjStr *fmt, int argc, Value *args, Value kwargs);

static Value m_format(VM *vm, int argc, Value *args) {
  Value kwargs = NATIVE_KW(args, argc, 0);
  return str_format_impl(vm, AS_STR(args[0]), argc - 1, args + 1, kwargs == UNBOUND_VAL ? NONE_VAL : kwargs);
}

static Value m_format_map(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_DICT(args[1])) return vm_raise_fmt(vm, &exc_TypeError, "format_map() argument must be a dict, not %t", args[1]);
  return str_format_impl(vm, AS_STR(args[0]), 0, args + 1, args[1]);
}

static const MethodDef str_methods[] = {
  {"upper", m_upper, 0, 0, NULL},
  {"lower", m_lower, 0, 0, NULL},
  {"casefold", m_casefold, 0, 0, NULL},
  {"swapcase", m_swapcase, 0, 0, NULL},
  {"title", m_title, 0, 0, NULL},
  {"capitalize", m_capitalize, 0, 0, NULL},
  {"isdigit", m_isdigit, 0, 0, NULL},
  {"isdecimal", m_isdecimal, 0, 0, NULL},
  {"isnumeric", m_isnumeric, 0, 0, NULL},
  {"isalpha", m_isalpha, 0, 0, NULL},
  {"isalnum", m_isalnum, 0, 0, NULL},
  {"isspace", m_isspace, 0, 0, NULL},
  {"isupper", m_isupper, 0, 0, NULL},
  {"islower", m_islower, 0, 0, NULL},
  {"isascii", m_isascii, 0, 0, NULL},
  {"istitle", m_istitle, 0, 0, NULL},
  {"isidentifier", m_isidentifier, 0, 0, NULL},
  {"isprintable", m_isprintable, 0, 0, NULL},
  {"strip", m_strip, 0, 1, NULL},
  {"lstrip", m_lstrip, 0, 1, NULL},
  {"rstrip", m_rstrip, 0, 1, NULL},
  {"split", m_split, 0, 2, "sep maxsplit"},
  {"rsplit", m_rsplit, 0, 2, "sep maxsplit"},
  {"splitlines", m_splitlines, 0, 1, "keepends"},
  {"join", m_join, 1, 1, NULL},
  {"startswith", m_startswith, 1, 3, NULL},
  {"endswith", m_endswith, 1, 3, NULL},
  {"find", m_find, 1, 3, NULL},
  {"rfind", m_rfind, 1, 3, NULL},
  {"index", m_index, 1, 3, NULL},
  {"rindex", m_rindex, 1, 3, NULL},
  {"count", m_count, 1, 3, NULL},
  {"replace", m_replace, 2, 3, NULL},
  {"ljust", m_ljust, 1, 2, NULL},
  {"rjust", m_rjust, 1, 2, NULL},
  {"center", m_center, 1, 2, NULL},
  {"zfill", m_zfill, 1, 1, NULL},
  {"partition", m_partition, 1, 1, NULL},
  {"rpartition", m_rpartition, 1, 1, NULL},
  {"removeprefix", m_removeprefix, 1, 1, NULL},
  {"removesuffix", m_removesuffix, 1, 1, NULL},
  {"expandtabs", m_expandtabs, 0, 1, "tabsize"},
  {"encode", m_encode, 0, 2, "encoding errors"},
  {"format", m_format, 0, 100, NATIVE_KW_DICT},
  {"translate", m_translate, 1, 1, NULL},
  {"format_map", m_format_map, 1, 1, NULL},
  {"maketrans", m_maketrans, 1, 3, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static Value str_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_STR(v)->nchars); }

static bool str_hash_slot(VM *vm, Value v, int64_t *out) { (void)vm; *out = str_hash(AS_STR(v)); return true; }

static Value str_subscr(VM *vm, Value obj, Value key) {
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)AS_STR(obj)->nchars, &start, &stop, &step);
    if (n < 0) return EXC_VAL;
    return str_slice(vm, AS_STR(obj), start, n, step);
  }
  return str_getitem(vm, AS_STR(obj), key);
}

static Value str_getiter(VM *vm, Value v) { return iter_new(vm, &str_iter_type, v, 0, 0, 1); }
static Value str_iternext(VM *vm, Value it) { return str_iter_next(vm, AS_ITER(it)); }

static Value str_contains_slot(VM *vm, Value c, Value item) {
  if (!IS_STR(item))
    return vm_raise_fmt(vm, &exc_TypeError, "'in <string>' requires string as left operand, not %t", item);
  return BOOL_VAL(str_contains(AS_STR(c), AS_STR(item)));
}

static void str_print(VM *vm, Value v, bool repr) {
  if (repr) str_write_repr(vm, AS_STR(v));
  else vm_sb_add(vm, AS_STR(v)->chars, AS_STR(v)->len);
}

const Type str_type = {{&type_type}, "str", NULL, NULL, str_methods,
    .print = str_print, .hash = str_hash_slot, .len = str_length, .getitem = str_subscr, .getiter = str_getiter, .contains = str_contains_slot};

static void str_iter_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjIter *)obj)->seq); }
const Type str_iter_type = {{&type_type}, "str_ascii_iterator", NULL, str_iter_trace, NULL,
    .getiter = iter_self, .iternext = str_iternext};

/* ---- the string builder ---------------------------------------------------------------- */

void vm_sb_reset(VM *vm) {
  vm->sb_len = 0;
  vm->sb_oom = false;
}

void vm_sb_add(VM *vm, const char *s, size_t len) {
  if (vm->sb_oom) return;
  if ((size_t)vm->sb_len + len > vm->sb_cap) {
    size_t cap = vm->sb_cap < 64 ? 64 : vm->sb_cap;
    char *grown;
    while (cap < (size_t)vm->sb_len + len) cap *= 2;
    if (cap > 0x7FFFFFF0u) { vm->sb_oom = true; return; }
    grown = (char *)mem_alloc(vm, cap, false);
    if (grown == NULL) { vm->sb_oom = true; return; }
    if (vm->sb_len > 0) memcpy(grown, vm->sb, vm->sb_len);
    mem_free(vm, vm->sb);
    vm->sb = grown;
    vm->sb_cap = (uint32_t)cap;
  }
  if (len == 0) return;
  memcpy(vm->sb + vm->sb_len, s, len);
  vm->sb_len += (uint32_t)len;
}

void vm_sb_cstr(VM *vm, const char *s) { vm_sb_add(vm, s, strlen(s)); }

Value vm_sb_to_str(VM *vm) {
  ObjStr *s;
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  s = str_alloc(vm, vm->sb_len);  /* the builder is a root: its text survives */
  if (s == NULL) return EXC_VAL;
  if (vm->sb_len > 0) memcpy(s->chars, vm->sb, vm->sb_len);
  return str_finish(s);
}

/* s[start::step] for n code points (indices already clamped by slice_indices). */
Value str_slice(VM *vm, ObjStr *s, vint start, vint n, vint step) {
  vint k;
  if (step == 1) {
    uint32_t a = char_offset(s, (uint32_t)start), b = char_offset(s, (uint32_t)(start + n));
    if (a == 0 && b == s->len) return OBJ_VAL(s);
    return str_new(vm, s->chars + a, b - a);
  }
  vm_push_root(vm, OBJ_VAL(s));
  vm_sb_reset(vm);
  for (k = 0; k < n; k++) {
    uint32_t a = char_offset(s, (uint32_t)(start + k * step)), b = a + 1;
    while (b < s->len && ((uint8_t)s->chars[b] & 0xC0) == 0x80) b++;
    vm_sb_add(vm, s->chars + a, b - a);
  }
  vm_pop_root(vm);
  return vm_sb_to_str(vm);
}
