/* Built-in functions (const objects in flash) and calling built-in types: int("5"),
 * str(x), ValueError("..."). */
#include <math.h>
#include <string.h>

#include "gen/opcodes.h"
#include "vm.h"

static Value write_line(VM *vm) {
  if (vm->sb_oom) return vm_raise(vm, &exc_MemoryError, NULL);
  if (vm->write != NULL) vm->write(vm->write_ctx, vm->sb, vm->sb_len);
  return NONE_VAL;
}

static Value bi_print(VM *vm, int argc, Value *args) {
  int i;
  vm_sb_reset(vm);
  for (i = 0; i < argc; i++) {
    if (i > 0) vm_sb_add(vm, " ", 1);
    value_write(vm, args[i], false);
  }
  vm_sb_add(vm, "\n", 1);
  return write_line(vm);
}

static Value bi_len(VM *vm, int argc, Value *args) { (void)argc; return value_len(vm, args[0]); }

static Value bi_repr(VM *vm, int argc, Value *args) {
  (void)argc;
  vm_sb_reset(vm);
  value_write(vm, args[0], true);
  return vm_sb_to_str(vm);
}

static bool need_index(VM *vm, Value v, vint *out) {
  if (IS_INTLIKE(v)) { *out = AS_INTLIKE(v); return true; }
  vm_raise_fmt(vm, &exc_TypeError, "'%t' object cannot be interpreted as an integer", v);
  return false;
}

static Value bi_abs(VM *vm, int argc, Value *args) {
  Value v = args[0];
  (void)argc;
  if (IS_INTLIKE(v)) {
    vint i = AS_INTLIKE(v);
    if (i < 0 && !INT_FITS(-i)) return vm_raise(vm, &exc_OverflowError, "integer too large");
    return INT_VAL(i < 0 ? -i : i);
  }
  if (IS_FLOAT(v)) return float_new(vm, fabs(AS_FLOAT(v)));
  return vm_raise_fmt(vm, &exc_TypeError, "bad operand type for abs(): '%t'", v);
}

static Value min_max(VM *vm, int argc, Value *args, int op, const char *name) {
  Value best = UNBOUND_VAL, it, v;
  if (argc > 1) {
    int i;
    best = args[0];
    for (i = 1; i < argc; i++) {
      Value better = value_compare(vm, op, args[i], best);
      if (better == EXC_VAL) return EXC_VAL;
      if (better == TRUE_VAL) best = args[i];
    }
    return best;
  }
  it = value_iter(vm, args[0]);
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  vm_push_root(vm, best);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL) goto fail;
    if (best == UNBOUND_VAL) best = v;
    else {
      Value better = value_compare(vm, op, v, best);
      if (better == EXC_VAL) goto fail;
      if (better == TRUE_VAL) best = v;
    }
    vm->roots[vm->nroots - 1] = best;
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
  if (best == UNBOUND_VAL) return vm_raise_fmt(vm, &exc_ValueError, "%s() arg is an empty sequence", name);
  return best;
fail:
  vm_pop_root(vm);
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value bi_min(VM *vm, int argc, Value *args) { return min_max(vm, argc, args, CMP_LT, "min"); }
static Value bi_max(VM *vm, int argc, Value *args) { return min_max(vm, argc, args, CMP_GT, "max"); }

static Value bi_sum(VM *vm, int argc, Value *args) {
  Value total = argc > 1 ? args[1] : INT_VAL(0), it, v;
  if (IS_STR(total)) return vm_raise(vm, &exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  it = value_iter(vm, args[0]);
  if (it == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, it);
  vm_push_root(vm, total);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL) goto fail;
    if (IS_INT(total) && IS_INT(v) && INT_FITS(AS_INT(total) + AS_INT(v))) {
      total = INT_VAL(AS_INT(total) + AS_INT(v));
    } else {
      total = vm_binary_add(vm, total, v);
      if (total == EXC_VAL) goto fail;
    }
    vm->roots[vm->nroots - 1] = total;
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
  return total;
fail:
  vm_pop_root(vm);
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value bi_ord(VM *vm, int argc, Value *args) {
  ObjStr *s;
  const uint8_t *p;
  uint32_t cp;
  (void)argc;
  if (!IS_STR(args[0])) return vm_raise_fmt(vm, &exc_TypeError, "ord() expected string of length 1, but %t found", args[0]);
  s = AS_STR(args[0]);
  if (s->nchars != 1)
    return vm_raise_fmt(vm, &exc_TypeError, "ord() expected a character, but string of length %d found", (int)s->nchars);
  p = (const uint8_t *)s->chars;
  if (p[0] < 0x80) cp = p[0];
  else if (p[0] < 0xE0) cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  else if (p[0] < 0xF0) cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  else cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
  return INT_VAL((vint)cp);
}

static Value bi_chr(VM *vm, int argc, Value *args) {
  vint cp;
  char b[4];
  (void)argc;
  if (!need_index(vm, args[0], &cp)) return EXC_VAL;
  if (cp < 0 || cp > 0x10FFFF) return vm_raise(vm, &exc_ValueError, "chr() arg not in range(0x110000)");
  if (cp < 0x80) { b[0] = (char)cp; return str_new(vm, b, 1); }
  if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); return str_new(vm, b, 2); }
  if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F));
    return str_new(vm, b, 3);
  }
  b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F));
  return str_new(vm, b, 4);
}

