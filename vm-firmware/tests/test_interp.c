/* Programs assembled by hand, run in a VM, output and errors compared with CPython's. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "loader.h"
#include "vm.h"

static char out[8192];
static size_t out_len;
static uint8_t heap[256 * 1024];
static int polls_until_stop;

static void capture(void *ctx, const char *text, size_t len) {
  (void)ctx;
  if (out_len + len >= sizeof out) len = sizeof out - 1 - out_len;
  memcpy(out + out_len, text, len);
  out_len += len;
  out[out_len] = '\0';
}

static bool stop_after(void *ctx) {
  (void)ctx;
  return polls_until_stop > 0 && --polls_until_stop == 0;
}

/* Runs the image; returns the result; *error gets "Type: message" and a traceback summary
 * "file:function:line;..." when an exception escaped. */
static VmResult run(const uint8_t *img, size_t n, char *error, char *trace) {
  static VM vm;
  const char *why = image_verify(img, n, heap, sizeof heap);
  VmResult r;
  out_len = 0;
  out[0] = '\0';
  error[0] = trace[0] = '\0';
  if (why != NULL) {
    fprintf(stderr, "    verify: %s\n", why);
    return VM_ERROR;
  }
  if (!vm_init(&vm, heap, sizeof heap, capture, NULL)) return VM_ERROR;
  vm_set_poll(&vm, stop_after, NULL);
  r = vm_run_image(&vm, img, n);
  if (r != VM_OK) {
    int i;
    vm_format_exception(&vm);
    memcpy(error, vm.sb, vm.sb_len);
    error[vm.sb_len] = '\0';
    for (i = 0; i < vm.traceback_count; i++) {
      char part[128];
      snprintf(part, sizeof part, "%s:%s:%u;", vm.traceback[i].code->file->chars,
               vm.traceback[i].code->name->chars, (unsigned)code_line_at(vm.traceback[i].code, vm.traceback[i].pc));
      strcat(trace, part);
    }
  }
  return r;
}

static const char *const NAMES[] = {"print", "<module>", "main.py", "__main__", "range", "total", "i",
                                    "f", "fib", "n", "x", "len", "d", "l", "append", "str", "int", "float",
                                    "repr", "abs", "min", "max", "type", "upper", "join", "split"};
#define NNAMES ((int)(sizeof NAMES / sizeof NAMES[0]))
enum { N_PRINT, N_MODULE, N_FILE, N_MAIN, N_RANGE, N_TOTAL, N_I, N_F, N_FIB, N_N, N_X, N_LEN, N_D, N_L,
       N_APPEND, N_STR, N_INT, N_FLOAT, N_REPR, N_ABS, N_MIN, N_MAX, N_TYPE, N_UPPER, N_JOIN, N_SPLIT };

static size_t module(uint8_t *img, const uint8_t *code, size_t len, uint16_t stack, const uint8_t *consts,
                     size_t clen, uint16_t nconsts, const uint8_t *lines, size_t llen) {
  TestCode c;
  memset(&c, 0, sizeof c);
  c.name = N_MODULE; c.stacksize = stack; c.first_line = 1;
  c.consts = consts; c.consts_len = clen; c.nconsts = nconsts;
  c.code = code; c.code_len = len; c.lines = lines; c.lines_len = llen;
  return build_image(img, 4096, NAMES, NNAMES, N_MAIN, N_FILE, &c, 1);
}

#define RUN_MODULE(code, stack, consts, clen, nconsts) \
  run(img, module(img, code, sizeof code, stack, consts, clen, nconsts, NULL, 0), err, tb)

static uint8_t img[4096];
static char err[1024], tb[1024];

static void test_hello(void) {
  size_t n = build_hello(img, sizeof img, "hello");
  EXPECT(run(img, n, err, tb) == VM_OK);
  EXPECT_STR(out, "hello 3\n");
}

