/* Objects: the common header, the const type structs, and every built-in object layout.
 * One built-in type per .c file (str.c, list.c, ...); this header is their shared contract. */
#ifndef VIPER_OBJECT_H
#define VIPER_OBJECT_H

#include "value.h"

typedef struct VM VM;
typedef struct Type Type;
struct ObjStr;

/* Every object starts with its type. Heap objects also have a block header before it
 * (memory.c); const objects (types, builtins) live in flash and are never collected. */
typedef struct Obj {
  const Type *type;
} Obj;

/* A native function: args[0..argc-1]; returns a value or EXC_VAL with vm->exc set.
 *
 * Keyword arguments (the `kw` field of ObjBuiltin and MethodDef): NULL means the native takes
 * none (the VM raises "f() takes no keyword arguments"). Otherwise `kw` names the keyword
 * parameters separated by spaces, e.g. "sep end file flush" or "key reverse". The VM then calls
 * fn with the argc positional arguments followed by one slot per name, in that order: slot i is
 * args[argc + i] (NATIVE_KW(args, argc, i)), holding the keyword's value or UNBOUND_VAL when the
 * call did not name it. A parameter that may be passed either way (int(x, base=10)) is in both
 * places: the native takes args[1] when argc > 1, else its keyword slot. An unknown or repeated
 * keyword is a TypeError raised by the VM. Natives never see a dict of keywords and nothing is
 * allocated for them. min_args/max_args count positional arguments only. */
typedef Value (*NativeFn)(VM *vm, int argc, Value *args);
#define NATIVE_KW(args, argc, i) ((args)[(argc) + (i)])
/* kw == NATIVE_KW_DICT: one slot holding a dict of every keyword given (UNBOUND_VAL: none). */
#define NATIVE_KW_DICT "**"

#define NATIVE_KW_GIVEN(args, argc, i) ((args)[(argc) + (i)] != UNBOUND_VAL)

typedef struct MethodDef {
  const char *name;
  NativeFn fn;               /* args[0] is self */
  int8_t min_args, max_args; /* not counting self */
  const char *kw;            /* keyword parameter names, see NativeFn; NULL: none */
} MethodDef;

struct Type {
  Obj base;                          /* base.type == &type_type */
  const char *name;
  const Type *parent;                /* exception hierarchy; NULL at the root */
  void (*trace)(VM *vm, Obj *obj);   /* mark children; NULL when there are none */
  const MethodDef *methods;          /* terminated by a NULL name; NULL when none */
  /* Slots: the operations object.c dispatches through (MicroPython's mp_obj_type_t shape).
   * NULL: the type does not support the operation (object.c raises CPython's TypeError), or
   * for print and hash: the default ("<name object>", hash by identity). Each type fills its
   * own in its own file with designated initializers; a Python class's Type gets class.c's
   * slot functions, which call its dunders. Ints, None, bools and Ellipsis are not objects:
   * object.c handles them before looking at slots. */
  void (*print)(VM *vm, Value v, bool repr);                   /* str()/repr() into vm_sb */
  bool (*hash)(VM *vm, Value v, int64_t *out);                 /* false + exception raised */
  Value (*len)(VM *vm, Value v);                               /* int or EXC_VAL */
  Value (*getitem)(VM *vm, Value obj, Value key);
  Value (*setitem)(VM *vm, Value obj, Value key, Value val);   /* val UNBOUND_VAL: del */
  Value (*getiter)(VM *vm, Value v);
  Value (*iternext)(VM *vm, Value it);                         /* STOP_VAL when exhausted */
  Value (*contains)(VM *vm, Value c, Value item);              /* NULL: iterate and compare */
  /* An attribute the type itself knows (data attributes, a module's names); UNBOUND_VAL: look
   * among its methods next. */
  Value (*getattr)(VM *vm, Value obj, struct ObjStr *name);
  /* A native class (machine.UART): calling the type calls make, with its keywords (NULL: the
   * built-in types' own rules in type_call); consts: its class constants (SPI.MSB), read on
   * the class and its instances, ended by a NULL name. */
  const struct ObjBuiltin *make;
  const struct TypeConst *consts;
};

typedef struct TypeConst { const char *name; int32_t value; } TypeConst;

#define OBJ_TYPE(v)      (AS_OBJ(v)->type)
#define IS_TYPE(v, t)    (IS_OBJ(v) && OBJ_TYPE(v) == (t))

typedef struct ObjStr {
  Obj obj;
  uint32_t len;       /* bytes, without the terminating NUL */
  uint32_t nchars;    /* code points; == len for ASCII */
  uint32_t hash;
  char chars[1];      /* len bytes + NUL */
} ObjStr;

typedef struct ObjFloat { Obj obj; double value; } ObjFloat;

/* An int beyond the small range (bigint.c): sign and magnitude in 16-bit digits, least
 * significant first. Always normalised: a value that fits a small int is never an ObjBigInt. */
typedef struct ObjBigInt { Obj obj; uint32_t len; uint32_t neg; uint16_t d[1]; } ObjBigInt;

typedef struct ObjList { Obj obj; uint32_t len, cap; Value *items; } ObjList;

