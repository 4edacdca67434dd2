/* dict: insertion-ordered hash table (CPython's compact layout). The entries array and the
 * open-addressed index of entry numbers share one raw block:
 *   [DictEntry entries[cap]][int32_t index[index_mask + 1]]   (-1 = empty slot) */
#include <string.h>

#include "vm.h"

#define INDEX_OF(d) ((int32_t *)((d)->entries + (d)->cap))

static void dict_trace(VM *vm, Obj *obj) {
  ObjDict *d = (ObjDict *)obj;
  uint32_t i;
  gc_mark_raw(vm, d->entries);
  for (i = 0; i < d->used; i++) {
    gc_mark_value(vm, d->entries[i].key);
    gc_mark_value(vm, d->entries[i].value);
  }
}

Value dict_new(VM *vm) {
  ObjDict *d = (ObjDict *)obj_alloc(vm, &dict_type, sizeof(ObjDict));
  return d == NULL ? EXC_VAL : OBJ_VAL(d);
}

/* Slot in the index holding key (entry >= 0), or the empty slot where it would go. */
static int32_t *find_slot(VM *vm, ObjDict *d, Value key, uint32_t hash) {
  int32_t *index = INDEX_OF(d);
  uint32_t i = hash & d->index_mask, perturb = hash;
  for (;;) {
    int32_t e = index[i];
    if (e < 0) return &index[i];
    if (d->entries[e].hash == hash) {
      Value k = d->entries[e].key;
      if (k == key || (k != DELETED_VAL && value_equal(vm, k, key))) return &index[i];
    }
    perturb >>= 5;
    i = (i * 5u + 1u + perturb) & d->index_mask;
  }
}

static bool dict_resize(VM *vm, ObjDict *d, uint32_t min_live) {
  uint32_t slots = 8, cap, i, n = 0;
  DictEntry *entries, *old = d->entries;
  int32_t *index;
  while (slots * 2 / 3 < min_live + 1) slots *= 2;
  if (slots > 0x00400000u) { vm_raise(vm, &exc_MemoryError, NULL); return false; }
  cap = slots * 2 / 3;
  vm_push_root(vm, OBJ_VAL(d));
  entries = (DictEntry *)raw_alloc(vm, cap * sizeof(DictEntry) + slots * sizeof(int32_t));
  vm_pop_root(vm);
  if (entries == NULL) return false;
  for (i = 0; i < d->used; i++)
    if (old[i].key != DELETED_VAL) entries[n++] = old[i];
  d->entries = entries;
  d->cap = cap;
  d->index_mask = slots - 1;
  d->used = n;
  d->live = n;
  index = INDEX_OF(d);
  for (i = 0; i < slots; i++) index[i] = -1;
  for (i = 0; i < n; i++) *find_slot(vm, d, entries[i].key, entries[i].hash) = (int32_t)i;
  mem_free(vm, old);
  return true;
}

Value dict_get(VM *vm, ObjDict *d, Value key) {
  uint32_t h;
  int32_t *slot;
  if (!value_hash(vm, key, &h)) return EXC_VAL;
  if (d->live == 0) return UNBOUND_VAL;
  slot = find_slot(vm, d, key, h);
  return *slot < 0 ? UNBOUND_VAL : d->entries[*slot].value;
}

Value dict_get_str(ObjDict *d, ObjStr *key) {
  int32_t *index;
  uint32_t i, perturb;
  if (d->live == 0) return UNBOUND_VAL;
  index = INDEX_OF(d);
  i = str_hash(key) & d->index_mask;
  perturb = key->hash;
  for (;;) {
    int32_t e = index[i];
    if (e < 0) return UNBOUND_VAL;
    if (d->entries[e].hash == key->hash) {
      Value k = d->entries[e].key;
      if (k == OBJ_VAL(key) || (IS_STR(k) && str_equal(AS_STR(k), key))) return d->entries[e].value;
    }
    perturb >>= 5;
    i = (i * 5u + 1u + perturb) & d->index_mask;
  }
}

