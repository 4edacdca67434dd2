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
  return h;
}

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

static Value str_finish(ObjStr *s) {
  s->chars[s->len] = '\0';
  s->nchars = count_chars(s->chars, s->len);
  s->hash = str_hash_bytes(s->chars, s->len);
  return OBJ_VAL(s);
}

Value str_new(VM *vm, const char *text, size_t len) {
  ObjStr *s = str_alloc(vm, len);
  if (s == NULL) return EXC_VAL;
  memcpy(s->chars, text, len);
  return str_finish(s);
}

Value str_from_cstr(VM *vm, const char *s) { return str_new(vm, s, strlen(s)); }

bool str_equal(const ObjStr *a, const ObjStr *b) {
  return a == b || (a->hash == b->hash && a->len == b->len && memcmp(a->chars, b->chars, a->len) == 0);
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
        uint32_t j = AS_STR(v)->hash & (new_cap - 1);
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
  return str_finish(s);
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

static Value str_upper_lower(VM *vm, Value self, bool upper) {
  ObjStr *src = AS_STR(self), *s;
  uint32_t i;
  vm_push_root(vm, self);
  s = str_alloc(vm, src->len);
  vm_pop_root(vm);
  if (s == NULL) return EXC_VAL;
  for (i = 0; i < src->len; i++) {
    char c = src->chars[i];
    if (upper && c >= 'a' && c <= 'z') c = (char)(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = (char)(c + 32);
    s->chars[i] = c;
  }
  return str_finish(s);
}

static Value m_upper(VM *vm, int argc, Value *args) { (void)argc; return str_upper_lower(vm, args[0], true); }
static Value m_lower(VM *vm, int argc, Value *args) { (void)argc; return str_upper_lower(vm, args[0], false); }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

static Value m_strip(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  uint32_t a = 0, b = s->len;
  (void)argc;
  while (a < b && is_space(s->chars[a])) a++;
  while (b > a && is_space(s->chars[b - 1])) b--;
  return str_new(vm, s->chars + a, b - a);
}

static Value m_split(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  Value list = list_new(vm, 0), piece;
  uint32_t i = 0;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  if (argc < 2 || IS_NONE(args[1])) {
    while (i < s->len) {
      uint32_t start;
      while (i < s->len && is_space(s->chars[i])) i++;
      if (i >= s->len) break;
      start = i;
      while (i < s->len && !is_space(s->chars[i])) i++;
      piece = str_new(vm, s->chars + start, i - start);
      if (piece == EXC_VAL || !list_append(vm, AS_LIST(list), piece)) goto fail;
    }
  } else {
    ObjStr *sep;
    long at;
    if (!need_str(vm, args[1], "separator")) goto fail;
    sep = AS_STR(args[1]);
    if (sep->len == 0) { vm_raise(vm, &exc_ValueError, "empty separator"); goto fail; }
    for (;;) {
      at = str_find_from(s, sep, i);
      if (at < 0) break;
      piece = str_new(vm, s->chars + i, (uint32_t)at - i);
      if (piece == EXC_VAL || !list_append(vm, AS_LIST(list), piece)) goto fail;
      i = (uint32_t)at + sep->len;
    }
    piece = str_new(vm, s->chars + i, s->len - i);
    if (piece == EXC_VAL || !list_append(vm, AS_LIST(list), piece)) goto fail;
  }
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value m_join(VM *vm, int argc, Value *args) {
  ObjStr *sep = AS_STR(args[0]);
  Value iter, item;
  bool first = true;
  (void)argc;
  iter = value_iter(vm, args[1]);
  if (iter == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, iter);
  /* Build into a list of parts first: vm_sb is not reentrant across value_iter_next. */
  vm_sb_reset(vm);
  for (;;) {
    item = value_iter_next(vm, iter);
    if (item == STOP_VAL) break;
    if (item == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
    if (!IS_STR(item)) {
      vm_pop_root(vm);
      return vm_raise_fmt(vm, &exc_TypeError, "sequence item: expected str instance, %t found", item);
    }
    if (!first) vm_sb_add(vm, sep->chars, sep->len);
    vm_sb_add(vm, AS_STR(item)->chars, AS_STR(item)->len);
    first = false;
  }
  vm_pop_root(vm);
  return vm_sb_to_str(vm);
}

static Value m_startswith(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]), *p;
  (void)argc;
  if (!need_str(vm, args[1], "prefix")) return EXC_VAL;
  p = AS_STR(args[1]);
  return BOOL_VAL(p->len <= s->len && memcmp(s->chars, p->chars, p->len) == 0);
}

static Value m_endswith(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]), *p;
  (void)argc;
  if (!need_str(vm, args[1], "suffix")) return EXC_VAL;
  p = AS_STR(args[1]);
  return BOOL_VAL(p->len <= s->len && memcmp(s->chars + s->len - p->len, p->chars, p->len) == 0);
}