/* set and frozenset (set.c): CPython's table layout and probing, with CPython's hashes. */
typedef struct SetEntry { Value key; int64_t hash; } SetEntry;
typedef struct ObjSet { Obj obj; uint32_t fill, used, mask, finger; SetEntry *table; } ObjSet;

/* A built-in module (modules.c): its names in a dict. */
typedef struct ObjModule { Obj obj; struct ObjDict *dict; } ObjModule;

/* bytes and bytearray (bytes.c) */
typedef struct ObjBytes { Obj obj; uint32_t len, cap; uint8_t *data; } ObjBytes;

typedef struct ObjTuple { Obj obj; uint32_t len; Value items[1]; } ObjTuple;

typedef struct DictEntry { Value key, value; uint32_t hash; } DictEntry;

/* Insertion-ordered: entries in order (DELETED_VAL keys are holes), plus an open-addressed
 * index of entry numbers (-1 empty). Both live in one raw block. */
typedef struct ObjDict {
  Obj obj;
  uint32_t live;        /* entries in use */
  uint32_t used;        /* entries written, holes included */
  uint32_t cap;         /* entries room */
  uint32_t index_mask;  /* index slots - 1 (a power of two minus one) */
  DictEntry *entries;
} ObjDict;

typedef struct ObjRange { Obj obj; vint start, stop, step; } ObjRange;

/* One iterator layout for list, tuple, str, dict and range: the type tells which. */
typedef struct ObjIter { Obj obj; Value seq; vint index, stop, step; } ObjIter;
Value iter_new(VM *vm, const Type *type, Value seq, vint index, vint stop, vint step);
void iter_trace(VM *vm, Obj *obj);   /* marks seq: the trace of every ObjIter type */

typedef struct ObjCode {
  Obj obj;
  ObjStr *name;
  ObjStr *qualname;         /* for messages: "Point.move" */
  ObjStr *file;
  uint8_t argcount, posonlyargcount, kwonlyargcount, flags;
  uint16_t nlocals, stacksize, first_line, nconsts, lines_len;
  uint32_t code_len;
  Value *consts;
  Value *local_names;       /* nlocals interned strings */
  const uint8_t *code;      /* points into the image (executes in place) */
  const uint8_t *lines;
  Value *names;             /* its image's name table and code table (a REPL entry's image
                               outlives the next one's load) */
  struct ObjCode **codes;
  uint32_t nnames, ncodes;
} ObjCode;

/* A Python function. defaults: tuple or None; kwdefaults: dict or None; closure: tuple of
 * cells or None. While it runs, the function sits in the stack slot below its frame's locals. */
typedef struct ObjFunction {
  Obj obj;
  ObjCode *code;
  ObjDict *globals;
  Value defaults, kwdefaults, closure;
  ObjDict *dict;            /* f.__dict__: attributes the program set; NULL: none yet */
  ObjDict *meta;            /* __name__, __qualname__, __doc__, __module__ once assigned; NULL: none */
} ObjFunction;

/* A variable captured by a nested function; value is UNBOUND_VAL while unset. */
typedef struct ObjCell { Obj obj; Value value; } ObjCell;

/* slice(start, stop, step), made by BUILD_SLICE; the fields are any values (None when omitted). */
typedef struct ObjSlice { Obj obj; Value start, stop, step; } ObjSlice;

typedef struct ObjBuiltin {
  Obj obj;
  const char *name;
  NativeFn fn;
  int8_t min_args, max_args;   /* max -1: any number */
  const char *kw;              /* keyword parameter names, see NativeFn; NULL: none */
} ObjBuiltin;

typedef struct ObjBoundMethod { Obj obj; Value self; const MethodDef *method; } ObjBoundMethod;

/* How an exception came about (PEP 3134): raised `from` cause, or while context was being
 * handled. tb: the frames it went through, a tuple of (code, pc) pairs, kept once a later
 * exception chains to it (None: never raised, or not needed). */
typedef struct ExcChain { Value cause, context, tb; bool suppress_context; } ExcChain;
typedef struct ObjException { Obj obj; Value msg; ExcChain chain; } ObjException;
ExcChain *exception_chain(Value exc);   /* NULL for a bare exception type */
void exc_chain_init(ExcChain *c);
void exception_trace(VM *vm, Obj *obj);   /* the trace of every ObjException type */
void exc_chain_trace(VM *vm, const ExcChain *c);
/* e.__cause__, e.__context__, e.__suppress_context__; UNBOUND_VAL for other names. */
Value exc_chain_getattr(Value exc, const ObjStr *name);

