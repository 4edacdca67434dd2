/* What the debugger shows of a stopped program (debug.h): threads, their frames, a frame's
 * scopes, the variables in a scope or inside a value, and expressions evaluated in a frame. The
 * replies are the DEBUG_REPLY payloads of docs/link-protocol.md#debugging.
 *
 * Frame ids are computed, not stored: a thread's place in the thread list (main first, then by
 * ident) and the frame's depth in that thread. A scope's reference encodes its frame and kind.
 * A value's reference is its place in a table of values (rooted for the GC) that lasts until
 * the program resumes; when the table is full, a value gets reference 0 (not expandable). */
#include <string.h>

#include "debug.h"

#if VIPER_DEBUGGER

#include "call.h"
#include "gen/image_format.h"
#include "gen/link_protocol.h"
#include "loader.h"
#include "thread.h"

/* Values a stop can hand references to: one per 8 KB of heap, between these (a board's few
 * dozen, a host's thousand). The table is a raw block made at the first reference. */
#define REFS_MIN 64
#define REFS_MAX 1024
#define HEAP_PER_REF 8192

#define REPR_MAX 120              /* bytes of a value's repr, the ellipsis included */
#define FRAME_DEPTH_BITS 10       /* a frame id: thread slot << 10 | depth */
#define MAX_THREAD_SLOTS 63       /* slot 63 with depth 1023 would be 0xffff, the __main__ id */
#define MAIN_GLOBALS_FRAME 0xffffu
/* A scope's reference: SCOPE_REF | frame id << 8 | kind, below 2^31 as DAP wants references. */
#define SCOPE_REF 0x40000000u

#if VIPER_MAX_FRAMES >= (1 << FRAME_DEPTH_BITS)
#error "frame ids hold a depth below 1024"
#endif

/* ==== the reply being written ============================================================= */

typedef struct Out {
  uint8_t *p;
  size_t len, room;
  bool full;   /* something did not fit: the reply is cut at the last whole entry */
} Out;

static void put(Out *o, const void *data, size_t n) {
  if (o->full || n > o->room - o->len) { o->full = true; return; }
  memcpy(o->p + o->len, data, n);
  o->len += n;
}
static void put8(Out *o, uint32_t v) { uint8_t b = (uint8_t)v; put(o, &b, 1); }
static void put16(Out *o, uint32_t v) { uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)}; put(o, b, 2); }
static void put32(Out *o, uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  put(o, b, 4);
}
static void put_str16(Out *o, const char *s, size_t n) {
  if (n > 0xFFFF) n = 0xFFFF;
  put16(o, (uint32_t)n);
  put(o, s, n);
}
static void put_cstr16(Out *o, const char *s) { put_str16(o, s, strlen(s)); }
static void put_objstr16(Out *o, const ObjStr *s) {
  if (s == NULL) put_str16(o, "", 0);
  else put_str16(o, s->chars, s->len);
}

static long fail(const char **why, const char *text) {
  *why = text;
  return -1;
}

/* ==== references ========================================================================== */

static uint32_t refs_max(const VM *vm) {
  size_t n = (size_t)(vm->heap_limit - vm->heap_start) / HEAP_PER_REF;
  return n < REFS_MIN ? REFS_MIN : n > REFS_MAX ? REFS_MAX : (uint32_t)n;
}

/* The value's reference, made on first need; 0 when the table is full or cannot be made. */
static uint32_t ref_of(VM *vm, Value v) {
  uint32_t i;
  for (i = 0; i < vm->debug_nrefs; i++)
    if (vm->debug_refs[i] == v) return i + 1;
  if (vm->debug_refs == NULL) {
    vm->debug_refs = (Value *)mem_alloc(vm, refs_max(vm) * sizeof(Value), false);
    if (vm->debug_refs == NULL) return 0;
  }
  if (vm->debug_nrefs >= refs_max(vm)) return 0;
  vm->debug_refs[vm->debug_nrefs++] = v;
  return vm->debug_nrefs;
}

void debug_inspect_forget(VM *vm) {
  mem_free(vm, vm->debug_refs);
  vm->debug_refs = NULL;
  vm->debug_nrefs = 0;
}