static Value m_find(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]);
  long at;
  (void)argc;
  if (!need_str(vm, args[1], "argument")) return EXC_VAL;
  at = str_find_from(s, AS_STR(args[1]), 0);
  if (at < 0) return INT_VAL(-1);
  return INT_VAL((vint)count_chars(s->chars, (size_t)at));
}

static Value m_replace(VM *vm, int argc, Value *args) {
  ObjStr *s = AS_STR(args[0]), *old, *new_;
  uint32_t i = 0;
  long at;
  (void)argc;
  if (!need_str(vm, args[1], "old") || !need_str(vm, args[2], "new")) return EXC_VAL;
  old = AS_STR(args[1]);
  new_ = AS_STR(args[2]);
  vm_sb_reset(vm);
  if (old->len == 0) {
    /* CPython inserts `new` between every character and at both ends. */
    uint32_t k;
    vm_sb_add(vm, new_->chars, new_->len);
    for (k = 0; k < s->nchars; k++) {
      uint32_t a = char_offset(s, k), b = char_offset(s, k + 1);
      vm_sb_add(vm, s->chars + a, b - a);
      vm_sb_add(vm, new_->chars, new_->len);
    }
    return vm_sb_to_str(vm);
  }
  for (;;) {
    at = str_find_from(s, old, i);
    if (at < 0) break;
    vm_sb_add(vm, s->chars + i, (uint32_t)at - i);
    vm_sb_add(vm, new_->chars, new_->len);
    i = (uint32_t)at + old->len;
  }
  vm_sb_add(vm, s->chars + i, s->len - i);
  return vm_sb_to_str(vm);
}

static const MethodDef str_methods[] = {
  {"upper", m_upper, 0, 0, NULL},
  {"lower", m_lower, 0, 0, NULL},
  {"strip", m_strip, 0, 0, NULL},
  {"split", m_split, 0, 1, NULL},
  {"join", m_join, 1, 1, NULL},
  {"startswith", m_startswith, 1, 1, NULL},
  {"endswith", m_endswith, 1, 1, NULL},
  {"find", m_find, 1, 1, NULL},
  {"replace", m_replace, 2, 2, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type str_type = {{&type_type}, "str", NULL, NULL, str_methods};

static void str_iter_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjIter *)obj)->seq); }
const Type str_iter_type = {{&type_type}, "str_ascii_iterator", NULL, str_iter_trace, NULL};

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
  memcpy(vm->sb + vm->sb_len, s, len);
  vm->sb_len += (uint32_t)len;
}

void vm_sb_cstr(VM *vm, const char *s) { vm_sb_add(vm, s, strlen(s)); }

Value vm_sb_to_str(VM *vm) {
  ObjStr *s;
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  s = str_alloc(vm, vm->sb_len);  /* the builder is a root: its text survives */
  if (s == NULL) return EXC_VAL;
  memcpy(s->chars, vm->sb, vm->sb_len);
  return str_finish(s);
}
