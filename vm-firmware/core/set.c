/* set and frozenset: CPython's open-addressed table (linear probes, then perturbation) with
 * CPython's hashes for numbers, so a set of ints iterates and prints in CPython's order.
 * Empty slots hold UNBOUND_VAL, removed ones DELETED_VAL with hash -1. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"
#if VIPER_HAS_SET   /* config.h: the level leaves it out (level_stubs.c answers for it) */

#define MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

static void set_trace(VM *vm, Obj *obj) {
  ObjSet *s = (ObjSet *)obj;
  uint32_t i;
  gc_mark_raw(vm, s->table);
  if (s->table != NULL)
    for (i = 0; i <= s->mask; i++) gc_mark_value(vm, s->table[i].key);
}

static SetEntry *table_new(VM *vm, uint32_t size) {
  SetEntry *t = (SetEntry *)raw_alloc(vm, size * sizeof(SetEntry));
  uint32_t i;
  if (t == NULL) return NULL;
  for (i = 0; i < size; i++) { t[i].key = UNBOUND_VAL; t[i].hash = 0; }
  return t;
}

Value set_new(VM *vm, const Type *type) {
  ObjSet *s = (ObjSet *)obj_alloc(vm, type, sizeof(ObjSet));
  SetEntry *t;
  if (s == NULL) return EXC_VAL;
  vm_push_root(vm, OBJ_VAL(s));
  t = table_new(vm, MINSIZE);
  vm_pop_root(vm);
  if (t == NULL) return EXC_VAL;
  s->table = t;
  s->mask = MINSIZE - 1;
  return OBJ_VAL(s);
}

static void insert_clean(SetEntry *table, uint32_t mask, Value key, int64_t hash) {
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)((uint64_t)hash & mask), j;
  for (;;) {
    SetEntry *e = &table[i];
    if (e->key == UNBOUND_VAL) goto found;
    if (i + LINEAR_PROBES <= mask) {
      for (j = 0; j < LINEAR_PROBES; j++) {
        e++;
        if (e->key == UNBOUND_VAL) goto found;
      }
    }
    perturb >>= PERTURB_SHIFT;
    i = (size_t)((i * 5 + 1 + perturb) & mask);
    continue;
  found:
    e->key = key;
    e->hash = hash;
    return;
  }
}

static bool set_resize(VM *vm, ObjSet *s, uint32_t minused) {
  uint32_t size = MINSIZE, i, oldmask = s->mask;
  SetEntry *t, *old = s->table;
  while (size <= minused) {
    size <<= 1;
    if (size > 0x00800000u) { vm_raise(vm, &exc_MemoryError, NULL); return false; }
  }
  vm_push_root(vm, OBJ_VAL(s));
  t = table_new(vm, size);
  vm_pop_root(vm);
  if (t == NULL) return false;
  for (i = 0; i <= oldmask; i++)
    if (old[i].key != UNBOUND_VAL && old[i].key != DELETED_VAL) insert_clean(t, size - 1, old[i].key, old[i].hash);
  s->table = t;
  s->mask = size - 1;
  s->fill = s->used;
  mem_free(vm, old);
  return true;
}

/* The entry holding key, or NULL. */
static SetEntry *lookup(VM *vm, ObjSet *s, Value key, int64_t hash) {
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)((uint64_t)hash & s->mask);
  for (;;) {
    SetEntry *e = &s->table[i];
    int probes = (i + LINEAR_PROBES <= s->mask) ? LINEAR_PROBES : 0;
    do {
      if (e->key == UNBOUND_VAL) return NULL;
      if (e->hash == hash && e->key != DELETED_VAL && (e->key == key || value_equal(vm, e->key, key))) return e;
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (size_t)((i * 5 + 1 + perturb) & s->mask);
  }
}