void debug_inspect_mark(VM *vm) {
  uint32_t i;
  if (vm->debug_refs == NULL) return;
  gc_mark_raw(vm, vm->debug_refs);
  for (i = 0; i < vm->debug_nrefs; i++) gc_mark_value(vm, vm->debug_refs[i]);
}

/* ==== threads and frames ================================================================== */

typedef struct ThreadList {
  ObjThread *t[MAX_THREAD_SLOTS];
  int count;
} ThreadList;

static bool thread_listed(ObjThread *t) { return !thread_over(t); }

/* Main first, then the others by ident (the order they started). */
static bool list_threads(VM *vm, ThreadList *l) {
  ObjThread *t;
  uint32_t after = 0;   /* the ident listed last */
  l->count = 0;
  if (vm->current == NULL) {   /* no thread was ever started: make main's record */
    RaiseState saved;
    bool ok;
    raise_state_save(vm, &saved);
    ok = thread_current(vm) != NULL;
    raise_state_restore(vm, &saved);
    if (!ok) return false;
  }
  if (vm->main_thread != NULL && thread_listed(vm->main_thread)) l->t[l->count++] = vm->main_thread;
  while (l->count < MAX_THREAD_SLOTS) {
    ObjThread *next = NULL;
    for (t = vm->threads; t != NULL; t = t->next)
      if (t != vm->main_thread && t->ident > after && (next == NULL || t->ident < next->ident) && thread_listed(t))
        next = t;
    if (next == NULL) break;
    l->t[l->count++] = next;
    after = next->ident;
  }
  return true;
}

/* The thread's frames, outermost first: the running thread's are the VM's own. */
static int thread_frames(VM *vm, ObjThread *t, Frame **frames) {
  ThreadState s;
  if (t == vm->current) { *frames = vm->frames; return vm->frame_count; }
  s = thread_state(t);
  if (s == THREAD_NEW || s == THREAD_DONE || s == THREAD_CUT) { *frames = NULL; return 0; }
  *frames = t->run.frames;
  return t->run.frame_count;
}

/* The frame an id names, or NULL. */
static Frame *frame_of_id(VM *vm, uint16_t id) {
  ThreadList l;
  Frame *frames;
  int slot = id >> FRAME_DEPTH_BITS, depth = id & ((1 << FRAME_DEPTH_BITS) - 1), n;
  if (!list_threads(vm, &l) || slot >= l.count) return NULL;
  n = thread_frames(vm, l.t[slot], &frames);
  return depth < n ? &frames[depth] : NULL;
}

/* The line a frame is at: its saved ip is past the instruction it is in (a call, or the one the
 * engine stopped before: ip is then past its opcode). */
static uint32_t frame_line(const Frame *f) {
  uint32_t pc = (uint32_t)(f->ip - f->code->code);
  return code_line_at(f->code, pc > 0 ? pc - 1 : 0);
}

static bool is_module_frame(const Frame *f) { return (f->code->flags & CODE_FLAG_MODULE) != 0; }
static bool is_class_body(const Frame *f) { return !is_module_frame(f) && f->ns != f->globals; }

/* How many of a function frame's last locals are its closure's (COPY_FREE_VARS fills them). */
static uint32_t free_count(const Frame *f) {
  Value callee = f->slots[-1], closure = NONE_VAL;
  if (IS_FUNCTION(callee)) closure = AS_FUNCTION(callee)->closure;
  else if (IS_OBJ(callee) && IS_GENLIKE(callee)) closure = ((ObjGenerator *)AS_OBJ(callee))->fn->closure;
  if (!IS_TUPLE(closure) || AS_TUPLE(closure)->len > f->code->nlocals) return 0;
  return AS_TUPLE(closure)->len;
}

/* A local slot's value: a cell's content (UNBOUND_VAL while unset). */
static Value local_value(Value v) { return IS_TYPE(v, &cell_type) ? ((ObjCell *)AS_OBJ(v))->value : v; }

