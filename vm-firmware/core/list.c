/* list: a growable array of values. */
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

static void list_trace(VM *vm, Obj *obj) {
  ObjList *l = (ObjList *)obj;
  uint32_t i;
  gc_mark_raw(vm, l->items);
  for (i = 0; i < l->len; i++) gc_mark_value(vm, l->items[i]);
}

static bool list_reserve(VM *vm, ObjList *l, uint32_t need) {
  Value *items;
  uint32_t cap;
  if (need <= l->cap) return true;
  if (need > 0x0FFFFFFFu / sizeof(Value)) { vm_raise(vm, &exc_MemoryError, NULL); return false; }
  cap = l->cap < 4 ? 4 : l->cap;
  while (cap < need) cap = cap + cap / 2 + 1;
  vm_push_root(vm, OBJ_VAL(l));
  items = (Value *)raw_alloc(vm, cap * sizeof(Value));
  vm_pop_root(vm);
  if (items == NULL) return false;
  if (l->len > 0) memcpy(items, l->items, l->len * sizeof(Value));
  mem_free(vm, l->items);
  l->items = items;
  l->cap = cap;
  return true;
}

Value list_new(VM *vm, uint32_t len) {
  ObjList *l = (ObjList *)obj_alloc(vm, &list_type, sizeof(ObjList));
  uint32_t i;
  if (l == NULL) return EXC_VAL;
  if (!list_reserve(vm, l, len)) return EXC_VAL;
  for (i = 0; i < len; i++) l->items[i] = NONE_VAL;
  l->len = len;
  return OBJ_VAL(l);
}

bool list_append(VM *vm, ObjList *l, Value v) {
  if (l->len == l->cap) {
    bool ok;
    vm_push_root(vm, v);
    ok = list_reserve(vm, l, l->len + 1);
    vm_pop_root(vm);
    if (!ok) return false;
  }
  l->items[l->len++] = v;
  return true;
}

Value list_concat(VM *vm, ObjList *a, ObjList *b) {
  Value r;
  vm_push_root(vm, OBJ_VAL(a));
  vm_push_root(vm, OBJ_VAL(b));
  r = list_new(vm, a->len + b->len);
  vm_pop_root(vm);
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  if (a->len) memcpy(AS_LIST(r)->items, a->items, a->len * sizeof(Value));
  if (b->len) memcpy(AS_LIST(r)->items + a->len, b->items, b->len * sizeof(Value));
  return r;
}

Value list_repeat(VM *vm, ObjList *a, vint n) {
  Value r;
  vint i;
  if (n < 0) n = 0;
  if (n > 0 && (uint64_t)n * a->len > 0x00FFFFFFu) return vm_raise(vm, &exc_MemoryError, NULL);
  vm_push_root(vm, OBJ_VAL(a));
  r = list_new(vm, (uint32_t)(n * (vint)a->len));
  vm_pop_root(vm);
  if (r == EXC_VAL) return EXC_VAL;
  for (i = 0; i < n && a->len > 0; i++)
    memcpy(AS_LIST(r)->items + (size_t)i * a->len, a->items, a->len * sizeof(Value));
  return r;
}

Value seq_compare(VM *vm, int op, const Value *a, uint32_t alen, const Value *b, uint32_t blen) {
  uint32_t i;
  for (i = 0; i < alen && i < blen; i++) {
    if (!value_equal(vm, a[i], b[i])) {
      if (op == CMP_EQ) return FALSE_VAL;
      if (op == CMP_NE) return TRUE_VAL;
      return value_compare(vm, op, a[i], b[i]);
    }
  }
  switch (op) {
  case CMP_LT: return BOOL_VAL(alen < blen);
  case CMP_LE: return BOOL_VAL(alen <= blen);
  case CMP_EQ: return BOOL_VAL(alen == blen);
  case CMP_NE: return BOOL_VAL(alen != blen);
  case CMP_GT: return BOOL_VAL(alen > blen);
  default: return BOOL_VAL(alen >= blen);
  }
}

/* ---- methods --------------------------------------------------------------------------- */