bool dict_set(VM *vm, ObjDict *d, Value key, Value value) {
  uint32_t h;
  int32_t *slot;
  DictEntry *e;
  if (!value_hash(vm, key, &h)) return false;
  if (d->cap > 0) {
    slot = find_slot(vm, d, key, h);
    if (*slot >= 0) { d->entries[*slot].value = value; return true; }
  }
  if (d->used >= d->cap) {
    bool ok;
    vm_push_root(vm, key);
    vm_push_root(vm, value);
    ok = dict_resize(vm, d, d->live + 1);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (!ok) return false;
  }
  slot = find_slot(vm, d, key, h);
  e = &d->entries[d->used];
  e->key = key;
  e->value = value;
  e->hash = h;
  *slot = (int32_t)d->used++;
  d->live++;
  return true;
}

bool dict_delete(VM *vm, ObjDict *d, Value key, bool *found) {
  uint32_t h;
  int32_t *slot;
  *found = false;
  if (!value_hash(vm, key, &h)) return false;
  if (d->live == 0) return true;
  slot = find_slot(vm, d, key, h);
  if (*slot < 0) return true;
  d->entries[*slot].key = DELETED_VAL;   /* the index keeps pointing here: probing goes on */
  d->entries[*slot].value = NONE_VAL;
  d->live--;
  *found = true;
  return true;
}

/* Iterators and views: ObjIter with seq = the dict, step = 0 keys, 1 values, 2 items. */
Value dict_iter_next(VM *vm, ObjIter *it) {
  ObjDict *d = AS_DICT(it->seq);
  while ((uint32_t)it->index < d->used) {
    DictEntry *e = &d->entries[it->index++];
    Value t;
    if (e->key == DELETED_VAL) continue;
    if (it->step == 0) return e->key;
    if (it->step == 1) return e->value;
    t = tuple_new(vm, 2);
    if (t == EXC_VAL) return EXC_VAL;
    e = &d->entries[it->index - 1];
    AS_TUPLE(t)->items[0] = e->key;
    AS_TUPLE(t)->items[1] = e->value;
    return t;
  }
  return STOP_VAL;
}

/* kind: 0 keys, 1 values, 2 items ("(k, v)"), 3 a dict's "k: v" */
static void write_dict_items(VM *vm, ObjDict *d, vint kind) {
  uint32_t i;
  bool first = true;
  for (i = 0; i < d->used; i++) {
    DictEntry *e = &d->entries[i];
    if (e->key == DELETED_VAL) continue;
    if (!first) vm_sb_add(vm, ", ", 2);
    first = false;
    if (kind == 2) vm_sb_add(vm, "(", 1);
    if (kind != 1) value_write(vm, e->key, true);
    if (kind == 3) vm_sb_add(vm, ": ", 2);
    if (kind == 2) vm_sb_add(vm, ", ", 2);
    if (kind != 0) value_write(vm, e->value, true);
    if (kind == 2) vm_sb_add(vm, ")", 1);
  }
}

static Value dict_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_DICT(v)->live); }
static Value view_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_DICT(AS_ITER(v)->seq)->live); }

static Value dict_getitem(VM *vm, Value obj, Value key) {
  Value v = dict_get(vm, AS_DICT(obj), key);
  if (v == UNBOUND_VAL) return vm_raise_value(vm, &exc_KeyError, key);
  return v;
}

static Value dict_setitem(VM *vm, Value obj, Value key, Value val) {
  bool found;
  if (val != UNBOUND_VAL) return dict_set(vm, AS_DICT(obj), key, val) ? NONE_VAL : EXC_VAL;
  if (!dict_delete(vm, AS_DICT(obj), key, &found)) return EXC_VAL;
  if (!found) return vm_raise_value(vm, &exc_KeyError, key);
  return NONE_VAL;
}