static Value bi_isinstance(VM *vm, int argc, Value *args) {
  (void)argc;
  if (!IS_TYPE(args[1], &type_type))
    return vm_raise(vm, &exc_TypeError, "isinstance() arg 2 must be a type");
  {
    const Type *want = (const Type *)AS_OBJ(args[1]), *t = value_type(args[0]);
    if (want == &int_type && t == &bool_type) return TRUE_VAL;
    return BOOL_VAL(type_is_subtype(t, want));
  }
}

/* ---- calling types --------------------------------------------------------------------- */

static Value collect(VM *vm, Value iterable, bool as_tuple) {
  Value list = list_new(vm, 0), it, v;
  if (list == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  it = value_iter(vm, iterable);
  if (it == EXC_VAL) goto fail;
  vm_push_root(vm, it);
  for (;;) {
    v = value_iter_next(vm, it);
    if (v == STOP_VAL) break;
    if (v == EXC_VAL || !list_append(vm, AS_LIST(list), v)) { vm_pop_root(vm); goto fail; }
  }
  vm_pop_root(vm);
  if (as_tuple) {
    Value t = tuple_new(vm, AS_LIST(list)->len);
    if (t == EXC_VAL) goto fail;
    if (AS_LIST(list)->len) memcpy(AS_TUPLE(t)->items, AS_LIST(list)->items, AS_LIST(list)->len * sizeof(Value));
    list = t;
  }
  vm_pop_root(vm);
  return list;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

static Value make_int(VM *vm, int argc, Value *args) {
  Value v;
  if (argc == 0) return INT_VAL(0);
  v = args[0];
  if (argc == 2) {
    vint base;
    if (!IS_STR(v)) return vm_raise(vm, &exc_TypeError, "int() can't convert non-string with explicit base");
    if (!need_index(vm, args[1], &base)) return EXC_VAL;
    if (base < 2 || base > 36) return vm_raise(vm, &exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    return int_from_str(vm, AS_STR(v)->chars, AS_STR(v)->len, (int)base);
  }
  if (IS_INTLIKE(v)) return INT_VAL(AS_INTLIKE(v));
  if (IS_FLOAT(v)) return float_to_int(vm, AS_FLOAT(v));
  if (IS_STR(v)) return int_from_str(vm, AS_STR(v)->chars, AS_STR(v)->len, 10);
  return vm_raise_fmt(vm, &exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%t'", v);
}

static Value make_float(VM *vm, int argc, Value *args) {
  Value v;
  if (argc == 0) return float_new(vm, 0.0);
  v = args[0];
  if (IS_FLOAT(v)) return v;
  if (IS_INTLIKE(v)) return float_new(vm, (double)AS_INTLIKE(v));
  if (IS_STR(v)) return float_from_str(vm, AS_STR(v));
  return vm_raise_fmt(vm, &exc_TypeError, "float() argument must be a string or a real number, not '%t'", v);
}

static Value make_range(VM *vm, int argc, Value *args) {
  vint a = 0, b, c = 1;
  if (argc == 1) {
    if (!need_index(vm, args[0], &b)) return EXC_VAL;
  } else {
    if (!need_index(vm, args[0], &a) || !need_index(vm, args[1], &b)) return EXC_VAL;
    if (argc == 3 && !need_index(vm, args[2], &c)) return EXC_VAL;
  }
  return range_new(vm, a, b, c);
}

static Value make_dict(VM *vm, int argc, Value *args) {
  Value d = dict_new(vm), it, item;
  if (d == EXC_VAL || argc == 0) return d;
  vm_push_root(vm, d);
  if (IS_DICT(args[0])) {
    ObjDict *src = AS_DICT(args[0]);
    uint32_t i;
    for (i = 0; i < src->used; i++)
      if (src->entries[i].key != DELETED_VAL && !dict_set(vm, AS_DICT(d), src->entries[i].key, src->entries[i].value))
        goto fail;
    vm_pop_root(vm);
    return d;
  }
  it = value_iter(vm, args[0]);
  if (it == EXC_VAL) goto fail;
  vm_push_root(vm, it);
  for (;;) {
    item = value_iter_next(vm, it);
    if (item == STOP_VAL) break;
    if (item == EXC_VAL) { vm_pop_root(vm); goto fail; }
    if (!(IS_TUPLE(item) && AS_TUPLE(item)->len == 2) && !(IS_LIST(item) && AS_LIST(item)->len == 2)) {
      vm_pop_root(vm);
      vm_raise(vm, &exc_TypeError, "cannot convert dictionary update sequence element to a sequence of length 2");
      goto fail;
    }
    {
      Value *kv = IS_TUPLE(item) ? AS_TUPLE(item)->items : AS_LIST(item)->items;
      if (!dict_set(vm, AS_DICT(d), kv[0], kv[1])) { vm_pop_root(vm); goto fail; }
    }
  }
  vm_pop_root(vm);
  vm_pop_root(vm);
  return d;
fail:
  vm_pop_root(vm);
  return EXC_VAL;
}

Value type_call(VM *vm, const Type *type, int argc, Value *args);
Value type_call(VM *vm, const Type *type, int argc, Value *args) {
  int max = 1;
  if (type == &range_type) {
    if (argc < 1 || argc > 3) {
      if (argc == 0) return vm_raise(vm, &exc_TypeError, "range expected at least 1 argument, got 0");
      return vm_raise_fmt(vm, &exc_TypeError, "range expected at most 3 arguments, got %d", argc);
    }
    return make_range(vm, argc, args);
  }
  if (type_is_exception(type)) {
    if (argc == 0) return exception_new(vm, type, NONE_VAL);
    return exception_new(vm, type, args[0]);
  }
  if (type == &int_type) max = 2;
  if (argc > max)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at most %d argument%s (%d given)", type->name, max,
                        max == 1 ? "" : "s", argc);
  if (type == &int_type) return make_int(vm, argc, args);
  if (type == &float_type) return make_float(vm, argc, args);
  if (type == &bool_type) return argc == 0 ? FALSE_VAL : BOOL_VAL(value_truthy(args[0]));
  if (type == &str_type) {
    if (argc == 0) return str_new(vm, "", 0);
    if (IS_STR(args[0])) return args[0];
    vm_sb_reset(vm);
    value_write(vm, args[0], false);
    return vm_sb_to_str(vm);
  }
  if (type == &list_type) return argc == 0 ? list_new(vm, 0) : collect(vm, args[0], false);
  if (type == &tuple_type) {
    if (argc == 0) return tuple_new(vm, 0);
    if (IS_TUPLE(args[0])) return args[0];
    return collect(vm, args[0], true);
  }
  if (type == &dict_type) return make_dict(vm, argc, args);
  if (type == &type_type && argc == 1) return OBJ_VAL(value_type(args[0]));
  return vm_raise_fmt(vm, &exc_TypeError, "cannot create '%s' instances", type->name);
}

/* ---- the table ------------------------------------------------------------------------- */

#define BUILTIN(cname, pyname, min, max) \
  static const ObjBuiltin b_##cname = {{&builtin_type}, pyname, bi_##cname, min, max, NULL}

BUILTIN(print, "print", 0, -1);
BUILTIN(len, "len", 1, 1);
BUILTIN(repr, "repr", 1, 1);
BUILTIN(abs, "abs", 1, 1);
BUILTIN(min, "min", 1, -1);
BUILTIN(max, "max", 1, -1);
BUILTIN(sum, "sum", 1, 2);
BUILTIN(ord, "ord", 1, 1);
BUILTIN(chr, "chr", 1, 1);
BUILTIN(isinstance, "isinstance", 2, 2);

static const Obj *const builtin_table[] = {
  &b_print.obj, &b_len.obj, &b_repr.obj, &b_abs.obj, &b_min.obj, &b_max.obj, &b_sum.obj,
  &b_ord.obj, &b_chr.obj, &b_isinstance.obj,
  &int_type.base, &float_type.base, &str_type.base, &bool_type.base, &list_type.base,
  &tuple_type.base, &dict_type.base, &range_type.base, &type_type.base,
  &exc_BaseException.base, &exc_Exception.base, &exc_TypeError.base, &exc_ValueError.base,
  &exc_NameError.base, &exc_UnboundLocalError.base, &exc_ZeroDivisionError.base,
  &exc_ArithmeticError.base, &exc_LookupError.base, &exc_IndexError.base, &exc_KeyError.base,
  &exc_AttributeError.base, &exc_OverflowError.base, &exc_MemoryError.base,
  &exc_RecursionError.base, &exc_RuntimeError.base, &exc_StopIteration.base,
  &exc_KeyboardInterrupt.base, &exc_NotImplementedError.base, &exc_AssertionError.base,
};

bool builtins_init(VM *vm) {
  size_t i;
  for (i = 0; i < sizeof builtin_table / sizeof builtin_table[0]; i++) {
    const Obj *o = builtin_table[i];
    const char *name = o->type == &builtin_type ? ((const ObjBuiltin *)o)->name : ((const Type *)o)->name;
    Value key = str_intern(vm, name, strlen(name));
    if (key == EXC_VAL || !dict_set(vm, vm->builtins, key, OBJ_VAL(o))) return false;
  }
  return true;
}