static Value m_append(VM *vm, int argc, Value *args) {
  (void)argc;
  return list_append(vm, AS_LIST(args[0]), args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_pop(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  uint32_t k;
  Value v;
  if (l->len == 0) return vm_raise(vm, &exc_IndexError, "pop from empty list");
  if (argc > 1) {
    if (!seq_index(vm, args[1], l->len, "pop", &k)) return EXC_VAL;
  } else {
    k = l->len - 1;
  }
  v = l->items[k];
  memmove(l->items + k, l->items + k + 1, (l->len - k - 1) * sizeof(Value));
  l->len--;
  return v;
}

static Value m_insert(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  vint i;
  (void)argc;
  if (!IS_INTLIKE(args[1]))
    return vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", args[1]);
  i = AS_INTLIKE(args[1]);
  if (i < 0) i += (vint)l->len;
  if (i < 0) i = 0;
  if (i > (vint)l->len) i = (vint)l->len;
  if (!list_append(vm, l, args[2])) return EXC_VAL;
  memmove(l->items + i + 1, l->items + i, (l->len - 1 - (uint32_t)i) * sizeof(Value));
  l->items[i] = args[2];
  return NONE_VAL;
}

static Value m_extend(VM *vm, int argc, Value *args) {
  Value iter = value_iter(vm, args[1]), item;
  (void)argc;
  if (iter == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, iter);
  for (;;) {
    item = value_iter_next(vm, iter);
    if (item == STOP_VAL) break;
    if (item == EXC_VAL || !list_append(vm, AS_LIST(args[0]), item)) { vm_pop_root(vm); return EXC_VAL; }
  }
  vm_pop_root(vm);
  return NONE_VAL;
}

static long find_item(VM *vm, ObjList *l, Value x) {
  uint32_t i;
  for (i = 0; i < l->len; i++)
    if (value_equal(vm, l->items[i], x)) return (long)i;
  return -1;
}

static Value m_index(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  vint n = (vint)l->len, a = 0, b = n, i;
  if (argc > 2) {
    if (!IS_INTLIKE(args[2])) return vm_raise(vm, &exc_TypeError, "slice indices must be integers or have an __index__ method");
    a = AS_INTLIKE(args[2]);
    if (a < 0) { a += n; if (a < 0) a = 0; }
  }
  if (argc > 3) {
    if (!IS_INTLIKE(args[3])) return vm_raise(vm, &exc_TypeError, "slice indices must be integers or have an __index__ method");
    b = AS_INTLIKE(args[3]);
    if (b < 0) { b += n; if (b < 0) b = 0; }
  }
  for (i = a; i < b && i < (vint)l->len; i++)
    if (value_equal(vm, l->items[i], args[1])) return INT_VAL(i);
  return vm_raise_fmt(vm, &exc_ValueError, "%v is not in list", args[1]);
}

static Value m_count(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  uint32_t i;
  vint n = 0;
  (void)argc;
  for (i = 0; i < l->len; i++) n += value_equal(vm, l->items[i], args[1]);
  return INT_VAL(n);
}

static Value m_remove(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  long i = find_item(vm, l, args[1]);
  (void)argc;
  if (i < 0) return vm_raise(vm, &exc_ValueError, "list.remove(x): x not in list");
  memmove(l->items + i, l->items + i + 1, (l->len - (uint32_t)i - 1) * sizeof(Value));
  l->len--;
  return NONE_VAL;
}

static Value m_reverse(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  uint32_t i;
  (void)vm; (void)argc;
  for (i = 0; i < l->len / 2; i++) {
    Value t = l->items[i];
    l->items[i] = l->items[l->len - 1 - i];
    l->items[l->len - 1 - i] = t;
  }
  return NONE_VAL;
}

static Value m_clear(VM *vm, int argc, Value *args) {
  (void)vm; (void)argc;
  AS_LIST(args[0])->len = 0;
  return NONE_VAL;
}

/* a < b for sorting (with reverse: b < a, which keeps equal items in their order). */
static int sort_less(VM *vm, Value a, Value b, bool reverse) {
  Value r = reverse ? value_compare(vm, CMP_LT, b, a) : value_compare(vm, CMP_LT, a, b);
  if (r == EXC_VAL) return -1;
  return r == TRUE_VAL;
}

/* Stable merge sort of items[0..n) by keys[0..n) (keys may be items), using tmp buffers. */
static bool merge_sort(VM *vm, Value *keys, Value *items, Value *tk, Value *ti, uint32_t n, bool reverse) {
  uint32_t width, i;
  if (n < 2) return true;
  /* insertion sort runs of 8, then merge bottom-up */
  for (i = 0; i < n; i += 8) {
    uint32_t end = i + 8 < n ? i + 8 : n, j, k;
    for (j = i + 1; j < end; j++) {
      Value x = keys[j], y = items[j];
      for (k = j; k > i; k--) {
        int lt = sort_less(vm, x, keys[k - 1], reverse);
        if (lt < 0) return false;
        if (!lt) break;
        keys[k] = keys[k - 1];
        items[k] = items[k - 1];
      }
      keys[k] = x;
      items[k] = y;
    }
  }
  for (width = 8; width < n; width *= 2) {
    for (i = 0; i < n; i += 2 * width) {
      uint32_t mid = i + width < n ? i + width : n, end = i + 2 * width < n ? i + 2 * width : n;
      uint32_t a = i, b = mid, o = i;
      while (a < mid && b < end) {
        int lt = sort_less(vm, keys[b], keys[a], reverse);
        if (lt < 0) return false;
        if (lt) { tk[o] = keys[b]; ti[o++] = items[b++]; }
        else { tk[o] = keys[a]; ti[o++] = items[a++]; }
      }
      while (a < mid) { tk[o] = keys[a]; ti[o++] = items[a++]; }
      while (b < end) { tk[o] = keys[b]; ti[o++] = items[b++]; }
    }
    memcpy(keys, tk, n * sizeof(Value));
    memcpy(items, ti, n * sizeof(Value));
  }
  return true;
}

Value list_sort(VM *vm, ObjList *l, Value key, bool reverse) {
  uint32_t n = l->len, i;
  Value keys, scratch, items;
  RootMark mark = gc_root_mark(vm);
  bool ok = false;
  if (n < 2 && IS_NONE(key)) return NONE_VAL;
  vm_push_root(vm, OBJ_VAL(l));
  vm_push_root(vm, key);
  keys = list_new(vm, n);
  if (keys == EXC_VAL) goto out;
  vm_push_root(vm, keys);
  scratch = list_new(vm, 2 * n);
  if (scratch == EXC_VAL) goto out;
  vm_push_root(vm, scratch);
  for (i = 0; i < n; i++) {
    Value k = l->items[i];
    if (!IS_NONE(key)) {
      k = vm_call(vm, key, 1, &l->items[i]);
      if (k == EXC_VAL) goto out;
    }
    AS_LIST(keys)->items[i] = k;
  }
  /* sort a copy so a failing comparison leaves the list as it was */
  items = list_new(vm, n);
  if (items == EXC_VAL) goto out;
  if (n) memcpy(AS_LIST(items)->items, l->items, n * sizeof(Value));
  vm_push_root(vm, items);
  ok = merge_sort(vm, AS_LIST(keys)->items, AS_LIST(items)->items, AS_LIST(scratch)->items,
                  AS_LIST(scratch)->items + n, n, reverse);
  if (ok && l->len == n) memcpy(l->items, AS_LIST(items)->items, n * sizeof(Value));
out:
  gc_root_restore(vm, mark);
  return ok ? NONE_VAL : EXC_VAL;
}

static Value m_sort(VM *vm, int argc, Value *args) {
  Value key = NATIVE_KW(args, argc, 0), rev = NATIVE_KW(args, argc, 1);
  return list_sort(vm, AS_LIST(args[0]), key == UNBOUND_VAL ? NONE_VAL : key, rev != UNBOUND_VAL && value_truthy(rev));
}

Value value_to_list(VM *vm, Value iterable) {
  Value list = list_new(vm, 0), it, v;
  RootMark mark = gc_root_mark(vm);
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  if (IS_LIST(iterable) || IS_TUPLE(iterable)) {
    uint32_t n = IS_LIST(iterable) ? AS_LIST(iterable)->len : AS_TUPLE(iterable)->len;
    bool ok = list_reserve(vm, AS_LIST(list), n);
    gc_root_restore(vm, mark);
    if (!ok) return EXC_VAL;
    if (n) memcpy(AS_LIST(list)->items, IS_LIST(iterable) ? AS_LIST(iterable)->items : AS_TUPLE(iterable)->items,
                  n * sizeof(Value));
    AS_LIST(list)->len = n;
    return list;
  }
  it = value_iter(vm, iterable);
  vm_push_root(vm, it);
  while (it != EXC_VAL) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !list_append(vm, AS_LIST(list), v)) { list = EXC_VAL; break; }
  }
  gc_root_restore(vm, mark);
  return it == EXC_VAL ? EXC_VAL : list;
}