static Value dict_getiter(VM *vm, Value v) { return iter_new(vm, &dict_iter_type, v, 0, 0, 0); }
static Value view_getiter(VM *vm, Value v) { return iter_new(vm, &dict_iter_type, AS_ITER(v)->seq, 0, 0, AS_ITER(v)->step); }
static Value dict_iternext(VM *vm, Value it) { return dict_iter_next(vm, AS_ITER(it)); }

/* k in d, k in d.keys() */
static Value dict_contains(VM *vm, Value c, Value item) {
  Value v = dict_get(vm, AS_DICT(IS_DICT(c) ? c : AS_ITER(c)->seq), item);
  if (v == EXC_VAL) return EXC_VAL;
  return BOOL_VAL(v != UNBOUND_VAL);
}

static void dict_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (!repr_enter(vm, v)) { vm_sb_cstr(vm, "{...}"); return; }
  vm_sb_add(vm, "{", 1);
  write_dict_items(vm, AS_DICT(v), 3);
  vm_sb_add(vm, "}", 1);
  vm->repr_depth--;
}

/* dict_keys([...]): a view is an ObjIter whose step says which kind */
static void view_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (!repr_enter(vm, v)) { vm_sb_cstr(vm, "{...}"); return; }
  vm_sb_cstr(vm, OBJ_TYPE(v)->name);
  vm_sb_add(vm, "([", 2);
  write_dict_items(vm, AS_DICT(AS_ITER(v)->seq), AS_ITER(v)->step);
  vm_sb_add(vm, "])", 2);
  vm->repr_depth--;
}

