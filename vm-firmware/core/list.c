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
  long i = find_item(vm, AS_LIST(args[0]), args[1]);
  (void)argc;
  if (i < 0) return vm_raise_fmt(vm, &exc_ValueError, "%v is not in list", args[1]);
  return INT_VAL(i);
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

/* Stable insertion sort; comparisons of built-in values do not allocate. */
static Value m_sort(VM *vm, int argc, Value *args) {
  ObjList *l = AS_LIST(args[0]);
  uint32_t i, j;
  (void)argc;
  for (i = 1; i < l->len; i++) {
    Value x = l->items[i];
    for (j = i; j > 0; j--) {
      Value lt = value_compare(vm, CMP_LT, x, l->items[j - 1]);
      if (lt == EXC_VAL) return EXC_VAL;
      if (lt != TRUE_VAL) break;
      l->items[j] = l->items[j - 1];
    }
    l->items[j] = x;
  }
  return NONE_VAL;
}

static const MethodDef list_methods[] = {
  {"append", m_append, 1, 1, NULL},
  {"pop", m_pop, 0, 1, NULL},
  {"insert", m_insert, 2, 2, NULL},
  {"extend", m_extend, 1, 1, NULL},
  {"index", m_index, 1, 1, NULL},
  {"count", m_count, 1, 1, NULL},
  {"remove", m_remove, 1, 1, NULL},
  {"reverse", m_reverse, 0, 0, NULL},
  {"clear", m_clear, 0, 0, NULL},
  {"sort", m_sort, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

const Type list_type = {{&type_type}, "list", NULL, list_trace, list_methods};

static void iter_trace(VM *vm, Obj *obj) { gc_mark_value(vm, ((ObjIter *)obj)->seq); }
const Type list_iter_type = {{&type_type}, "list_iterator", NULL, iter_trace, NULL};