long debug_reply_threads(VM *vm, uint8_t *out, size_t room, const char **why) {
  Out o = {out, 0, room, false};
  ThreadList l;
  int i;
  if (!list_threads(vm, &l)) return fail(why, "no memory for the thread list");
  put8(&o, (uint32_t)l.count);
  for (i = 0; i < l.count; i++) {
    ObjThread *t = l.t[i];
    ThreadState s = thread_state(t);
    uint8_t state = t == vm->current ? DEBUG_THREAD_STOPPED
                    : s == THREAD_BLOCKED || s == THREAD_OUTSIDE ? DEBUG_THREAD_BLOCKED : DEBUG_THREAD_READY;
    size_t n = IS_STR(t->name) ? AS_STR(t->name)->len : 0;
    put32(&o, t->ident);
    put8(&o, state);
    if (n > 255) {   /* a str8: cut at a character */
      n = 255;
      while (n > 0 && ((uint8_t)AS_STR(t->name)->chars[n] & 0xC0) == 0x80) n--;
    }
    put8(&o, (uint32_t)n);
    if (n > 0) put(&o, AS_STR(t->name)->chars, n);
  }
  return o.full ? fail(why, "the reply does not fit") : (long)o.len;
}

long debug_reply_stack(VM *vm, uint32_t thread, uint16_t start, uint16_t levels, uint8_t *out, size_t room,
                       const char **why) {
  Out o = {out, 0, room, false};
  ThreadList l;
  Frame *frames;
  int slot, total, k;
  uint32_t count = 0;
  if (!list_threads(vm, &l)) return fail(why, "no memory for the thread list");
  for (slot = 0; slot < l.count && l.t[slot]->ident != thread; slot++) {}
  if (slot == l.count) return fail(why, "no such thread");
  total = thread_frames(vm, l.t[slot], &frames);
  put16(&o, (uint32_t)total);
  put8(&o, 0);   /* the count, written at the end */
  for (k = total - 1 - start; k >= 0 && count < 255 && (levels == 0 || count < levels); k--) {
    const Frame *f = &frames[k];
    size_t before = o.len;
    put16(&o, (uint32_t)(slot << FRAME_DEPTH_BITS | k));
    put_objstr16(&o, f->code->file);
    put_objstr16(&o, f->code->qualname);
    put16(&o, frame_line(f));
    if (o.full) {
      o.len = before;
      break;
    }
    count++;
  }
  if (count == 0 && o.full) return fail(why, "the reply does not fit");
  out[2] = (uint8_t)count;
  return (long)o.len;
}

/* ==== variables =========================================================================== */

/* Names and values inside something a reference points at. The enumeration is by index, so a
 * page starts where the host asks. */
typedef enum { SRC_NONE, SRC_LOCALS, SRC_CLOSURE, SRC_DICT_NAMES, SRC_DICT_ITEMS, SRC_SEQ, SRC_SET } SourceKind;

typedef struct Source {
  SourceKind kind;
  const Frame *frame;   /* SRC_LOCALS, SRC_CLOSURE: the frame's local slots [first, end) */
  uint32_t first, end;
  Value container;      /* the dict, list, tuple or set */
} Source;

static Source scope_source(const Frame *f, uint8_t kind) {
  Source s;
  memset(&s, 0, sizeof s);
  s.container = NONE_VAL;
  if (kind == DEBUG_SCOPE_GLOBALS) {
    s.kind = SRC_DICT_NAMES;
    s.container = OBJ_VAL(f->globals);
  } else if (kind == DEBUG_SCOPE_LOCALS && is_class_body(f)) {
    s.kind = SRC_DICT_NAMES;
    s.container = OBJ_VAL(f->ns);
  } else if (!is_module_frame(f) && !is_class_body(f) && kind <= DEBUG_SCOPE_CLOSURE) {
    uint32_t nfree = free_count(f);
    s.kind = kind == DEBUG_SCOPE_LOCALS ? SRC_LOCALS : SRC_CLOSURE;
    s.frame = f;
    s.first = kind == DEBUG_SCOPE_LOCALS ? 0 : f->code->nlocals - nfree;
    s.end = kind == DEBUG_SCOPE_LOCALS ? f->code->nlocals - nfree : f->code->nlocals;
  }
  return s;
}