/* ---- types ---------------------------------------------------------------------------- */
extern const Type type_type, none_type, bool_type, int_type, ellipsis_type;
extern const Type bigint_type;   /* value_type() reports it as int */
extern const Type set_type, frozenset_type, set_iter_type, bytes_type, bytearray_type, bytes_iter_type;
extern const Type enumerate_type, zip_type, map_type, filter_type, reversed_type, object_type;
extern const Type module_type, exc_SystemExit, exc_UnicodeError, exc_UnicodeDecodeError, exc_UnicodeEncodeError;
extern const Type str_type, float_type, list_type, tuple_type, dict_type, range_type;
extern const Type dict_keys_type, dict_values_type, dict_items_type;
extern const Type list_iter_type, tuple_iter_type, str_iter_type, dict_iter_type, range_iter_type;
extern const Type seq_iter_type;   /* iter() of an instance with __getitem__ but no __iter__ */
Value seq_iter_next(VM *vm, ObjIter *it);
extern const Type code_type, function_type, builtin_type, bound_method_type, cell_type, slice_type;
extern const Type exc_BaseException, exc_Exception, exc_TypeError, exc_ValueError,
    exc_NameError, exc_UnboundLocalError, exc_ZeroDivisionError, exc_ArithmeticError,
    exc_LookupError, exc_IndexError, exc_KeyError, exc_AttributeError, exc_OverflowError,
    exc_MemoryError, exc_RecursionError, exc_RuntimeError, exc_StopIteration,
    exc_KeyboardInterrupt, exc_NotImplementedError, exc_AssertionError;

#define IS_STR(v)      IS_TYPE(v, &str_type)
#define AS_STR(v)      ((ObjStr *)AS_OBJ(v))
#define IS_BIGINT(v)   (VIPER_HAS_BIGINT && IS_TYPE(v, &bigint_type))   /* constant false: the code goes */
#define AS_BIGINT(v)   ((ObjBigInt *)AS_OBJ(v))
#define IS_ANYINT(v)   (IS_INTLIKE(v) || IS_BIGINT(v))   /* bool, small int or bigint */
#define IS_SET(v)      (VIPER_HAS_SET && IS_TYPE(v, &set_type))
#define IS_FROZENSET(v) (VIPER_HAS_SET && IS_TYPE(v, &frozenset_type))
#define IS_ANYSET(v)   (VIPER_HAS_SET && IS_OBJ(v) && (OBJ_TYPE(v) == &set_type || OBJ_TYPE(v) == &frozenset_type))
#define AS_SET(v)      ((ObjSet *)AS_OBJ(v))
#define IS_BYTESLIKE(v) (VIPER_HAS_BYTES && IS_OBJ(v) && (OBJ_TYPE(v) == &bytes_type || OBJ_TYPE(v) == &bytearray_type))
#define AS_BYTES(v)    ((ObjBytes *)AS_OBJ(v))
#define IS_MODULE(v)   IS_TYPE(v, &module_type)
#define AS_MODULE(v)   ((ObjModule *)AS_OBJ(v))
#define IS_FLOAT(v)    IS_TYPE(v, &float_type)
#define AS_FLOAT(v)    (((ObjFloat *)AS_OBJ(v))->value)
#define IS_LIST(v)     IS_TYPE(v, &list_type)
#define AS_LIST(v)     ((ObjList *)AS_OBJ(v))
#define IS_TUPLE(v)    IS_TYPE(v, &tuple_type)
#define AS_TUPLE(v)    ((ObjTuple *)AS_OBJ(v))
#define IS_DICT(v)     IS_TYPE(v, &dict_type)
#define AS_DICT(v)     ((ObjDict *)AS_OBJ(v))
#define IS_RANGE(v)    IS_TYPE(v, &range_type)
#define AS_RANGE(v)    ((ObjRange *)AS_OBJ(v))
#define AS_ITER(v)     ((ObjIter *)AS_OBJ(v))
#define IS_FUNCTION(v) IS_TYPE(v, &function_type)
#define AS_FUNCTION(v) ((ObjFunction *)AS_OBJ(v))
#define IS_BUILTIN(v)  IS_TYPE(v, &builtin_type)
#define AS_BUILTIN(v)  ((const ObjBuiltin *)AS_OBJ(v))
#define AS_CODE(v)     ((ObjCode *)AS_OBJ(v))
#define IS_EXCTYPE_OBJ(v) (IS_OBJ(v) && type_is_exception(OBJ_TYPE(v)))

/* ---- object.c: the operations every value supports ------------------------------------- */
const Type *value_type(Value v);
bool value_truthy(Value v);
bool value_equal(VM *vm, Value a, Value b);          /* never raises for built-in types */
bool value_hash(VM *vm, Value v, uint32_t *out);     /* false + TypeError: unhashable */
bool value_hash64(VM *vm, Value v, int64_t *out);    /* CPython's hash() for numbers and tuples */
bool type_is_subtype(const Type *t, const Type *base);
bool type_is_exception(const Type *t);
Value value_getattr(VM *vm, Value obj, ObjStr *name);
Value value_setattr(VM *vm, Value obj, ObjStr *name, Value v);  /* v UNBOUND_VAL: delete */
Value value_len(VM *vm, Value v);                    /* int or EXC_VAL */
/* operator.index(v): an int for ints, bools, __index__ and int subclasses; UNBOUND_VAL (nothing
 * raised) when v has none; EXC_VAL when __index__ raised or returned a non-int. */
Value value_index(VM *vm, Value v);
/* A numeric special method of an instance (abs -> __abs__, int -> __int__, ...), the built-in
 * value of a subclass instance being used when the class has none: UNBOUND_VAL when neither. */