static bool add_entry(VM *vm, ObjSet *s, Value key, int64_t hash) {
  uint64_t perturb = (uint64_t)hash;
  size_t i = (size_t)((uint64_t)hash & s->mask);
  SetEntry *freeslot = NULL, *e;
  for (;;) {
    int probes;
    e = &s->table[i];
    probes = (i + LINEAR_PROBES <= s->mask) ? LINEAR_PROBES : 0;
    do {
      if (e->key == UNBOUND_VAL) goto found_unused;
      if (e->hash == hash && e->key != DELETED_VAL) {
        if (e->key == key || value_equal(vm, e->key, key)) return true;
      } else if (e->key == DELETED_VAL && freeslot == NULL) {
        freeslot = e;
      }
      e++;
    } while (probes--);
    perturb >>= PERTURB_SHIFT;
    i = (size_t)((i * 5 + 1 + perturb) & s->mask);
  }
found_unused:
  if (freeslot != NULL) {
    freeslot->key = key;
    freeslot->hash = hash;
    s->used++;
    return true;
  }
  e->key = key;
  e->hash = hash;
  s->fill++;
  s->used++;
  if ((size_t)s->fill * 5 < (size_t)s->mask * 3) return true;
  return set_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

bool set_add(VM *vm, ObjSet *s, Value key) {
  int64_t h;
  if (!value_hash64(vm, key, &h)) return false;
  return add_entry(vm, s, key, h);
}

/* -1 error, 0 absent, 1 present */
int set_contains(VM *vm, ObjSet *s, Value key) {
  int64_t h;
  if (!value_hash64(vm, key, &h)) return -1;
  return lookup(vm, s, key, h) != NULL;
}

static bool discard_entry(VM *vm, ObjSet *s, Value key, int64_t hash) {
  SetEntry *e = lookup(vm, s, key, hash);
  if (e == NULL) return false;
  e->key = DELETED_VAL;
  e->hash = -1;
  s->used--;
  return true;
}

/* -1 error, 0 absent, 1 removed */
static int set_discard(VM *vm, ObjSet *s, Value key) {
  int64_t h;
  if (!value_hash64(vm, key, &h)) return -1;
  return discard_entry(vm, s, key, h);
}

/* Merge another set's entries (CPython's set_merge). */
static bool merge(VM *vm, ObjSet *s, ObjSet *o) {
  uint32_t i;
  if (o == s || o->used == 0) return true;
  if ((size_t)(s->fill + o->used) * 5 >= (size_t)s->mask * 3) {
    if (!set_resize(vm, s, (s->used + o->used) * 2)) return false;
  }
  if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
    memcpy(s->table, o->table, (o->mask + 1) * sizeof(SetEntry));
    s->fill = o->fill;
    s->used = o->used;
    return true;
  }
  if (s->fill == 0) {
    s->fill = s->used = o->used;
    for (i = 0; i <= o->mask; i++)
      if (o->table[i].key != UNBOUND_VAL && o->table[i].key != DELETED_VAL)
        insert_clean(s->table, s->mask, o->table[i].key, o->table[i].hash);
    return true;
  }
  for (i = 0; i <= o->mask; i++) {
    Value k = o->table[i].key;
    if (k != UNBOUND_VAL && k != DELETED_VAL && !add_entry(vm, s, k, o->table[i].hash)) return false;
  }
  return true;
}

bool set_update(VM *vm, ObjSet *s, Value iterable) {
  Value it, v;
  RootMark mark = gc_root_mark(vm);
  bool ok = true;
  if (IS_ANYSET(iterable)) return merge(vm, s, AS_SET(iterable));
  vm_push_root(vm, OBJ_VAL(s));
  vm_push_root(vm, iterable);
  if (IS_DICT(iterable)) {
    ObjDict *d = AS_DICT(iterable);
    uint32_t i;
    if ((size_t)(s->fill + d->live) * 5 >= (size_t)s->mask * 3) ok = set_resize(vm, s, (s->used + d->live) * 2);
    for (i = 0; ok && i < d->used; i++)
      if (d->entries[i].key != DELETED_VAL) ok = set_add(vm, s, d->entries[i].key);
    gc_root_restore(vm, mark);
    return ok;
  }
  it = value_iter(vm, iterable);
  ok = it != EXC_VAL;
  vm_push_root(vm, it);
  while (ok) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !set_add(vm, s, v)) ok = false;
  }
  gc_root_restore(vm, mark);
  return ok;
}