/* What is inside a value, as variables: the source, or SRC_NONE. */
static Source value_source(Value v) {
  Source s;
  memset(&s, 0, sizeof s);
  s.container = v;
  if (IS_LIST(v) || IS_TUPLE(v)) s.kind = SRC_SEQ;
  else if (IS_DICT(v)) s.kind = SRC_DICT_ITEMS;
  else if (IS_ANYSET(v)) s.kind = SRC_SET;
  else if (IS_INSTANCE(v) && ((ObjInstance *)AS_OBJ(v))->dict != NULL) {
    s.kind = SRC_DICT_NAMES;
    s.container = OBJ_VAL(((ObjInstance *)AS_OBJ(v))->dict);
  } else if (IS_PYCLASS(v)) {
    s.kind = SRC_DICT_NAMES;
    s.container = OBJ_VAL(((ObjClass *)AS_OBJ(v))->dict);
  } else if (IS_MODULE(v)) {
    s.kind = SRC_DICT_NAMES;
    s.container = OBJ_VAL(AS_MODULE(v)->dict);
  } else {
    s.kind = SRC_NONE;
  }
  return s;
}

/* The index'th name/value of the source (false past the end). Unbound locals are left out. */
static bool source_at(const Source *s, uint32_t index, Value *key, Value *value, uint32_t *slot) {
  uint32_t i, seen = 0;
  switch (s->kind) {
  case SRC_LOCALS: case SRC_CLOSURE:
    for (i = s->first; i < s->end; i++) {
      Value v = local_value(s->frame->slots[i]);
      if (v == UNBOUND_VAL) continue;
      if (seen++ == index) { *key = s->frame->code->local_names[i]; *value = v; return true; }
    }
    return false;
  case SRC_DICT_NAMES: case SRC_DICT_ITEMS: {
    ObjDict *d = AS_DICT(s->container);
    for (i = 0; i < d->used; i++) {
      if (d->entries[i].key == DELETED_VAL) continue;
      if (seen++ == index) { *key = d->entries[i].key; *value = d->entries[i].value; return true; }
    }
    return false;
  }
  case SRC_SEQ: {
    uint32_t n = IS_LIST(s->container) ? AS_LIST(s->container)->len : AS_TUPLE(s->container)->len;
    if (index >= n) return false;
    *slot = index;
    *key = NONE_VAL;
    *value = IS_LIST(s->container) ? AS_LIST(s->container)->items[index] : AS_TUPLE(s->container)->items[index];
    return true;
  }
  case SRC_SET: {
    ObjSet *set = AS_SET(s->container);
    for (i = 0; i <= set->mask && set->table != NULL; i++) {
      Value k = set->table[i].key;
      if (k == UNBOUND_VAL || k == DELETED_VAL) continue;
      if (seen++ == index) { *slot = index; *key = NONE_VAL; *value = k; return true; }
    }
    return false;
  }
  default:
    return false;
  }
}

static uint32_t source_count(const Source *s) {
  uint32_t n = 0;
  Value k, v;
  uint32_t slot;
  switch (s->kind) {
  case SRC_DICT_NAMES: case SRC_DICT_ITEMS: return AS_DICT(s->container)->live;
  case SRC_SEQ: return IS_LIST(s->container) ? AS_LIST(s->container)->len : AS_TUPLE(s->container)->len;
  case SRC_SET: return AS_SET(s->container)->used;
  case SRC_NONE: return 0;
  default:
    while (source_at(s, n, &k, &v, &slot)) n++;
    return n;
  }
}

static uint32_t children_of(Value v) {
  Source s = value_source(v);
  return source_count(&s);
}

/* repr(v) into the string builder, stopping once it is past REPR_MAX: a big list's, tuple's or
 * dict's repr is written up to its first items only (the rest would be cut anyway), so a board
 * never builds the text of a thousand items to show 120 bytes of it. */