Value value_number_special(VM *vm, Value v, const char *name, int argc, Value *args);
Value value_getitem(VM *vm, Value obj, Value key);
Value value_setitem(VM *vm, Value obj, Value key, Value val);
Value value_iter(VM *vm, Value v);
Value value_iter_next(VM *vm, Value iter);           /* STOP_VAL when exhausted */
Value value_contains(VM *vm, Value container, Value item); /* TRUE_VAL/FALSE_VAL/EXC_VAL */
Value value_compare(VM *vm, int op, Value a, Value b);     /* op: CompareOpKind */
bool seq_index(VM *vm, Value index, uint32_t len, const char *what, uint32_t *out);

/* Text output of values into vm's string builder (vm_sb_*). */
void value_write(VM *vm, Value v, bool repr);
/* For print slots of containers: repr_enter is false when v is already being written (a cycle:
 * write "[...]"); otherwise the caller writes v and then does vm->repr_depth--. */
bool repr_enter(VM *vm, Value v);
void value_write_items(VM *vm, const Value *items, uint32_t n);   /* "a, b, c" as reprs */
void type_print(VM *vm, Value v, bool repr);   /* <class 'int'>: the print slot of type_type */
Value type_getattr(VM *vm, Value v, ObjStr *name);   /* int.__name__, list.append: type_type's slot */
Value iter_self(VM *vm, Value v);   /* the getiter slot of iterators: iter(it) is it */
bool value_unhashable(VM *vm, Value v, int64_t *out);   /* the hash slot of mutable types */

/* ---- memory.c --------------------------------------------------------------------------- */
void *mem_alloc(VM *vm, size_t size, bool is_obj);  /* NULL when the heap is full (no raise) */
void mem_free(VM *vm, void *ptr);                   /* give back a raw block at once */
Obj *obj_alloc(VM *vm, const Type *type, size_t size); /* raises MemoryError on NULL */
void *raw_alloc(VM *vm, size_t size);                  /* raises MemoryError on NULL */
void gc_collect(VM *vm);
void gc_mark_value(VM *vm, Value v);
void gc_mark_raw(VM *vm, const void *ptr);
bool gc_is_marked(VM *vm, Value v);   /* during a collection: reached, or not in the heap */
size_t mem_free_bytes(VM *vm);
size_t mem_size_of(VM *vm, Value v);               /* its heap block's bytes; 0: not in the heap */
size_t mem_size_of_raw(VM *vm, const void *p);

/* ---- str.c ------------------------------------------------------------------------------ */
uint32_t str_hash_bytes(const char *s, size_t len);   /* never 0 */
uint32_t str_hash_compute(ObjStr *s);
/* A string's hash is computed when first asked for (0: not yet), so building long strings
 * piece by piece does not hash every intermediate one. */
static inline uint32_t str_hash(ObjStr *s) { return s->hash != 0 ? s->hash : str_hash_compute(s); }
Value str_new(VM *vm, const char *s, size_t len);
Value str_intern(VM *vm, const char *s, size_t len);
Value str_from_cstr(VM *vm, const char *s);
bool str_equal(const ObjStr *a, const ObjStr *b);
bool str_utf8_valid(const uint8_t *s, size_t len, uint32_t *nchars);
Value str_concat(VM *vm, ObjStr *a, ObjStr *b);
Value str_repeat(VM *vm, ObjStr *s, vint n);
Value str_getitem(VM *vm, ObjStr *s, Value index);
Value str_slice(VM *vm, ObjStr *s, vint start, vint n, vint step);
bool str_contains(ObjStr *hay, ObjStr *needle);
int str_compare(const ObjStr *a, const ObjStr *b);
Value str_iter_next(VM *vm, ObjIter *it);
void str_write_repr(VM *vm, const ObjStr *s);

/* ---- int.c ------------------------------------------------------------------------------ */
Value int_binary(VM *vm, int op, vint a, vint b);
Value int_from_str(VM *vm, const char *s, size_t len, int base);
void int_write(VM *vm, vint i);

/* ---- bigint.c: every int operation that may leave the small range ---------------------- */
Value bigint_binary(VM *vm, int op, Value a, Value b);  /* a, b: any ints; BinaryOpKind op */
Value bigint_unary(VM *vm, int op, Value a);            /* UNOP_NEG / UNOP_POS / UNOP_INVERT */
Value int_number_binary(VM *vm, int op, Value a, Value b); /* a or b a bigint; UNBOUND_VAL: not numbers */
Value int_powmod(VM *vm, Value a, Value b, Value m);
int int_compare(Value a, Value b);                      /* any ints: -1, 0, 1 */
int int_compare_float(Value a, double f);               /* -1, 0, 1, or 2 when f is nan */
bool int_to_double(VM *vm, Value a, double *out);       /* false + OverflowError */
Value int_from_double(VM *vm, double d);                /* d finite; truncates */
Value int_from_u64(VM *vm, bool neg, uint64_t mag);
Value bigint_from_le_bytes(VM *vm, bool neg, const uint8_t *bytes, uint32_t n);
Value bigint_parse(VM *vm, const char *s, size_t len, int base, bool neg); /* validated digits/_ */
void int_write_base(VM *vm, Value v, int base);          /* any int; base 2, 8, 10 or 16; '-' */
int64_t int_hash(Value v);                               /* CPython's hash of an int */
bool int_to_i64(Value v, int64_t *out);                  /* false: outside int64 */
uint32_t int_bit_length(Value v);

