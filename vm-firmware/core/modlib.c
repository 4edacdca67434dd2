/* _stdlib: the few natives that the Python library (compiler/lib) cannot express, in a const
 * table like math's. struct's IEEE 754 packing of floats: pack_float(x, size, little) -> bytes and
 * unpack_float(buffer, offset, size, little) -> float, size 4 ('f') or 8 ('d'). */
#include <math.h>
#include <string.h>

#include "gen/image_format.h"
#include "vm.h"

static bool float_of(VM *vm, Value v, double *out) {
  if (IS_FLOAT(v)) { *out = AS_FLOAT(v); return true; }
  if (IS_ANYINT(v)) return int_to_double(vm, v, out);
  vm_raise(vm, &exc_TypeError, "required argument is not a float");
  return false;
}

static bool size_of(VM *vm, Value v, int *out) {
  if (!IS_INTLIKE(v) || (AS_INTLIKE(v) != 4 && AS_INTLIKE(v) != 8)) {
    vm_raise(vm, &exc_ValueError, "float size must be 4 or 8");
    return false;
  }
  *out = (int)AS_INTLIKE(v);
  return true;
}

/* Bytes in memory order -> the requested order (the host's order is found at run time). */
static void order(uint8_t *b, int n, bool little) {
  const uint16_t probe = 1;
  bool host_little = *(const uint8_t *)&probe == 1;
  int i;
  if (host_little == little) return;
  for (i = 0; i < n / 2; i++) { uint8_t t = b[i]; b[i] = b[n - 1 - i]; b[n - 1 - i] = t; }
}

static Value m_pack_float(VM *vm, int argc, Value *args) {
  double x;
  int size;
  uint8_t buf[8];
  (void)argc;
  if (!float_of(vm, args[0], &x) || !size_of(vm, args[1], &size)) return EXC_VAL;
  if (size == 4) {
    float f = (float)x;
    if (isinf(f) && !isinf(x)) return vm_raise(vm, &exc_OverflowError, "float too large to pack with f format");
    memcpy(buf, &f, 4);
  } else {
    memcpy(buf, &x, 8);
  }
  order(buf, size, value_truthy(args[2]));
  return bytes_new(vm, &bytes_type, buf, (uint32_t)size);
}

static Value m_unpack_float(VM *vm, int argc, Value *args) {
  int size;
  vint at;
  uint8_t buf[8];
  (void)argc;
  if (!IS_BYTESLIKE(args[0])) return vm_raise(vm, &exc_TypeError, "a bytes-like object is required");
  if (!IS_INTLIKE(args[1]) || !size_of(vm, args[2], &size)) return EXC_VAL;
  at = AS_INTLIKE(args[1]);
  if (at < 0 || (uint32_t)at + (uint32_t)size > AS_BYTES(args[0])->len)
    return vm_raise(vm, &exc_ValueError, "buffer too small");
  memcpy(buf, AS_BYTES(args[0])->data + at, (size_t)size);
  order(buf, size, value_truthy(args[3]));
  if (size == 4) {
    float f;
    memcpy(&f, buf, 4);
    return float_new(vm, (double)f);
  } else {
    double d;
    memcpy(&d, buf, 8);
    return float_new(vm, d);
  }
}

/* iterable_coroutine(f), for types.coroutine: a generator function's generators become
 * awaitable (CPython's CO_ITERABLE_COROUTINE flag, set on its code object). False: f is not a
 * generator function. */
static Value m_iterable_coroutine(VM *vm, int argc, Value *args) {
  ObjCode *code;
  (void)vm; (void)argc;
  if (!IS_FUNCTION(args[0])) return FALSE_VAL;
  code = AS_FUNCTION(args[0])->code;
  if ((code->flags & (CODE_FLAG_GENERATOR | CODE_FLAG_COROUTINE)) != CODE_FLAG_GENERATOR) return FALSE_VAL;
  code->flags |= CODE_FLAG_ITERABLE_COROUTINE;
  return TRUE_VAL;
}

const ObjBuiltin modlib_functions[] = {
  {{&builtin_type}, "iterable_coroutine", m_iterable_coroutine, 1, 1, NULL},
  {{&builtin_type}, "pack_float", m_pack_float, 3, 3, NULL},
  {{&builtin_type}, "unpack_float", m_unpack_float, 4, 4, NULL},
  {{&builtin_type}, NULL, NULL, 0, 0, NULL},
};