static void write_repr_upto(VM *vm, Value v) {
  uint32_t i;
  bool dict = IS_DICT(v), list = IS_LIST(v), first = true;
  if (!list && !dict && !IS_TUPLE(v)) {
    value_write(vm, v, true);
    return;
  }
  if (!repr_enter(vm, v)) {
    vm_sb_cstr(vm, list ? "[...]" : "{...}");
    return;
  }
  vm_sb_add(vm, list ? "[" : dict ? "{" : "(", 1);
  for (i = 0; vm->sb_len <= REPR_MAX && !vm->sb_oom; i++) {   /* lengths read again: a __repr__ may change them */
    if (dict) {
      ObjDict *d = AS_DICT(v);
      while (i < d->used && d->entries[i].key == DELETED_VAL) i++;
      if (i >= d->used) break;
      if (!first) vm_sb_add(vm, ", ", 2);
      first = false;
      write_repr_upto(vm, d->entries[i].key);
      vm_sb_add(vm, ": ", 2);
      if (i < d->used && d->entries[i].key != DELETED_VAL) write_repr_upto(vm, d->entries[i].value);
    } else {
      uint32_t n = list ? AS_LIST(v)->len : AS_TUPLE(v)->len;
      if (i >= n) break;
      if (i > 0) vm_sb_add(vm, ", ", 2);
      write_repr_upto(vm, list ? AS_LIST(v)->items[i] : AS_TUPLE(v)->items[i]);
    }
  }
  if (vm->sb_len <= REPR_MAX) vm_sb_cstr(vm, list ? "]" : dict ? "}" : i == 1 ? ",)" : ")");
  vm->repr_depth--;
}

/* An object's own __repr__ raised: "<__repr__ raised Type: message>" in the builder. */
static void write_repr_failed(VM *vm) {
  char text[REPR_MAX];
  size_t n;
  vm_format_exception_value(vm, vm->exc);
  n = vm->sb_len < sizeof text ? vm->sb_len : sizeof text;
  memcpy(text, vm->sb, n);
  vm_sb_reset(vm);
  vm_sb_cstr(vm, "<__repr__ raised ");
  vm_sb_add(vm, text, n);
  vm_sb_add(vm, ">", 1);
}

/* repr(v) into the string builder, run with no exception pending and leaving none: the program's
 * exception state is as it was. */
static void write_repr(VM *vm, Value v) {
  RaiseState saved;
  RootMark mark = gc_root_mark(vm);
  raise_state_save(vm, &saved);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  vm_push_root(vm, saved.traceback_exc);
  vm->exc = NONE_VAL;
  vm_sb_reset(vm);
  if (!IS_INSTANCE(v)) {
    write_repr_upto(vm, v);
  } else if (!class_write(vm, v, true)) {   /* (the VM's own repr writes nothing then) */
    write_repr_failed(vm);
  } else if (vm->sb_len == 0 && type_is_exception(OBJ_TYPE(v))) {
    exception_write(vm, v, true);
  }
  raise_state_restore(vm, &saved);
  gc_root_restore(vm, mark);
}

/* The string builder's text as a str16 of at most REPR_MAX bytes, cut at a character with "…". */
static void put_sb_cut(VM *vm, Out *o) {
  size_t n = vm->sb_len;
  if (n <= REPR_MAX && !vm->sb_oom) { put_str16(o, vm->sb, n); return; }
  n = n < REPR_MAX - 3 ? n : REPR_MAX - 3;   /* out of memory: what was written, cut */
  while (n > 0 && n < vm->sb_len && ((uint8_t)vm->sb[n] & 0xC0) == 0x80) n--;   /* not inside a UTF-8 sequence */
  put16(o, (uint32_t)(n + 3));
  put(o, vm->sb, n);
  put(o, "\xE2\x80\xA6", 3);
}

static void put_type_name(Out *o, Value v) {
  const Type *t = value_type(v);
  if (IS_CLASS_TYPE(t)) put_objstr16(o, ((const ObjClass *)t)->name);
  else put_cstr16(o, t->name);
}

/* type name, value, reference, children: the tail of a variable and of an evaluation. */
static void put_value(VM *vm, Out *o, Value v) {
  uint32_t children = children_of(v);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, v);
  put_type_name(o, v);
  write_repr(vm, v);
  put_sb_cut(vm, o);
  put32(o, children > 0 && !o->full ? ref_of(vm, v) : 0);
  put32(o, children);
  gc_root_restore(vm, mark);
}