/* ---- set.c ---------------------------------------------------------------------------- */
Value set_new(VM *vm, const Type *type);                  /* set_type or frozenset_type */
Value set_from(VM *vm, const Type *type, Value iterable); /* iterable UNBOUND_VAL: empty */
bool set_add(VM *vm, ObjSet *s, Value key);
bool set_update(VM *vm, ObjSet *s, Value iterable);
int set_contains(VM *vm, ObjSet *s, Value key);           /* -1 error, 0, 1 */
bool set_equal(VM *vm, ObjSet *a, ObjSet *b);
Value set_compare(VM *vm, int op, Value a, Value b);      /* <, <=, >, >= : subset tests */
Value set_binary(VM *vm, int op, Value a, Value b);       /* | & - ^; UNBOUND_VAL: not sets */
int64_t frozenset_hash(ObjSet *s);
Value set_iter_next(VM *vm, ObjIter *it);
void set_write(VM *vm, Value v);

/* ---- bytes.c ---------------------------------------------------------------------------- */
Value bytes_new(VM *vm, const Type *type, const uint8_t *data, uint32_t len); /* data may be NULL */
Value bytes_make(VM *vm, const Type *type, int argc, Value *args);            /* bytes(...) */
void bytes_write_repr(VM *vm, Value v);
Value bytes_getitem(VM *vm, Value obj, Value key);
Value bytes_setitem(VM *vm, Value obj, Value key, Value val);   /* val UNBOUND_VAL: del */
Value bytes_contains(VM *vm, Value c, Value item);
Value bytes_binary(VM *vm, int op, Value a, Value b);     /* + and *; UNBOUND_VAL otherwise */
int bytes_compare(const ObjBytes *a, const ObjBytes *b);
Value bytes_iter_next(VM *vm, ObjIter *it);
Value bytes_hex(VM *vm, int argc, Value *args);            /* b.hex(sep, bytes_per_sep) */

/* ---- memoryview.c ----------------------------------------------------------------------- */
extern const Type memoryview_type;
Value memview_make(VM *vm, int argc, Value *args);          /* memoryview(x) */
Value memview_len(VM *vm, Value v);
Value memview_tobytes(VM *vm, Value v, const Type *type);   /* a copy of its items */
Value memview_getitem(VM *vm, Value v, Value key);
Value memview_setitem(VM *vm, Value v, Value key, Value val);   /* val UNBOUND_VAL: del */
Value memview_iter(VM *vm, Value v);
bool memview_equal(VM *vm, Value a, Value b);

/* ---- the buffer protocol (memoryview.c): the raw items behind bytes, bytearray, array and
 * memoryview, so bytes(x), memoryview(x), b + x, int.from_bytes(x) ... take any of them. The
 * pointer is valid until the next allocation (a bytearray or array may move its block). */
typedef struct Buffer {
  uint8_t *data;      /* the first item */
  uint32_t len;       /* items */
  int32_t stride;     /* bytes from an item to the next: itemsize, except in a stepped memoryview */
  uint8_t itemsize;
  char format;        /* struct's code: 'B' for bytes and bytearray */
  bool writable;
} Buffer;
bool buffer_get(VM *vm, Value v, Buffer *b);        /* false (nothing raised): v is no buffer */
bool bytes_buffer(Value v, Buffer *b);   /* a bytes or bytearray as a buffer; false: v is neither */
void buffer_copy(const Buffer *b, uint8_t *dst);    /* its len * itemsize bytes, in item order */
Value buffer_getattr(VM *vm, Value v, ObjStr *name);   /* m.itemsize, a.typecode...; UNBOUND_VAL: none */

/* ---- array.c ------------------------------------------------------------------------------ */
typedef struct ObjArray { Obj obj; uint32_t len, cap; uint8_t *data; uint8_t code; } ObjArray;  /* len items, cap bytes */
extern const Type array_type, array_iter_type;
enum { BUF_OK, BUF_TYPE, BUF_NEG, BUF_BIG };        /* buffer_item_set's outcomes */
uint8_t buffer_itemsize(char format);               /* 0: not an array typecode */
Value buffer_item_get(VM *vm, char format, const uint8_t *p);
int buffer_item_set(VM *vm, char format, uint8_t *p, Value v);   /* raises nothing */
Value array_make(VM *vm, int argc, Value *args);    /* array(typecode, initializer) */
bool array_buffer(Value v, Buffer *b);
Value array_getattr(VM *vm, Value v, const ObjStr *name);
Value array_getitem(VM *vm, Value v, Value key);
Value array_setitem(VM *vm, Value v, Value key, Value val);   /* val UNBOUND_VAL: del */
Value array_contains(VM *vm, Value v, Value x);
Value array_binary(VM *vm, int op, Value a, Value b);   /* UNBOUND_VAL: not for arrays */
Value array_compare(VM *vm, int op, Value a, Value b);  /* both arrays */
bool array_equal(VM *vm, Value a, Value b);            /* a or b an array */
void array_write(VM *vm, Value v);

/* ---- iter.c: enumerate, zip, map, filter, reversed -------------------------------------- */
Value iter_make(VM *vm, const Type *type, int argc, Value *args);
Value iter_builtin_next(VM *vm, Value it);