static Value m_copy(VM *vm, int argc, Value *args) { (void)argc; return value_to_list(vm, args[0]); }

static const MethodDef list_methods[] = {
  {"append", m_append, 1, 1, NULL},
  {"pop", m_pop, 0, 1, NULL},
  {"insert", m_insert, 2, 2, NULL},
  {"extend", m_extend, 1, 1, NULL},
  {"index", m_index, 1, 3, NULL},
  {"count", m_count, 1, 1, NULL},
  {"remove", m_remove, 1, 1, NULL},
  {"reverse", m_reverse, 0, 0, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {"sort", m_sort, 0, 0, "key reverse"},
  {"copy", m_copy, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static Value list_length(VM *vm, Value v) { (void)vm; return INT_VAL(AS_LIST(v)->len); }

static Value list_getitem(VM *vm, Value obj, Value key) {
  ObjList *l = AS_LIST(obj);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)l->len, &start, &stop, &step), i;
    Value r;
    if (n < 0) return EXC_VAL;
    vm_push_root(vm, obj);
    r = list_new(vm, (uint32_t)n);
    vm_pop_root(vm);
    if (r == EXC_VAL) return EXC_VAL;
    for (i = 0; i < n; i++) AS_LIST(r)->items[i] = AS_LIST(obj)->items[start + i * step];
    return r;
  }
  if (!seq_index(vm, key, l->len, "list", &k)) return EXC_VAL;
  return l->items[k];
}