static void put_name(VM *vm, Out *o, const Source *s, Value key, uint32_t slot) {
  char digits[12];
  int n = 0;
  if (s->kind == SRC_SEQ || s->kind == SRC_SET) {
    do { digits[sizeof digits - 1 - n++] = (char)('0' + slot % 10); slot /= 10; } while (slot > 0);
    put_str16(o, digits + sizeof digits - n, (size_t)n);
  } else if (s->kind == SRC_DICT_ITEMS || !IS_STR(key)) {
    write_repr(vm, key);
    put_sb_cut(vm, o);
  } else {
    put_objstr16(o, AS_STR(key));
  }
}

static long reply_variables(VM *vm, const Source *s, uint32_t start, uint16_t want, Out *o, const char **why) {
  uint32_t count = 0, total = source_count(s);
  RootMark mark = gc_root_mark(vm);
  vm_push_root(vm, s->container);   /* a __repr__ may drop the program's last reference to it */
  put32(o, total);
  put8(o, 0);   /* the count, written at the end */
  while (count < 255 && (want == 0 || count < want)) {
    Value key, value;
    uint32_t slot = 0;
    size_t before = o->len;
    if (!source_at(s, start + count, &key, &value, &slot)) break;   /* a __repr__ may have shrunk it */
    vm_push_root(vm, key);   /* the key's __repr__ may drop the value from its container */
    vm_push_root(vm, value);
    put_name(vm, o, s, key, slot);
    put_value(vm, o, value);
    gc_root_restore(vm, mark + 1);
    if (o->full) {
      o->len = before;
      break;
    }
    count++;
  }
  gc_root_restore(vm, mark);
  if (count == 0 && o->full) return fail(why, "the reply does not fit");
  o->p[4] = (uint8_t)count;
  return (long)o->len;
}

long debug_reply_scopes(VM *vm, uint16_t frame_id, uint8_t *out, size_t room, const char **why) {
  Out o = {out, 0, room, false};
  const Frame *f = frame_of_id(vm, frame_id);
  uint8_t kinds[3];
  int n = 0, i;
  if (f == NULL) return fail(why, "no such frame");
  if (!is_module_frame(f)) kinds[n++] = DEBUG_SCOPE_LOCALS;
  if (!is_module_frame(f) && !is_class_body(f) && free_count(f) > 0) kinds[n++] = DEBUG_SCOPE_CLOSURE;
  kinds[n++] = DEBUG_SCOPE_GLOBALS;
  put8(&o, (uint32_t)n);
  for (i = 0; i < n; i++) {
    Source s = scope_source(f, kinds[i]);
    put8(&o, kinds[i]);
    put32(&o, SCOPE_REF | (uint32_t)frame_id << 8 | kinds[i]);
    put32(&o, source_count(&s));
  }
  return o.full ? fail(why, "the reply does not fit") : (long)o.len;
}

long debug_reply_variables(VM *vm, uint32_t ref, uint32_t start, uint16_t count, uint8_t *out, size_t room,
                           const char **why) {
  Out o = {out, 0, room, false};
  Source s;
  if (ref & SCOPE_REF) {
    uint8_t kind = (uint8_t)ref;
    const Frame *f = (ref & ~(SCOPE_REF | 0xFFFFFFu)) == 0 ? frame_of_id(vm, (uint16_t)(ref >> 8)) : NULL;
    if (f == NULL || kind > DEBUG_SCOPE_CLOSURE) return fail(why, "no such scope");
    s = scope_source(f, kind);
    if (s.kind == SRC_NONE) return fail(why, "no such scope");
  } else {
    if (ref == 0 || ref > vm->debug_nrefs) return fail(why, "no such reference");
    s = value_source(vm->debug_refs[ref - 1]);
  }
  return reply_variables(vm, &s, start, count, &o, why);
}

/* ==== evaluate ============================================================================ */

/* The namespace an expression sees in a function frame: its locals and closure, by name. */
static Value frame_namespace(VM *vm, const Frame *f) {
  Value d = dict_new(vm);
  uint32_t i;
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  for (i = 0; i < f->code->nlocals; i++) {
    Value v = local_value(f->slots[i]);
    if (v != UNBOUND_VAL && !dict_set(vm, AS_DICT(d), f->code->local_names[i], v)) {
      vm_pop_root(vm);
      return EXC_VAL;
    }
  }
  vm_pop_root(vm);
  return d;
}