/* ---- modules.c: math, time, sys ----------------------------------------------------- */
Value module_new(VM *vm, const char *name);
Value module_builtin(VM *vm, const ObjStr *name);   /* for import; UNBOUND_VAL: no such module */
Value module_getattr(VM *vm, Value module, ObjStr *name);
Value module_import_star_object(VM *vm, Value obj, struct ObjDict *ns);   /* from x import * of a non-module */
Value module_dir(VM *vm, Value module);   /* dir(module): its names (its __dir__'s when it has one) */
Value module_import_star_dir(VM *vm, Value module, struct ObjDict *ns);   /* UNBOUND_VAL: no __dir__ */

/* ---- format.c --------------------------------------------------------------------------- */
bool format_append(VM *vm, Value v, const char *spec, size_t len);  /* format(v, spec) into vm_sb */
Value str_percent(VM *vm, ObjStr *fmt, Value args);                /* fmt % args */
Value str_format_impl(VM *vm, ObjStr *fmt, int argc, Value *args, Value kwargs);

/* Operators of library types the interpreter does not know (sets, bytes, bigints, str %):
 * UNBOUND_VAL when none applies. */
Value lib_binary(VM *vm, int op, Value a, Value b);

/* ---- float.c ---------------------------------------------------------------------------- */
Value float_new(VM *vm, double d);
Value float_binary(VM *vm, int op, double a, double b);
Value float_from_str(VM *vm, ObjStr *s);
Value float_to_int(VM *vm, double d);
int float_compare_int(vint i, double f);  /* -1, 0, 1, or 2 when f is nan */
void float_write(VM *vm, double d);
size_t float_format(double d, char *buf);   /* repr into buf (>= 32 bytes), returns length */

/* ---- list.c / tuple.c ------------------------------------------------------------------- */
Value list_new(VM *vm, uint32_t len);          /* len items set to None */
bool list_append(VM *vm, ObjList *list, Value v);
bool value_callable(VM *vm, Value v);   /* builtins.c: callable(v) */
Value list_concat(VM *vm, ObjList *a, ObjList *b);
Value list_repeat(VM *vm, ObjList *a, vint n);
Value tuple_new(VM *vm, uint32_t len);
Value tuple_concat(VM *vm, ObjTuple *a, ObjTuple *b);
Value tuple_repeat(VM *vm, ObjTuple *a, vint n);
Value seq_compare(VM *vm, int op, const Value *a, uint32_t alen, const Value *b, uint32_t blen);
Value list_sort(VM *vm, ObjList *l, Value key, bool reverse);  /* stable; key None or callable */
Value value_to_list(VM *vm, Value iterable);                   /* a new list of its items */

/* ---- dict.c ----------------------------------------------------------------------------- */
Value dict_new(VM *vm);
Value dict_get(VM *vm, ObjDict *d, Value key);  /* UNBOUND_VAL when absent, EXC_VAL on error */
Value dict_get_str(ObjDict *d, ObjStr *key);   /* no errors possible; UNBOUND_VAL absent */
bool dict_set(VM *vm, ObjDict *d, Value key, Value value);
bool dict_delete(VM *vm, ObjDict *d, Value key, bool *found);
bool dict_update(VM *vm, ObjDict *d, Value other);   /* a mapping (keys()) or an iterable of pairs */
Value dict_from_mapping(VM *vm, Value m);            /* new dict of m's items; UNBOUND_VAL: no keys() */
Value dict_iter_next(VM *vm, ObjIter *it);

/* ---- range.c ---------------------------------------------------------------------------- */
Value range_new(VM *vm, vint start, vint stop, vint step);
vint range_len(const ObjRange *r);
Value range_getattr(Value v, const ObjStr *name);   /* start, stop, step; UNBOUND_VAL: other */
Value slice_getattr(Value v, const ObjStr *name);   /* slice.c: the same for a slice */

/* ---- function.c ------------------------------------------------------------------------- */
Value function_new(VM *vm, ObjCode *code, ObjDict *globals);
Value bound_method_new(VM *vm, Value self, const MethodDef *m);
const MethodDef *methods_find(const MethodDef *table, const ObjStr *name);
/* Attributes of functions, bound methods, code objects and generators (__name__, __dict__, …):
 * UNBOUND_VAL when there is no such attribute. function_setattr: v UNBOUND_VAL deletes. */
Value function_getattr(VM *vm, Value obj, ObjStr *name);
Value function_setattr(VM *vm, Value fn, ObjStr *name, Value v);
/* object.c: built-in types as objects. list.append is a method_descr_type ObjBoundMethod whose
 * self is the type; descr_self checks (and unwraps) the self it is called with (UNBOUND_VAL +
 * TypeError: wrong type). special_method_find: [].__len__, (1).__add__, ... (NULL: none). */
extern const Type method_descr_type;
Value descr_self(VM *vm, const ObjBoundMethod *d, Value self);
const MethodDef *special_method_find(const Type *t, const ObjStr *name);

/* ---- class.c: classes written in Python ------------------------------------------------
 * A class is an ObjClass: a Type (so value_type(), %t and IS_TYPE(v, &type_type) work as for
 * built-in types) followed by its name, bases, MRO (a tuple starting with itself) and dict.
 * Its instances are ObjInstance; msg comes first so instances of exception subclasses are
 * laid out like ObjException. A class's Type.trace is instance_trace: that is how a type is
 * recognised as a Python class (IS_CLASS_TYPE). */