/* l[a:b:c] = iterable */
static Value list_setslice(VM *vm, Value obj, ObjSlice *sl, Value val) {
  ObjList *l = AS_LIST(obj);
  vint start, stop, step, n = slice_indices(vm, sl, (vint)l->len, &start, &stop, &step), i, m;
  Value src = value_to_list(vm, val);
  ObjList *s;
  if (n < 0 || src == EXC_VAL) return EXC_VAL;
  s = AS_LIST(src);
  m = (vint)s->len;
  if (step != 1) {
    if (m != n)
      return vm_raise_fmt(vm, &exc_ValueError, "attempt to assign sequence of size %d to extended slice of size %d", (int)m, (int)n);
    for (i = 0; i < n; i++) l->items[start + i * step] = s->items[i];
    return NONE_VAL;
  }
  if (stop < start) stop = start;
  vm_push_root(vm, src);
  {
    vint old = stop - start, tail = (vint)l->len - stop;
    if (m > old) {
      for (i = 0; i < m - old; i++)
        if (!list_append(vm, l, NONE_VAL)) { vm_pop_root(vm); return EXC_VAL; }
    }
    if (tail > 0) memmove(l->items + start + m, l->items + stop, (size_t)tail * sizeof(Value));
    if (m > 0) memcpy(l->items + start, s->items, (size_t)m * sizeof(Value));
    l->len = (uint32_t)(start + m + tail);
  }
  vm_pop_root(vm);
  return NONE_VAL;
}

/* del l[i], del l[a:b:c] */
static Value list_delitem(VM *vm, Value obj, Value key) {
  ObjList *l = AS_LIST(obj);
  uint32_t k;
  if (IS_SLICE(key)) {
    vint start, stop, step, n = slice_indices(vm, AS_SLICE(key), (vint)l->len, &start, &stop, &step), i, w = 0;
    if (n < 0) return EXC_VAL;
    if (step < 0) { start = start + (n - 1) * step; step = -step; }
    for (i = 0; i < (vint)l->len; i++) {
      bool gone = n > 0 && i >= start && (i - start) % step == 0 && (i - start) / step < n;
      if (!gone) l->items[w++] = l->items[i];
    }
    l->len = (uint32_t)w;
    return NONE_VAL;
  }
  if (!seq_index(vm, key, l->len, "list", &k)) return EXC_VAL;
  memmove(l->items + k, l->items + k + 1, (l->len - k - 1) * sizeof(Value));
  l->len--;
  return NONE_VAL;
}

static Value list_setitem(VM *vm, Value obj, Value key, Value val) {
  uint32_t k;
  if (val == UNBOUND_VAL) return list_delitem(vm, obj, key);
  if (IS_SLICE(key)) return list_setslice(vm, obj, AS_SLICE(key), val);
  if (!seq_index(vm, key, AS_LIST(obj)->len, "list assignment", &k)) return EXC_VAL;
  AS_LIST(obj)->items[k] = val;
  return NONE_VAL;
}

static Value list_getiter(VM *vm, Value v) { return iter_new(vm, &list_iter_type, v, 0, 0, 1); }

static Value list_iternext(VM *vm, Value iter) {
  ObjIter *it = AS_ITER(iter);
  ObjList *l = AS_LIST(it->seq);
  (void)vm;
  if ((uint32_t)it->index >= l->len) return STOP_VAL;
  return l->items[it->index++];
}

static Value list_contains(VM *vm, Value c, Value item) {
  uint32_t i;
  for (i = 0; i < AS_LIST(c)->len; i++)
    if (value_equal(vm, AS_LIST(c)->items[i], item)) return TRUE_VAL;
  return FALSE_VAL;
}

static void list_print(VM *vm, Value v, bool repr) {
  (void)repr;
  if (!repr_enter(vm, v)) { vm_sb_cstr(vm, "[...]"); return; }
  vm_sb_add(vm, "[", 1);
  value_write_items(vm, AS_LIST(v)->items, AS_LIST(v)->len);
  vm_sb_add(vm, "]", 1);
  vm->repr_depth--;
}

const Type list_type = {{&type_type}, "list", NULL, list_trace, list_methods,
    .print = list_print, .hash = value_unhashable, .len = list_length, .getitem = list_getitem, .setitem = list_setitem, .getiter = list_getiter, .contains = list_contains};

const Type list_iter_type = {{&type_type}, "list_iterator", NULL, iter_trace, NULL,
    .getiter = iter_self, .iternext = list_iternext};