/* A verified image of one module (an expression's): more would add to the program's modules. */
static bool one_module(const uint8_t *image, size_t len) {
  size_t at = IMAGE_HEADER_SIZE + 2;
  uint32_t i, nnames = (uint32_t)(image[IMAGE_HEADER_SIZE] | image[IMAGE_HEADER_SIZE + 1] << 8);
  for (i = 0; i < nnames && at + 2 <= len; i++) at += 2 + (size_t)(image[at] | image[at + 1] << 8);
  return at + 2 <= len && (image[at] | image[at + 1] << 8) == 1;
}

/* The image's main code, loaded without disturbing the program's name and code tables. */
static ObjCode *load_expression(VM *vm, const uint8_t *image, size_t len) {
  Value *names = vm->names;
  ObjCode **codes = vm->codes, *code = NULL;
  uint32_t nnames = vm->nnames, ncodes = vm->ncodes, main_code = vm->main_code;
  if (image_load(vm, image, len)) code = vm->codes[vm->main_code];
  vm->names = names;
  vm->nnames = nnames;
  vm->codes = codes;
  vm->ncodes = ncodes;
  vm->main_code = main_code;
  return code;
}

/* Run code with ns for its names (then globals, then builtins); its value, or EXC_VAL. */
static Value run_expression(VM *vm, ObjCode *code, ObjDict *globals, ObjDict *ns) {
  Value result = NONE_VAL, *saved = vm->sp, *v;
  Frame *f;
  int base = vm->frame_count;
  if (vm->frame_count >= vm->max_frames || vm->sp + 1 + code->nlocals + code->stacksize > vm->stack_end)
    return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = NONE_VAL;
  f = &vm->frames[vm->frame_count++];
  f->code = code;
  f->ip = code->code;
  f->slots = vm->sp;
  f->globals = globals;
  f->ns = ns;
  f->nblocks = 0;
  for (v = vm->sp; v < vm->sp + code->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp += code->nlocals;
  if (vm_execute(vm, base, &result) != VM_OK) result = EXC_VAL;
  vm->sp = saved;
  vm->frame_count = base;
  return result;
}

long debug_reply_evaluate(VM *vm, uint16_t frame_id, const uint8_t *image, size_t len, uint8_t *out, size_t room,
                          const char **why) {
  Out o = {out, 0, room, false};
  RaiseState saved;
  RootMark mark = gc_root_mark(vm);
  Value stop_value = vm->stop_value, result = EXC_VAL, ns;
  const Frame *f = NULL;
  ObjDict *globals = vm->globals;
  ObjCode *code;
  if (len < IMAGE_HEADER_SIZE + 2 || !one_module(image, len)) return fail(why, "an expression is an image of one module");
  if (frame_id != MAIN_GLOBALS_FRAME) {
    f = frame_of_id(vm, frame_id);
    if (f == NULL) return fail(why, "no such frame");
    globals = f->globals;
  }
  raise_state_save(vm, &saved);
  vm_push_root(vm, saved.exc);
  vm_push_root(vm, saved.handling);
  vm_push_root(vm, saved.traceback_exc);
  vm_push_root(vm, stop_value);
  vm->exc = NONE_VAL;
  vm->handling = NONE_VAL;
  ns = f == NULL || is_module_frame(f) ? OBJ_VAL(globals)
       : is_class_body(f)              ? OBJ_VAL(f->ns)
                                       : frame_namespace(vm, f);
  if (ns != EXC_VAL) {
    vm_push_root(vm, ns);
    code = load_expression(vm, image, len);
    if (code != NULL) {
      vm_push_root(vm, OBJ_VAL(code));
      result = run_expression(vm, code, globals, AS_DICT(ns));
    }
  }
  if (result != EXC_VAL) {
    put8(&o, 1);
    put_value(vm, &o, result);
  } else {
    Value exc = vm->exc;
    vm_push_root(vm, exc);
    put8(&o, 0);
    put_type_name(&o, exc);
    vm_format_exception_value(vm, exc);
    put_sb_cut(vm, &o);
    put32(&o, 0);
    put32(&o, 0);
  }
  raise_state_restore(vm, &saved);
  vm->stop_value = stop_value;
  gc_root_restore(vm, mark);
  return o.full ? fail(why, "the reply does not fit") : (long)o.len;
}

#endif