const Type dict_iter_type = {{&type_type}, "dict_keyiterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = dict_iternext};
const Type dict_keys_type = {{&type_type}, "dict_keys", NULL, iter_trace, NULL,
    .print = view_print, .hash = value_unhashable, .len = view_length, .getiter = view_getiter, .contains = dict_contains};
const Type dict_values_type = {{&type_type}, "dict_values", NULL, iter_trace, NULL,
    .print = view_print, .len = view_length, .getiter = view_getiter};
const Type dict_items_type = {{&type_type}, "dict_items", NULL, iter_trace, NULL,
    .print = view_print, .hash = value_unhashable, .len = view_length, .getiter = view_getiter};

static Value make_view(VM *vm, Value dict, const Type *type, vint kind) {
  ObjIter *v = (ObjIter *)obj_alloc(vm, type, sizeof(ObjIter));
  if (v == NULL) return EXC_VAL;
  v->seq = dict;
  v->step = kind;
  return OBJ_VAL(v);
}

static Value m_keys(VM *vm, int argc, Value *args) { (void)argc; return make_view(vm, args[0], &dict_keys_type, 0); }
static Value m_values(VM *vm, int argc, Value *args) { (void)argc; return make_view(vm, args[0], &dict_values_type, 1); }
static Value m_items(VM *vm, int argc, Value *args) { (void)argc; return make_view(vm, args[0], &dict_items_type, 2); }

static Value m_get(VM *vm, int argc, Value *args) {
  Value v = dict_get(vm, AS_DICT(args[0]), args[1]);
  if (v == UNBOUND_VAL) return argc > 2 ? args[2] : NONE_VAL;
  return v;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  Value v = dict_get(vm, AS_DICT(args[0]), args[1]);
  bool found;
  if (v == EXC_VAL) return EXC_VAL;
  if (v == UNBOUND_VAL) {
    if (argc > 2) return args[2];
    return vm_raise_value(vm, &exc_KeyError, args[1]);
  }
  dict_delete(vm, AS_DICT(args[0]), args[1], &found);
  return v;
}

static Value m_clear(VM *vm, int argc, Value *args) {
  ObjDict *d = AS_DICT(args[0]);
  (void)argc;
  mem_free(vm, d->entries);
  d->entries = NULL;
  d->cap = d->used = d->live = 0;
  d->index_mask = 0;
  return NONE_VAL;
}

static Value m_setdefault(VM *vm, int argc, Value *args) {
  Value v = dict_get(vm, AS_DICT(args[0]), args[1]), d = argc > 2 ? args[2] : NONE_VAL;
  if (v == EXC_VAL) return EXC_VAL;
  if (v != UNBOUND_VAL) return v;
  return dict_set(vm, AS_DICT(args[0]), args[1], d) ? d : EXC_VAL;
}

/* d[k] = other[k] for k in other.keys(): any mapping, as CPython's update and ** take it.
 * Returns 0 when other has no keys method (not a mapping), 1 when done, -1 on error. */
static int merge_mapping(VM *vm, ObjDict *d, Value other) {
  Value keys, it, k, v;
  RootMark mark;
  int r = 1;
  if (IS_INSTANCE(other) && IS_DICT(class_builtin_value(other))) other = class_builtin_value(other);   /* a dict subclass */
  if (IS_DICT(other)) {
    ObjDict *src = AS_DICT(other);
    uint32_t i;
    for (i = 0; i < src->used; i++)
      if (src->entries[i].key != DELETED_VAL && !dict_set(vm, d, src->entries[i].key, src->entries[i].value)) return -1;
    return 1;
  }
  keys = class_call_dunder(vm, other, "keys", 0, NULL);
  if (keys == UNBOUND_VAL) return 0;
  if (keys == EXC_VAL) return -1;
  mark = gc_root_mark(vm);
  vm_push_root(vm, OBJ_VAL(d));
  vm_push_root(vm, keys);
  it = value_iter(vm, keys);
  if (it == EXC_VAL) r = -1;
  else {
    vm_push_root(vm, it);
    while (r > 0 && (k = value_iter_next(vm, it)) != STOP_VAL) {
      if (k == EXC_VAL) { r = -1; break; }
      vm_push_root(vm, k);
      v = value_getitem(vm, other, k);
      if (v == EXC_VAL || !dict_set(vm, d, k, v)) r = -1;
      vm_pop_root(vm);
    }
  }
  gc_root_restore(vm, mark);
  return r;
}

/* A new dict holding the items of a mapping that is not a dict (f(**m), {**m});
 * UNBOUND_VAL when m has no keys method. */
Value dict_from_mapping(VM *vm, Value m) {
  Value d = dict_new(vm);
  int r;
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  r = merge_mapping(vm, AS_DICT(d), m);
  vm_pop_root(vm);
  return r < 0 ? EXC_VAL : r == 0 ? UNBOUND_VAL : d;
}

/* d[k] = v for one item of d.update(iterable): any iterable of two. False on error. */
static bool update_pair(VM *vm, ObjDict *d, Value item, int32_t n_item) {
  Value *kv;
  uint32_t n;
  bool ok;
  if (!IS_TUPLE(item) && !IS_LIST(item)) {   /* any other iterable: its items in a list */
    if (value_iter(vm, item) == EXC_VAL) {
      if (vm_exc_pending_is(vm, &exc_TypeError)) {
        vm->exc = NONE_VAL;
        vm_raise_fmt(vm, &exc_TypeError, "cannot convert dictionary update sequence element #%d to a sequence", (int)n_item);
      }
      return false;
    }
    item = value_to_list(vm, item);
    if (item == EXC_VAL) return false;
  }
  n = IS_TUPLE(item) ? AS_TUPLE(item)->len : AS_LIST(item)->len;
  if (n != 2) {
    vm_raise_fmt(vm, &exc_ValueError, "dictionary update sequence element #%d has length %d; 2 is required",
                 (int)n_item, (int)n);
    return false;
  }
  vm_push_root(vm, item);
  kv = IS_TUPLE(item) ? AS_TUPLE(item)->items : AS_LIST(item)->items;
  ok = dict_set(vm, d, kv[0], kv[1]);
  vm_pop_root(vm);
  return ok;
}

/* d.update(other): a mapping, or an iterable of key/value pairs (each any iterable of two). */
bool dict_update(VM *vm, ObjDict *d, Value other) {
  Value it, item;
  RootMark mark;
  int32_t n_item = 0;
  bool ok = true;
  int r = merge_mapping(vm, d, other);
  if (r != 0) return r > 0;
  mark = gc_root_mark(vm);
  vm_push_root(vm, OBJ_VAL(d));
  it = value_iter(vm, other);
  if (it == EXC_VAL) ok = false;
  else {
    vm_push_root(vm, it);
    while (ok && (item = value_iter_next(vm, it)) != STOP_VAL) {
      if (item == EXC_VAL) { ok = false; break; }
      vm_push_root(vm, item);
      ok = update_pair(vm, d, item, n_item++);
      vm_pop_root(vm);
    }
  }
  gc_root_restore(vm, mark);
  return ok;
}

/* d.update([other], **kw) */
static Value m_update(VM *vm, int argc, Value *args) {
  Value kw = NATIVE_KW(args, argc, 0);
  if (argc > 1 && !dict_update(vm, AS_DICT(args[0]), args[1])) return EXC_VAL;
  if (kw != UNBOUND_VAL && !dict_update(vm, AS_DICT(args[0]), kw)) return EXC_VAL;
  return NONE_VAL;
}

static Value m_popitem(VM *vm, int argc, Value *args) {
  ObjDict *d = AS_DICT(args[0]);
  uint32_t i;
  Value t;
  bool found;
  (void)argc;
  if (d->live == 0) return vm_raise(vm, &exc_KeyError, "popitem(): dictionary is empty");
  for (i = d->used; i-- > 0;)
    if (d->entries[i].key != DELETED_VAL) break;
  t = tuple_new(vm, 2);
  if (t == EXC_VAL) return EXC_VAL;
  AS_TUPLE(t)->items[0] = d->entries[i].key;
  AS_TUPLE(t)->items[1] = d->entries[i].value;
  vm_push_root(vm, t);
  dict_delete(vm, d, d->entries[i].key, &found);
  vm_pop_root(vm);
  return t;
}

static Value m_copy(VM *vm, int argc, Value *args) {
  Value d = dict_new(vm);
  (void)argc;
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  if (!dict_update(vm, AS_DICT(d), args[0])) { vm_pop_root(vm); return EXC_VAL; }
  vm_pop_root(vm);
  return d;
}

/* dict.fromkeys(iterable, value=None): args[0] is the dict type. */
static Value m_fromkeys(VM *vm, int argc, Value *args) {
  Value d = dict_new(vm), it, k = NONE_VAL, v = argc > 2 ? args[2] : NONE_VAL;
  RootMark mark = gc_root_mark(vm);
  if (d == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, d);
  it = value_iter(vm, args[1]);
  vm_push_root(vm, it);
  while (it != EXC_VAL) {
    k = value_iter_next(vm, it);
    if (k == STOP_VAL) break;
    if (k == EXC_VAL || !dict_set(vm, AS_DICT(d), k, v)) { k = EXC_VAL; break; }
  }
  gc_root_restore(vm, mark);
  return it == EXC_VAL || k == EXC_VAL ? EXC_VAL : d;
}

const MethodDef dict_class_methods[] = {
  {"fromkeys", m_fromkeys, 1, 2, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const MethodDef dict_methods[] = {
  {"setdefault", m_setdefault, 1, 2, NULL},
  {"update", m_update, 0, 1, NATIVE_KW_DICT},
  {"popitem", m_popitem, 0, 0, NULL},
  {"copy", m_copy, 0, 0, NULL},
  {"fromkeys", m_fromkeys, 1, 2, NULL},
  {"keys", m_keys, 0, 0, NULL},
  {"values", m_values, 0, 0, NULL},
  {"items", m_items, 0, 0, NULL},
  {"get", m_get, 1, 2, NULL},
  {"pop", m_pop, 1, 2, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type dict_type = {{&type_type}, "dict", NULL, dict_trace, dict_methods,
    .print = dict_print, .hash = value_unhashable, .len = dict_length, .getitem = dict_getitem, .setitem = dict_setitem, .getiter = dict_getiter, .contains = dict_contains};