static void test_arithmetic(void) {
  static const uint8_t consts[] = {
    CONST_FLOAT, 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f,   /* 0.1 */
    CONST_FLOAT, 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xc9, 0x3f,   /* 0.2 */
    CONST_STR, 2, 0, 0, 0, 'a', 'b',
  };
  static const uint8_t code[] = {
    OP_LOAD_NAME, U16(N_PRINT),
    OP_LOAD_SMALL_INT, U16(7), OP_LOAD_SMALL_INT, U16(-2), OP_BINARY_OP, BINOP_FLOORDIV,
    OP_LOAD_SMALL_INT, U16(7), OP_LOAD_SMALL_INT, U16(-2), OP_BINARY_OP, BINOP_MOD,
    OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(2), OP_BINARY_OP, BINOP_TRUEDIV,
    OP_LOAD_CONST, U16(0), OP_LOAD_CONST, U16(1), OP_BINARY_OP, BINOP_ADD,
    OP_LOAD_TRUE, OP_LOAD_SMALL_INT, U16(1), OP_BINARY_OP, BINOP_ADD,
    OP_LOAD_CONST, U16(2), OP_LOAD_SMALL_INT, U16(3), OP_BINARY_OP, BINOP_MUL,
    OP_LOAD_SMALL_INT, U16(2), OP_LOAD_SMALL_INT, U16(10), OP_BINARY_OP, BINOP_POW,
    OP_LOAD_SMALL_INT, U16(1), OP_LOAD_CONST, U16(0), OP_COMPARE_OP, CMP_LT,
    OP_LOAD_SMALL_INT, U16(4), OP_LOAD_SMALL_INT, U16(2), OP_BINARY_OP, BINOP_TRUEDIV,
    OP_LOAD_SMALL_INT, U16(-7), OP_LOAD_SMALL_INT, U16(2), OP_BINARY_OP, BINOP_FLOORDIV,
    OP_CALL, 10, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  EXPECT(RUN_MODULE(code, 12, consts, sizeof consts, 3) == VM_OK);
  EXPECT_STR(out, "-4 -1 0.5 0.30000000000000004 2 ababab 1024 False 2.0 -4\n");
}

static void expect_error(const uint8_t *code, size_t len, uint16_t stack, const uint8_t *consts, size_t clen,
                         uint16_t nconsts, const char *want) {
  VmResult r = run(img, module(img, code, len, stack, consts, clen, nconsts, NULL, 0), err, tb);
  EXPECT(r == VM_EXCEPTION);
  EXPECT_STR(err, want);
}

static void test_errors(void) {
  static const uint8_t s_a[] = {CONST_STR, 1, 0, 0, 0, 'a'};
  static const uint8_t name_error[] = {OP_LOAD_NAME, U16(N_X), OP_RETURN_VALUE};
  static const uint8_t add_error[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_CONST, U16(0), OP_BINARY_OP, BINOP_ADD, OP_RETURN_VALUE};
  static const uint8_t concat_error[] = {OP_LOAD_CONST, U16(0), OP_LOAD_SMALL_INT, U16(1), OP_BINARY_OP, BINOP_ADD, OP_RETURN_VALUE};
  static const uint8_t zero_div[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(0), OP_BINARY_OP, BINOP_TRUEDIV, OP_RETURN_VALUE};
  static const uint8_t index_error[] = {OP_LOAD_SMALL_INT, U16(1), OP_BUILD_LIST, U16(1), OP_LOAD_SMALL_INT, U16(-2), OP_BINARY_SUBSCR, OP_RETURN_VALUE};
  /* ints never overflow (bigint.c); a negative shift still raises */
  static const uint8_t overflow[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(-1), OP_BINARY_OP, BINOP_LSHIFT, OP_RETURN_VALUE};
  static const uint8_t key_error[] = {OP_BUILD_DICT, U16(0), OP_LOAD_CONST, U16(0), OP_BINARY_SUBSCR, OP_RETURN_VALUE};
  static const uint8_t attr_error[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_ATTR, U16(N_APPEND), OP_RETURN_VALUE};
  static const uint8_t call_error[] = {OP_LOAD_SMALL_INT, U16(1), OP_CALL, 0, OP_RETURN_VALUE};
  static const uint8_t len_error[] = {OP_LOAD_NAME, U16(N_LEN), OP_LOAD_SMALL_INT, U16(5), OP_CALL, 1, OP_RETURN_VALUE};
  static const uint8_t int_error[] = {OP_LOAD_NAME, U16(N_INT), OP_LOAD_CONST, U16(0), OP_CALL, 1, OP_RETURN_VALUE};
  static const uint8_t cmp_error[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_CONST, U16(0), OP_COMPARE_OP, CMP_LT, OP_RETURN_VALUE};
  expect_error(name_error, sizeof name_error, 1, NULL, 0, 0, "NameError: name 'x' is not defined");
  expect_error(add_error, sizeof add_error, 2, s_a, sizeof s_a, 1, "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  expect_error(concat_error, sizeof concat_error, 2, s_a, sizeof s_a, 1, "TypeError: can only concatenate str (not \"int\") to str");
  expect_error(zero_div, sizeof zero_div, 2, NULL, 0, 0, "ZeroDivisionError: division by zero");
  expect_error(index_error, sizeof index_error, 2, NULL, 0, 0, "IndexError: list index out of range");
  expect_error(overflow, sizeof overflow, 2, NULL, 0, 0, "ValueError: negative shift count");
  expect_error(key_error, sizeof key_error, 2, s_a, sizeof s_a, 1, "KeyError: 'a'");
  expect_error(attr_error, sizeof attr_error, 1, NULL, 0, 0, "AttributeError: 'int' object has no attribute 'append'");
  expect_error(call_error, sizeof call_error, 1, NULL, 0, 0, "TypeError: 'int' object is not callable");
  expect_error(len_error, sizeof len_error, 2, NULL, 0, 0, "TypeError: object of type 'int' has no len()");
  expect_error(int_error, sizeof int_error, 2, s_a, sizeof s_a, 1, "ValueError: invalid literal for int() with base 10: 'a'");
  expect_error(cmp_error, sizeof cmp_error, 2, s_a, sizeof s_a, 1, "TypeError: '<' not supported between instances of 'int' and 'str'");
}

static void test_loop(void) {
  static const uint8_t code[] = {
    /*  0 */ OP_LOAD_SMALL_INT, U16(0), OP_STORE_NAME, U16(N_TOTAL),
    /*  6 */ OP_LOAD_NAME, U16(N_RANGE), OP_LOAD_SMALL_INT, U16(10), OP_CALL, 1, OP_GET_ITER,
    /* 15 */ OP_FOR_ITER, U16(17),
    /* 18 */ OP_STORE_NAME, U16(N_I), OP_LOAD_NAME, U16(N_TOTAL), OP_LOAD_NAME, U16(N_I),
    /* 27 */ OP_BINARY_OP, BINOP_ADD | BINOP_INPLACE, OP_STORE_NAME, U16(N_TOTAL),
    /* 32 */ OP_JUMP, U16(-20),
    /* 35 */ OP_LOAD_NAME, U16(N_PRINT), OP_LOAD_NAME, U16(N_TOTAL), OP_CALL, 1, OP_POP_TOP,
    OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  EXPECT(RUN_MODULE(code, 3, NULL, 0, 0) == VM_OK);
  EXPECT_STR(out, "45\n");
}

static void test_containers(void) {
  static const uint8_t consts[] = {CONST_STR, 1, 0, 0, 0, 'a', CONST_STR, 1, 0, 0, 0, 'b',
                                   CONST_STR, 3, 0, 0, 0, 'x', 'y', 'z'};
  static const uint8_t code[] = {
    /* d = {"a": 1}; d["b"] = [1, 2, 3]; l = d["b"]; l.append(4) */
    OP_LOAD_CONST, U16(0), OP_LOAD_SMALL_INT, U16(1), OP_BUILD_DICT, U16(1), OP_STORE_NAME, U16(N_D),
    OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(2), OP_LOAD_SMALL_INT, U16(3), OP_BUILD_LIST, U16(3),
    OP_LOAD_NAME, U16(N_D), OP_LOAD_CONST, U16(1), OP_STORE_SUBSCR,
    OP_LOAD_NAME, U16(N_D), OP_LOAD_CONST, U16(1), OP_BINARY_SUBSCR, OP_STORE_NAME, U16(N_L),
    OP_LOAD_NAME, U16(N_L), OP_LOAD_ATTR, U16(N_APPEND), OP_LOAD_SMALL_INT, U16(4), OP_CALL, 1, OP_POP_TOP,
    /* print(d, "a" in d, l[-1], len(l), (1, "xyz"), "xyz"[-1], 2 in l, "y" in "xyz") */
    OP_LOAD_NAME, U16(N_PRINT), OP_LOAD_NAME, U16(N_D),
    OP_LOAD_CONST, U16(0), OP_LOAD_NAME, U16(N_D), OP_COMPARE_OP, CMP_IN,
    OP_LOAD_NAME, U16(N_L), OP_LOAD_SMALL_INT, U16(-1), OP_BINARY_SUBSCR,
    OP_LOAD_NAME, U16(N_LEN), OP_LOAD_NAME, U16(N_L), OP_CALL, 1,
    OP_LOAD_SMALL_INT, U16(1), OP_LOAD_CONST, U16(2), OP_BUILD_TUPLE, U16(2),
    OP_LOAD_CONST, U16(2), OP_LOAD_SMALL_INT, U16(-1), OP_BINARY_SUBSCR,
    OP_LOAD_SMALL_INT, U16(2), OP_LOAD_NAME, U16(N_L), OP_COMPARE_OP, CMP_IN,
    OP_LOAD_CONST, U16(2), OP_LOAD_NAME, U16(N_STR), OP_LOAD_SMALL_INT, U16(5), OP_CALL, 1,
    OP_COMPARE_OP, CMP_NOT_IN,
    OP_CALL, 8, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  EXPECT(RUN_MODULE(code, 12, consts, sizeof consts, 3) == VM_OK);
  EXPECT_STR(out, "{'a': 1, 'b': [1, 2, 3, 4]} True 4 4 (1, 'xyz') z True True\n");
}

static void test_functions_and_traceback(void) {
  /* def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)  /  print(fib(20))
   * def f(): return 1/0   (line 2)  /  f()   (line 3) */
  static const uint16_t fib_locals[] = {N_N};
  static const uint8_t fib_code[] = {
    OP_LOAD_FAST, U16(0), OP_LOAD_SMALL_INT, U16(2), OP_COMPARE_OP, CMP_LT, OP_POP_JUMP_IF_FALSE, U16(4),
    OP_LOAD_FAST, U16(0), OP_RETURN_VALUE,
    OP_LOAD_GLOBAL, U16(N_FIB), OP_LOAD_FAST, U16(0), OP_LOAD_SMALL_INT, U16(1), OP_BINARY_OP, BINOP_SUB, OP_CALL, 1,
    OP_LOAD_GLOBAL, U16(N_FIB), OP_LOAD_FAST, U16(0), OP_LOAD_SMALL_INT, U16(2), OP_BINARY_OP, BINOP_SUB, OP_CALL, 1,
    OP_BINARY_OP, BINOP_ADD, OP_RETURN_VALUE,
  };
  static const uint8_t f_code[] = {OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(0), OP_BINARY_OP, BINOP_TRUEDIV, OP_RETURN_VALUE};
  static const uint8_t f_lines[] = {0, 1};
  static const uint8_t main_code[] = {
    OP_MAKE_FUNCTION, U16(1), OP_STORE_NAME, U16(N_FIB), OP_MAKE_FUNCTION, U16(2), OP_STORE_NAME, U16(N_F),
    OP_LOAD_NAME, U16(N_PRINT), OP_LOAD_NAME, U16(N_FIB), OP_LOAD_SMALL_INT, U16(20), OP_CALL, 1, OP_CALL, 1, OP_POP_TOP,
    OP_LOAD_NAME, U16(N_F), OP_CALL, 0, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  static const uint8_t main_lines[] = {26, 2};   /* from "f()" on: line 3 */
  TestCode c[3];
  size_t n;
  memset(c, 0, sizeof c);
  c[0].name = N_MODULE; c[0].stacksize = 3; c[0].first_line = 1;
  c[0].code = main_code; c[0].code_len = sizeof main_code; c[0].lines = main_lines; c[0].lines_len = 2;
  c[1].name = N_FIB; c[1].argcount = 1; c[1].nlocals = 1; c[1].locals = fib_locals; c[1].stacksize = 4;
  c[1].first_line = 1; c[1].code = fib_code; c[1].code_len = sizeof fib_code;
  c[2].name = N_F; c[2].stacksize = 2; c[2].first_line = 1; c[2].code = f_code; c[2].code_len = sizeof f_code;
  c[2].lines = f_lines; c[2].lines_len = 2;
  n = build_image(img, sizeof img, NAMES, NNAMES, N_MAIN, N_FILE, c, 3);
  EXPECT(run(img, n, err, tb) == VM_EXCEPTION);
  EXPECT_STR(out, "6765\n");
  EXPECT_STR(err, "ZeroDivisionError: division by zero");
  EXPECT_STR(tb, "main.py:<module>:3;main.py:f:2;");
}

static void test_recursion_error(void) {
  static const uint8_t r_code[] = {OP_LOAD_GLOBAL, U16(N_F), OP_CALL, 0, OP_RETURN_VALUE};
  static const uint8_t main_code[] = {OP_MAKE_FUNCTION, U16(1), OP_STORE_NAME, U16(N_F), OP_LOAD_NAME, U16(N_F),
                                      OP_CALL, 0, OP_RETURN_VALUE};
  TestCode c[2];
  size_t n;
  memset(c, 0, sizeof c);
  c[0].name = N_MODULE; c[0].stacksize = 1; c[0].first_line = 1; c[0].code = main_code; c[0].code_len = sizeof main_code;
  c[1].name = N_F; c[1].stacksize = 1; c[1].first_line = 1; c[1].code = r_code; c[1].code_len = sizeof r_code;
  n = build_image(img, sizeof img, NAMES, NNAMES, N_MAIN, N_FILE, c, 2);
  EXPECT(run(img, n, err, tb) == VM_EXCEPTION);
  EXPECT_STR(err, "RecursionError: maximum recursion depth exceeded");
}

static void test_stop_infinite_loop(void) {
  static const uint8_t code[] = {OP_NOP, OP_JUMP, U16(-4)};
  VmResult r;
  polls_until_stop = 3;
  r = RUN_MODULE(code, 0, NULL, 0, 0);
  polls_until_stop = 0;
  EXPECT(r == VM_STOPPED);
  EXPECT_STR(err, "KeyboardInterrupt");
}

static void test_builtins(void) {
  static const uint8_t consts[] = {CONST_STR, 5, 0, 0, 0, ' ', '4', '2', ' ', ' ',
                                   CONST_FLOAT, 0, 0, 0, 0, 0, 0, 0x04, 0xC0,  /* -2.5 */
                                   CONST_STR, 5, 0, 0, 0, 'a', ' ', 'b', ' ', 'c'};
  static const uint8_t code[] = {
    OP_LOAD_NAME, U16(N_PRINT),
    OP_LOAD_NAME, U16(N_INT), OP_LOAD_CONST, U16(0), OP_CALL, 1,
    OP_LOAD_NAME, U16(N_INT), OP_LOAD_CONST, U16(1), OP_CALL, 1,
    OP_LOAD_NAME, U16(N_ABS), OP_LOAD_CONST, U16(1), OP_CALL, 1,
    OP_LOAD_NAME, U16(N_MIN), OP_LOAD_SMALL_INT, U16(3), OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(2), OP_CALL, 3,
    OP_LOAD_NAME, U16(N_MAX), OP_LOAD_NAME, U16(N_RANGE), OP_LOAD_SMALL_INT, U16(10), OP_CALL, 1, OP_CALL, 1,
    OP_LOAD_NAME, U16(N_REPR), OP_LOAD_CONST, U16(2), OP_CALL, 1,
    OP_LOAD_NAME, U16(N_TYPE), OP_LOAD_CONST, U16(1), OP_CALL, 1,
    OP_LOAD_NAME, U16(N_FLOAT), OP_LOAD_SMALL_INT, U16(3), OP_CALL, 1,
    OP_LOAD_CONST, U16(2), OP_LOAD_ATTR, U16(N_SPLIT), OP_CALL, 0,
    OP_LOAD_NAME, U16(N_RANGE), OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(10), OP_LOAD_SMALL_INT, U16(3), OP_CALL, 3,
    OP_CALL, 10, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  EXPECT(RUN_MODULE(code, 14, consts, sizeof consts, 3) == VM_OK);
  EXPECT_STR(out, "42 -2 2.5 1 9 'a b c' <class 'float'> 3.0 ['a', 'b', 'c'] range(1, 10, 3)\n");
}

void tests_interp(void);
void tests_interp(void) {
  run_test("interp: print(\"hello\", 1 + 2)", test_hello);
  run_test("interp: arithmetic follows CPython", test_arithmetic);
  run_test("interp: error messages follow CPython", test_errors);
  run_test("interp: for over range with +=", test_loop);
  run_test("interp: dict, list, tuple, str, in", test_containers);
  run_test("interp: functions, recursion, traceback lines", test_functions_and_traceback);
  run_test("interp: RecursionError", test_recursion_error);
  run_test("interp: poll hook stops while True", test_stop_infinite_loop);
  run_test("interp: builtins", test_builtins);
}