typedef struct ObjClass {
  Type type;
  ObjStr *name;
  Value bases, mro;
  ObjDict *dict;
  const Type *builtin_base;   /* the built-in exception class it derives from, or NULL */
  const Type *value_base;     /* list, dict, str, int, ... it derives from, or NULL: its instances
                                 carry such a value in ObjInstance.msg */
  uint8_t hooks;              /* CLASS_HOOK_*: which attribute dunders its MRO defines */
  Value meta;                 /* its metaclass (a Python subclass of type), or NONE_VAL for type */
} ObjClass;
/* Attribute access goes through these only when the class defines them (checked once). */
#define CLASS_HOOK_SETATTR      1
#define CLASS_HOOK_DELATTR      2
#define CLASS_HOOK_GETATTRIBUTE 4
#define CLASS_HOOK_NEW          8   /* a __new__ of its own: instantiation calls it */
#define CLASS_HOOK_META        16   /* a metaclass (derives from type): calling it makes classes */
typedef struct ObjInstance { Obj obj; Value msg; ObjDict *dict; } ObjInstance;
typedef struct ObjMethod { Obj obj; Value self, fn; } ObjMethod;       /* a bound Python method */
typedef struct ObjWrapper { Obj obj; Value a, b; } ObjWrapper;         /* super, classmethod, ... */
void instance_trace(VM *vm, Obj *obj);
void class_trace(VM *vm, Obj *obj);
#define IS_CLASS_TYPE(t) ((t)->trace == instance_trace)
#define IS_INSTANCE(v)   (IS_OBJ(v) && IS_CLASS_TYPE(OBJ_TYPE(v)))
#define IS_PYCLASS(v)    (IS_TYPE(v, &type_type) && IS_CLASS_TYPE((const Type *)AS_OBJ(v)))
extern const Type method_type, super_type, classmethod_type, staticmethod_type, property_type, not_implemented_type;
extern const Obj not_implemented_obj;
extern const ObjBuiltin super_init_builtin;
/* object.__setattr__, __delattr__, __getattribute__ by name; NULL for other names. */
const ObjBuiltin *object_attr_builtin(const ObjStr *name);
bool class_init(VM *vm);
Value class_new(VM *vm, Value name, Value bases, ObjDict *ns);
/* class name(*bases, **kw) once the body filled ns: the metaclass (kw's metaclass= or the bases'),
 * __set_name__ and __init_subclass__. kw may be UNBOUND_VAL. */
Value class_build(VM *vm, Value name, Value bases, ObjDict *ns, Value kw);
Value class_meta(Value v);   /* type(v) for a class v: its metaclass, or type */
Value class_instantiate(VM *vm, ObjClass *cls, int argc, Value *args, int nkw, ObjTuple *kwnames);
Value class_lookup(const Type *t, ObjStr *name);
Value class_call_dunder(VM *vm, Value v, const char *name, int argc, Value *args);
bool type_in_mro(const Type *t, const Type *base);
Value method_new(VM *vm, Value self, Value fn);
Value class_getattr(VM *vm, Value obj, ObjStr *name);
/* The built-in value an instance of a subclass of a built-in type (class L(list)) carries;
 * UNBOUND_VAL for anything else. */
Value class_builtin_value(Value v);
Value class_setattr(VM *vm, Value obj, ObjStr *name, Value v);   /* v UNBOUND_VAL: delete */
Value class_binary(VM *vm, int op, Value a, Value b);            /* UNBOUND_VAL: no method */
Value class_compare(VM *vm, int op, Value a, Value b);
int class_truthy(VM *vm, Value v);
Value class_len(VM *vm, Value v);
Value class_getitem(VM *vm, Value obj, Value key);
Value class_setitem(VM *vm, Value obj, Value key, Value val);    /* val UNBOUND_VAL: delete */
Value class_iter(VM *vm, Value v);
Value class_next(VM *vm, Value it);
Value class_contains(VM *vm, Value obj, Value item);
bool class_hash64(VM *vm, Value v, int64_t *out);
extern const ObjBuiltin value_new_builtin;   /* object.__new__(cls), tuple.__new__(cls, it), ... */
extern const ObjBuiltin value_init_builtin;  /* list.__init__(self, it), dict.__init__(self, m, **kw) */
bool class_write(VM *vm, Value v, bool repr);
void class_write_class(VM *vm, Value cls);
void class_write_super(VM *vm, Value sup);
Value class_dir(VM *vm, Value obj);   /* dir() of an instance or a class */
/* Hooks for object.c: an instance or Python class takes the class.c path. */
#define CLASS_DISPATCH(v) (IS_INSTANCE(v))

/* ---- generator.c ----------------------------------------------------------------------
 * A generator keeps its frame while suspended: the locals and operand stack (saved[0..nsaved)),
 * the resume offset and the handler blocks. While it runs, it sits in the stack slot below its
 * frame's locals (where a function call keeps the function). */