Value set_from(VM *vm, const Type *type, Value iterable) {
  Value s = set_new(vm, type);
  if (s == EXC_VAL || iterable == UNBOUND_VAL) return s;
  vm_push_root(vm, s);
  if (!set_update(vm, AS_SET(s), iterable)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return s;
}

/* A set (of type) from any iterable; sets pass through when make_copy is false. */
static Value as_set(VM *vm, Value v) {
  if (IS_ANYSET(v)) return v;
  return set_from(vm, &set_type, v);
}

/* ---- algebra ---------------------------------------------------------------------------- */

static Value set_copy_of(VM *vm, Value a, const Type *type) { return set_from(vm, type, a); }

static Value set_intersection(VM *vm, Value a, Value b) {
  Value r, other;
  RootMark mark = gc_root_mark(vm);
  ObjSet *so, *ot;
  uint32_t i;
  r = set_new(vm, OBJ_TYPE(a));
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  if (!IS_ANYSET(b)) {
    Value it = value_iter(vm, b), v;
    if (it == EXC_VAL) r = EXC_VAL;
    vm_push_root(vm, it);
    while (r != EXC_VAL) {
      int64_t h;
      v = value_iter_next(vm, it);
      if (v == STOP_VAL) break;
      if (v == EXC_VAL || !value_hash64(vm, v, &h)) r = EXC_VAL;
      else if (lookup(vm, AS_SET(a), v, h) != NULL && !add_entry(vm, AS_SET(r), v, h)) r = EXC_VAL;
    }
    gc_root_restore(vm, mark);
    return r;
  }
  so = AS_SET(a);
  ot = AS_SET(b);
  if (ot->used > so->used) { ObjSet *t = so; so = ot; ot = t; }
  other = OBJ_VAL(ot);
  (void)other;
  for (i = 0; i <= ot->mask; i++) {
    SetEntry e = ot->table[i];
    if (e.key == UNBOUND_VAL || e.key == DELETED_VAL) continue;
    if (lookup(vm, so, e.key, e.hash) != NULL && !add_entry(vm, AS_SET(r), e.key, e.hash)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return r;
}

static bool difference_update(VM *vm, ObjSet *s, Value b) {
  if (OBJ_VAL(s) == b) {
    uint32_t i;
    for (i = 0; i <= s->mask; i++) { s->table[i].key = UNBOUND_VAL; s->table[i].hash = 0; }
    s->fill = s->used = 0;
    return true;
  }
  if (IS_ANYSET(b)) {
    ObjSet *o = AS_SET(b);
    uint32_t i;
    for (i = 0; i <= o->mask; i++)
      if (o->table[i].key != UNBOUND_VAL && o->table[i].key != DELETED_VAL) discard_entry(vm, s, o->table[i].key, o->table[i].hash);
    return true;
  }
  {
    Value it = value_iter(vm, b), v;
    if (it == EXC_VAL) return false;
    vm_push_root(vm, it);
    for (;;) {
      v = value_iter_next(vm, it);
      if (v == STOP_VAL) break;
      if (v == EXC_VAL || set_discard(vm, s, v) < 0) { vm_pop_root(vm); return false; }
    }
    vm_pop_root(vm);
    return true;
  }
}

static Value set_difference(VM *vm, Value a, Value b) {
  uint32_t other_size, i;
  Value r;
  ObjSet *so = AS_SET(a);
  if (IS_ANYSET(b)) other_size = AS_SET(b)->used;
  else if (IS_DICT(b)) other_size = AS_DICT(b)->live;
  else other_size = 0xFFFFFFFFu;
  if (other_size == 0xFFFFFFFFu || (so->used >> 2) > other_size) {
    r = set_copy_of(vm, a, OBJ_TYPE(a));
    if (r == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, r);
    if (!difference_update(vm, AS_SET(r), b)) { vm_pop_root(vm); return EXC_VAL; }
    vm_pop_root(vm);
    return r;
  }
  r = set_new(vm, OBJ_TYPE(a));
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  for (i = 0; i <= so->mask; i++) {
    SetEntry e = so->table[i];
    bool in;
    if (e.key == UNBOUND_VAL || e.key == DELETED_VAL) continue;
    if (IS_ANYSET(b)) in = lookup(vm, AS_SET(b), e.key, e.hash) != NULL;
    else {
      Value v = dict_get(vm, AS_DICT(b), e.key);
      if (v == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
      in = v != UNBOUND_VAL;
    }
    if (!in && !add_entry(vm, AS_SET(r), e.key, e.hash)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return r;
}

static bool symmetric_update(VM *vm, ObjSet *s, Value b) {
  Value other = as_set(vm, b);
  ObjSet *o;
  uint32_t i;
  if (other == EXC_VAL) return false;
  if (OBJ_VAL(s) == other) return difference_update(vm, s, other);
  vm_push_root(vm, other);
  o = AS_SET(other);
  for (i = 0; i <= o->mask; i++) {
    SetEntry e = o->table[i];
    if (e.key == UNBOUND_VAL || e.key == DELETED_VAL) continue;
    if (!discard_entry(vm, s, e.key, e.hash) && !add_entry(vm, s, e.key, e.hash)) { vm_pop_root(vm); return false; }
  }
  vm_pop_root(vm);
  return true;
}

static Value set_symmetric(VM *vm, Value a, Value b) {
  Value r = set_copy_of(vm, b, OBJ_TYPE(a));
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  if (!symmetric_update(vm, AS_SET(r), a)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return r;
}

static Value set_union(VM *vm, Value a, Value b) {
  Value r = set_copy_of(vm, a, OBJ_TYPE(a));
  if (r == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, r);
  if (!set_update(vm, AS_SET(r), b)) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return r;
}

/* a <= b */
static int is_subset(VM *vm, ObjSet *a, ObjSet *b) {
  uint32_t i;
  if (a->used > b->used) return 0;
  for (i = 0; i <= a->mask; i++) {
    SetEntry e = a->table[i];
    if (e.key == UNBOUND_VAL || e.key == DELETED_VAL) continue;
    if (lookup(vm, b, e.key, e.hash) == NULL) return 0;
  }
  return 1;
}

bool set_equal(VM *vm, ObjSet *a, ObjSet *b) { return a->used == b->used && is_subset(vm, a, b); }

Value set_compare(VM *vm, int op, Value a, Value b) {
  ObjSet *x = AS_SET(a), *y = AS_SET(b);
  switch (op) {
  case CMP_LE: return BOOL_VAL(is_subset(vm, x, y));
  case CMP_GE: return BOOL_VAL(is_subset(vm, y, x));
  case CMP_LT: return BOOL_VAL(x->used < y->used && is_subset(vm, x, y));
  default: return BOOL_VAL(y->used < x->used && is_subset(vm, y, x));
  }
}

/* a <op> b for sets; UNBOUND_VAL when b is not a set (the caller raises TypeError). */
Value set_binary(VM *vm, int op, Value a, Value b) {
  bool inplace = (op & BINOP_INPLACE) != 0 && IS_SET(a);
  int base = op & ~BINOP_INPLACE;
  if (!IS_ANYSET(a) || !IS_ANYSET(b)) return UNBOUND_VAL;
  if (inplace) {
    bool ok = true;
    switch (base) {
    case BINOP_OR: ok = set_update(vm, AS_SET(a), b); break;
    case BINOP_SUB: ok = difference_update(vm, AS_SET(a), b); break;
    case BINOP_XOR: ok = symmetric_update(vm, AS_SET(a), b); break;
    case BINOP_AND: {
      Value r = set_intersection(vm, a, b);
      ObjSet *s = AS_SET(a);
      if (r == EXC_VAL) return EXC_VAL;
      s->table = AS_SET(r)->table;
      s->mask = AS_SET(r)->mask;
      s->fill = AS_SET(r)->fill;
      s->used = AS_SET(r)->used;
      break;
    }
    default: return UNBOUND_VAL;
    }
    return ok ? a : EXC_VAL;
  }
  switch (base) {
  case BINOP_OR: return set_union(vm, a, b);
  case BINOP_AND: return set_intersection(vm, a, b);
  case BINOP_SUB: return set_difference(vm, a, b);
  case BINOP_XOR: return set_symmetric(vm, a, b);
  default: return UNBOUND_VAL;
  }
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747u) ^ (h << 16)) * 3644798167u; }

int64_t frozenset_hash(ObjSet *s) {
  uint64_t h = 0;
  uint32_t i;
  for (i = 0; i <= s->mask; i++) h ^= shuffle_bits((uint64_t)(s->table[i].key == UNBOUND_VAL ? 0 : s->table[i].hash));
  if ((s->mask + 1 - s->fill) & 1) h ^= shuffle_bits(0);
  if ((s->fill - s->used) & 1) h ^= shuffle_bits((uint64_t)-1);
  h ^= ((uint64_t)s->used + 1) * 1927868237u;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069u + 907133923u;
  if (h == (uint64_t)-1) h = 590923713u;
  return (int64_t)h;
}

Value set_iter_next(VM *vm, ObjIter *it) {
  ObjSet *s = AS_SET(it->seq);
  (void)vm;
  if (it->stop != (vint)s->used) {
    it->stop = -1;
    return vm_raise(vm, &exc_RuntimeError, "Set changed size during iteration");
  }
  while ((uint32_t)it->index <= s->mask) {
    Value k = s->table[it->index++].key;
    if (k != UNBOUND_VAL && k != DELETED_VAL) return k;
  }
  return STOP_VAL;
}

void set_write(VM *vm, Value v) {
  ObjSet *s = AS_SET(v);
  uint32_t i;
  bool first = true, frozen = !IS_SET(v);
  if (s->used == 0) {
    vm_sb_cstr(vm, frozen ? "frozenset()" : "set()");
    return;
  }
  if (frozen) vm_sb_cstr(vm, "frozenset(");
  vm_sb_add(vm, "{", 1);
  for (i = 0; i <= s->mask; i++) {
    Value k = s->table[i].key;
    if (k == UNBOUND_VAL || k == DELETED_VAL) continue;
    if (!first) vm_sb_add(vm, ", ", 2);
    first = false;
    value_write(vm, k, true);
  }
  vm_sb_add(vm, "}", 1);
  if (frozen) vm_sb_add(vm, ")", 1);
}

/* ---- methods ---------------------------------------------------------------------------- */

static Value m_add(VM *vm, int argc, Value *args) {
  (void)argc;
  return set_add(vm, AS_SET(args[0]), args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_remove(VM *vm, int argc, Value *args) {
  int r = set_discard(vm, AS_SET(args[0]), args[1]);
  (void)argc;
  if (r < 0) return EXC_VAL;
  if (r == 0) return vm_raise_value(vm, &exc_KeyError, args[1]);
  return NONE_VAL;
}

static Value m_discard(VM *vm, int argc, Value *args) {
  (void)argc;
  return set_discard(vm, AS_SET(args[0]), args[1]) < 0 ? EXC_VAL : NONE_VAL;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  ObjSet *s = AS_SET(args[0]);
  uint32_t i;
  Value k;
  (void)argc;
  if (s->used == 0) return vm_raise(vm, &exc_KeyError, "pop from an empty set");
  i = s->finger & s->mask;
  while (s->table[i].key == UNBOUND_VAL || s->table[i].key == DELETED_VAL) i = (i + 1) & s->mask;
  k = s->table[i].key;
  s->table[i].key = DELETED_VAL;
  s->table[i].hash = -1;
  s->used--;
  s->finger = i + 1;
  return k;
}

static Value m_clear(VM *vm, int argc, Value *args) {
  ObjSet *s = AS_SET(args[0]);
  SetEntry *t;
  (void)argc;
  t = table_new(vm, MINSIZE);
  if (t == NULL) return EXC_VAL;
  mem_free(vm, s->table);
  s->table = t;
  s->mask = MINSIZE - 1;
  s->fill = s->used = 0;
  return NONE_VAL;
}

static Value m_copy(VM *vm, int argc, Value *args) {
  (void)argc;
  if (IS_FROZENSET(args[0])) return args[0];
  return set_copy_of(vm, args[0], OBJ_TYPE(args[0]));
}

/* union/intersection/difference/symmetric_difference with any iterables */
static Value multi(VM *vm, int argc, Value *args, int op) {
  Value r = args[0];
  RootMark mark = gc_root_mark(vm);
  int i;
  if (argc == 1) return set_copy_of(vm, r, OBJ_TYPE(r));
  vm_push_root(vm, r);
  for (i = 1; i < argc; i++) {
    Value other = args[i], s;
    if (op == BINOP_OR) {
      s = i == 1 ? set_copy_of(vm, r, OBJ_TYPE(args[0])) : r;
      if (s != EXC_VAL) {
        vm_push_root(vm, s);
        if (!set_update(vm, AS_SET(s), other)) s = EXC_VAL;
        vm_pop_root(vm);
      }
    } else if (op == BINOP_AND) {
      s = set_intersection(vm, r, other);
    } else if (op == BINOP_SUB) {
      s = set_difference(vm, r, other);
    } else {
      Value o = as_set(vm, other);
      s = o == EXC_VAL ? EXC_VAL : set_symmetric(vm, r, o);
    }
    if (s == EXC_VAL) { gc_root_restore(vm, mark); return EXC_VAL; }
    r = s;
    gc_root_at(vm, mark, 0) = r;
  }
  gc_root_restore(vm, mark);
  if (OBJ_TYPE(r) != OBJ_TYPE(args[0])) {
    Value c = set_copy_of(vm, r, OBJ_TYPE(args[0]));
    return c;
  }
  return r;
}

static Value m_union(VM *vm, int argc, Value *args) { return multi(vm, argc, args, BINOP_OR); }
static Value m_intersection(VM *vm, int argc, Value *args) { return multi(vm, argc, args, BINOP_AND); }
static Value m_difference(VM *vm, int argc, Value *args) { return multi(vm, argc, args, BINOP_SUB); }
static Value m_symmetric_difference(VM *vm, int argc, Value *args) { (void)argc; return multi(vm, 2, args, BINOP_XOR); }

static Value m_update(VM *vm, int argc, Value *args) {
  int i;
  for (i = 1; i < argc; i++)
    if (!set_update(vm, AS_SET(args[0]), args[i])) return EXC_VAL;
  return NONE_VAL;
}

static Value m_difference_update(VM *vm, int argc, Value *args) {
  int i;
  for (i = 1; i < argc; i++)
    if (!difference_update(vm, AS_SET(args[0]), args[i])) return EXC_VAL;
  return NONE_VAL;
}

static Value m_intersection_update(VM *vm, int argc, Value *args) {
  Value r = multi(vm, argc, args, BINOP_AND);
  ObjSet *s = AS_SET(args[0]);
  if (r == EXC_VAL) return EXC_VAL;
  if (r != args[0]) {
    s->table = AS_SET(r)->table;
    s->mask = AS_SET(r)->mask;
    s->fill = AS_SET(r)->fill;
    s->used = AS_SET(r)->used;
  }
  return NONE_VAL;
}

static Value m_symmetric_difference_update(VM *vm, int argc, Value *args) {
  (void)argc;
  return symmetric_update(vm, AS_SET(args[0]), args[1]) ? NONE_VAL : EXC_VAL;
}

static Value subset_method(VM *vm, Value a, Value b, bool super) {
  Value o = as_set(vm, b);
  int r;
  if (o == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, o);
  r = super ? is_subset(vm, AS_SET(o), AS_SET(a)) : is_subset(vm, AS_SET(a), AS_SET(o));
  vm_pop_root(vm);
  return BOOL_VAL(r);
}

static Value m_issubset(VM *vm, int argc, Value *args) { (void)argc; return subset_method(vm, args[0], args[1], false); }
static Value m_issuperset(VM *vm, int argc, Value *args) { (void)argc; return subset_method(vm, args[0], args[1], true); }

static Value m_isdisjoint(VM *vm, int argc, Value *args) {
  Value r = set_intersection(vm, args[0], args[1]);
  (void)argc;
  if (r == EXC_VAL) return EXC_VAL;
  return BOOL_VAL(AS_SET(r)->used == 0);
}

static const MethodDef set_methods[] = {
  {"add", m_add, 1, 1, NULL},
  {"remove", m_remove, 1, 1, NULL},
  {"discard", m_discard, 1, 1, NULL},
  {"pop", m_pop, 0, 0, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {"copy", m_copy, 0, 0, NULL},
  {"union", m_union, 0, 100, NULL},
  {"intersection", m_intersection, 0, 100, NULL},
  {"difference", m_difference, 0, 100, NULL},
  {"symmetric_difference", m_symmetric_difference, 1, 1, NULL},
  {"update", m_update, 0, 100, NULL},
  {"intersection_update", m_intersection_update, 0, 100, NULL},
  {"difference_update", m_difference_update, 0, 100, NULL},
  {"symmetric_difference_update", m_symmetric_difference_update, 1, 1, NULL},
  {"issubset", m_issubset, 1, 1, NULL},
  {"issuperset", m_issuperset, 1, 1, NULL},
  {"isdisjoint", m_isdisjoint, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const MethodDef frozenset_methods[] = {
  {"copy", m_copy, 0, 0, NULL},
  {"union", m_union, 0, 100, NULL},
  {"intersection", m_intersection, 0, 100, NULL},
  {"difference", m_difference, 0, 100, NULL},
  {"symmetric_difference", m_symmetric_difference, 1, 1, NULL},
  {"issubset", m_issubset, 1, 1, NULL},
  {"issuperset", m_issuperset, 1, 1, NULL},
  {"isdisjoint", m_isdisjoint, 1, 1, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static Value set_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_SET(v)->used); }
static bool frozenset_hash_slot(VM *vm, Value v, int64_t *out) { (void)vm; *out = frozenset_hash(AS_SET(v)); return true; }
static Value set_getiter(VM *vm, Value v) { return iter_new(vm, &set_iter_type, v, 0, (vint)AS_SET(v)->used, 0); }
static Value set_iternext(VM *vm, Value it) { return set_iter_next(vm, AS_ITER(it)); }

static Value set_contains_slot(VM *vm, Value c, Value item) {
  int r;
  if (IS_SET(item)) {   /* CPython looks a set up as the equal frozenset */
    Value f = set_from(vm, &frozenset_type, item);
    if (f == EXC_VAL) return EXC_VAL;
    item = f;
  }
  r = set_contains(vm, AS_SET(c), item);
  return r < 0 ? EXC_VAL : BOOL_VAL(r);
}

static void set_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (!repr_enter(vm, v)) { vm_sb_cstr(vm, IS_SET(v) ? "{...}" : "frozenset(...)"); return; }
  set_write(vm, v);
  vm->repr_depth--;
}

const Type set_type = {{&type_type}, "set", NULL, set_trace, set_methods,
    .print = set_print, .hash = value_unhashable, .len = set_length, .getiter = set_getiter, .contains = set_contains_slot};
const Type frozenset_type = {{&type_type}, "frozenset", NULL, set_trace, frozenset_methods,
    .print = set_print, .hash = frozenset_hash_slot, .len = set_length, .getiter = set_getiter, .contains = set_contains_slot};

const Type set_iter_type = {{&type_type}, "set_iterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = set_iternext};
#endif   /* VIPER_HAS_SET */