typedef struct ObjGenerator {
  Obj obj;
  ObjFunction *fn;
  Value *saved;             /* raw block of nlocals + stacksize values */
  uint16_t nsaved;
  uint8_t state;            /* GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE */
  uint8_t nblocks;
  uint8_t queued;           /* on vm->gen_finalize (its cleanup is due) or finalised */
  uint32_t ip;              /* resume offset in fn->code */
  struct ObjGenerator *next_final;   /* the next on vm->gen_finalize */
  uint16_t blocks[2 * 8];   /* handler, level pairs (VIPER_MAX_BLOCKS <= 8) */
} ObjGenerator;
enum { GEN_CREATED, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE };
extern const Type generator_type, exc_GeneratorExit, exc_ImportError, exc_ModuleNotFoundError;
#define IS_GENERATOR(v) IS_TYPE(v, &generator_type)
/* A coroutine (async def) is a generator of another type: the frame machinery is shared. */
extern const Type coroutine_type, coroutine_wrapper_type;
#define IS_GENLIKE(v) (IS_GENERATOR(v) || IS_TYPE(v, &coroutine_type))
Value coro_get_awaitable(VM *vm, Value v, int how);   /* GET_AWAITABLE */
Value coro_wrapper_next(VM *vm, Value w);
Value gen_delegate_stop(VM *vm, Value r, Value *ret);   /* a StopIteration from a yield-from delegate */
/* Resume gen with `value` sent in (or thrown in when throw): the next yielded value, STOP_VAL
 * when it returned (its return value in *ret when ret != NULL), or EXC_VAL. */
Value gen_resume(VM *vm, ObjGenerator *gen, Value value, bool throw, Value *ret);
Value gen_next(VM *vm, Value gen);   /* STOP_VAL when exhausted */
Value gen_delegate_send(VM *vm, Value it, Value v, Value *ret);   /* it.send(v) for yield from */
/* A generator suspended inside try/finally or with: dropping it must run its cleanup (close()). */
#define GEN_NEEDS_FINALIZER(g) ((g)->state == GEN_SUSPENDED && (g)->nblocks > 0 && !(g)->queued)
/* Queue generators that need a finalizer: those the GC found unreachable (all: every one, when
 * the program ends). memory.c. */
void gc_queue_generators(VM *vm, bool all);
/* Close the queued generators (a safe point: between instructions, state saved). */
void gen_run_finalizers(VM *vm);

/* modweakref.c, for the collector: handles of objects that died are cleared and their
 * callbacks queued (weakref_clear_dead, after marking), then run at a safe point. */
struct ObjWeakRef;
void weakref_mark_roots(VM *vm);
void weakref_clear_dead(VM *vm);
void weakref_run_callbacks(VM *vm);
/* modtraceback.c: a traceback object (sys.exc_info()[2]); the pending exception, raised by a
 * callback called from C at frame depth depth, reported on stderr ("Exception ignored in"). */
Value traceback_new(VM *vm, Value exc);
void traceback_report_ignored(VM *vm, Value where, int depth);
void traceback_report(VM *vm, int depth);   /* the same without "Exception ignored in" */
/* modsys.c: sys.stdout & co.; print(file=f); modatexit.c: the handlers, at the program's end. */
extern const Type textio_type, fileio_type, bufreader_type;
#define IS_STREAM_TYPE(t) ((t) == &textio_type || (t) == &fileio_type || (t) == &bufreader_type)
Value stream_getattr(VM *vm, Value v, ObjStr *name);   /* UNBOUND_VAL: no such attribute */
Value sys_print_to(VM *vm, Value file, int argc, Value *args, const char *sep, size_t nsep, const char *end,
                   size_t nend, Value flush);   /* print(*args, file=file) */
void atexit_run(VM *vm);

/* Cells (function.c) and slices (slice.c). */
Value cell_new(VM *vm, Value v);
Value slice_new(VM *vm, Value start, Value stop, Value step);
Value builtins_format_value(VM *vm, Value *slots, int conversion);
/* Resolve slice s over a sequence of len items (Python's slice.indices); returns the number of
 * items selected, or -1 with a TypeError/ValueError raised. */
vint slice_indices(VM *vm, const ObjSlice *s, vint len, vint *start, vint *stop, vint *step);
#define IS_SLICE(v)    IS_TYPE(v, &slice_type)
#define AS_SLICE(v)    ((ObjSlice *)AS_OBJ(v))

/* ---- exception.c ------------------------------------------------------------------------ */
Value vm_raise(VM *vm, const Type *type, const char *msg);          /* returns EXC_VAL */
Value vm_raise_value(VM *vm, const Type *type, Value msg);
Value vm_raise_fmt(VM *vm, const Type *type, const char *fmt, ...); /* %s %d %v(repr) %t(type) */
Value exception_new(VM *vm, const Type *type, Value msg);
Value exception_getattr(VM *vm, Value exc, ObjStr *name);   /* UNBOUND_VAL: no such attribute */
Value exception_args_value(VM *vm, int argc, const Value *args);   /* the msg field for these args */
Value exception_make(VM *vm, const Type *type, int argc, const Value *args);   /* type(*args) */
void exception_write(VM *vm, Value exc, bool repr);   /* str()/repr() of a built-in exception */
extern const Type *const exc_builtin_types[];         /* NULL-terminated, for builtins_init */
extern const Type exc_OSError, exc_SystemError, exc_EOFError;

#endif
