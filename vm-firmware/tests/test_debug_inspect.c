/* debug_inspect.c: the DEBUG_REPLY payloads of a paused program. The program
 * (tests/debug_programs/inspect/main.py, which the Makefile compiles into
 * build/debug-images/inspect.vbc) calls probe(n), a native registered here; the VM is paused
 * inside it as under a debugger's stop, and stage n asserts the replies byte for byte (decoded
 * strictly into text, plus raw bytes where the layout itself is the point). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "gen/link_protocol.h"
#include "harness.h"
#include "loader.h"
#include "vm.h"

#if VIPER_DEBUGGER

static uint8_t heap[512 * 1024];
static uint8_t scratch[16 * 1024];
static char out[4096];
static size_t out_len;
static int stages_run;

static void capture(void *ctx, const char *text, size_t len) {
  (void)ctx;
  if (out_len + len >= sizeof out) len = sizeof out - 1 - out_len;
  memcpy(out + out_len, text, len);
  out_len += len;
  out[out_len] = '\0';
}

/* ==== strict decoding: the reply's bytes as text, or "MALFORMED" ========================= */

typedef struct In { const uint8_t *p; size_t len, at; bool bad; } In;

static uint32_t get(In *in, int bytes) {
  uint32_t v = 0;
  int i;
  if (in->bad || in->len - in->at < (size_t)bytes) { in->bad = true; return 0; }
  for (i = 0; i < bytes; i++) v |= (uint32_t)in->p[in->at + i] << (8 * i);
  in->at += (size_t)bytes;
  return v;
}

static void get_str(In *in, int len_bytes, char *text, size_t *tlen, size_t cap) {
  uint32_t n = get(in, len_bytes);
  if (in->bad || in->len - in->at < n || *tlen + n + 1 > cap) { in->bad = true; return; }
  memcpy(text + *tlen, in->p + in->at, n);
  *tlen += n;
  text[*tlen] = '\0';
  in->at += n;
}

static char text[65536];
static size_t tlen;

static void addf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tlen += (size_t)vsnprintf(text + tlen, sizeof text - tlen, fmt, ap);
  va_end(ap);
}

static void add_str(In *in, int len_bytes) { get_str(in, len_bytes, text, &tlen, sizeof text); }

static const char *begin(In *in, const uint8_t *p, long n) {
  in->p = p;
  in->len = (size_t)(n < 0 ? 0 : n);
  in->at = 0;
  in->bad = n < 0;
  tlen = 0;
  text[0] = '\0';
  return text;
}

static const char *finish(In *in) {
  if (in->bad || in->at != in->len) return "MALFORMED";
  return text;
}

static const char *const thread_states[] = {"ready", "stopped", "blocked"};

/* "ident:state:name|..." */
static const char *threads_text(const uint8_t *p, long n) {
  In in;
  uint32_t count, i;
  begin(&in, p, n);
  count = get(&in, 1);
  for (i = 0; i < count && !in.bad; i++) {
    uint32_t ident = get(&in, 4), state = get(&in, 1);
    if (state > 2) { in.bad = true; break; }
    addf("%s%u:%s:", i ? "|" : "", (unsigned)ident, thread_states[state]);
    add_str(&in, 1);
  }
  return finish(&in);
}

/* "total=N|id file function line|..." */
static const char *stack_text(const uint8_t *p, long n) {
  In in;
  uint32_t total, count, i;
  begin(&in, p, n);
  total = get(&in, 2);
  count = get(&in, 1);
  addf("total=%u", (unsigned)total);
  for (i = 0; i < count && !in.bad; i++) {
    addf("|%u ", (unsigned)get(&in, 2));
    add_str(&in, 2);
    addf(" ");
    add_str(&in, 2);
    addf(" %u", (unsigned)get(&in, 2));
  }
  return finish(&in);
}

static const char *const scope_kinds[] = {"locals", "globals", "closure"};

/* "kind=count|..."; the references go to refs[] */
static const char *scopes_text(const uint8_t *p, long n, uint32_t *refs) {
  In in;
  uint32_t count, i;
  begin(&in, p, n);
  count = get(&in, 1);
  for (i = 0; i < count && !in.bad; i++) {
    uint32_t kind = get(&in, 1);
    refs[i] = get(&in, 4);
    if (kind > 2) { in.bad = true; break; }
    addf("%s%s=%u", i ? "|" : "", scope_kinds[kind], (unsigned)get(&in, 4));
  }
  return finish(&in);
}

/* "total=N count=N|name: type = value [#ref/children]|..."; the page's count in *count_out and
 * its references in last_refs */
static uint32_t last_refs[256];
static const char *variables_text(const uint8_t *p, long n, uint32_t *count_out) {
  In in;
  uint32_t total, count, i;
  begin(&in, p, n);
  total = get(&in, 4);
  count = get(&in, 1);
  addf("total=%u count=%u", (unsigned)total, (unsigned)count);
  for (i = 0; i < count && !in.bad; i++) {
    uint32_t ref, children;
    addf("|");
    add_str(&in, 2);
    addf(": ");
    add_str(&in, 2);
    addf(" = ");
    add_str(&in, 2);
    ref = get(&in, 4);
    children = get(&in, 4);
    last_refs[i] = ref;
    if (ref != 0 || children != 0) addf(" #%u/%u", (unsigned)ref, (unsigned)children);
  }
  if (count_out != NULL) *count_out = count;
  return finish(&in);
}

/* "ok type = value [#ref/children]" or "raised type = message" */
static uint32_t eval_ref;
static const char *evaluate_text(const uint8_t *p, long n) {
  In in;
  uint32_t ok, children;
  begin(&in, p, n);
  ok = get(&in, 1);
  addf("%s ", ok == 1 ? "ok" : ok == 0 ? "raised" : "?");
  add_str(&in, 2);
  addf(" = ");
  add_str(&in, 2);
  eval_ref = get(&in, 4);
  children = get(&in, 4);
  if (eval_ref != 0 || children != 0) addf(" #%u/%u", (unsigned)eval_ref, (unsigned)children);
  return finish(&in);
}

/* ==== expressions: images in 'eval' mode, as the compiler makes them ====================== */

static const char *const EVAL_NAMES[] = {"<module>", "<eval>", "__main__", "k", "scale", "print", "total",
                                         "name", "nope", "items", "a", "n"};
enum { E_MODULE, E_FILE, E_MAIN, E_K, E_SCALE, E_PRINT, E_TOTAL, E_NAME, E_NOPE, E_ITEMS, E_A, E_N };

static uint8_t eval_img[1024];

static size_t eval_image(const uint8_t *code, size_t len) {
  TestCode c;
  size_t n;
  memset(&c, 0, sizeof c);
  c.name = E_MODULE;
  c.stacksize = 4;
  c.first_line = 1;
  c.code = code;
  c.code_len = len;
  n = build_image(eval_img, sizeof eval_img, EVAL_NAMES, (int)(sizeof EVAL_NAMES / sizeof EVAL_NAMES[0]), E_MAIN,
                  E_FILE, &c, 1);
  EXPECT(n > 0 && image_verify(eval_img, n, scratch, sizeof scratch) == NULL);
  return n;
}

static uint8_t reply[2048];

static const char *evaluate(VM *vm, uint16_t frame, const uint8_t *code, size_t len) {
  const char *why = NULL;
  size_t n = eval_image(code, len);
  long r = debug_reply_evaluate(vm, frame, eval_img, n, reply, sizeof reply, &why);
  if (r < 0) fprintf(stderr, "    evaluate: %s\n", why);
  return evaluate_text(reply, r);
}

static const uint8_t EXPR_K_PLUS_SCALE[] = {OP_LOAD_NAME, U16(E_K), OP_LOAD_NAME, U16(E_SCALE), OP_BINARY_OP, BINOP_ADD,
                                            OP_RETURN_VALUE};
static const uint8_t EXPR_PRINT_TOTAL[] = {OP_LOAD_NAME, U16(E_PRINT), OP_LOAD_NAME, U16(E_TOTAL), OP_CALL, 1,
                                           OP_RETURN_VALUE};
static const uint8_t EXPR_K_DIV_0[] = {OP_LOAD_NAME, U16(E_K), OP_LOAD_SMALL_INT, U16(0), OP_BINARY_OP, BINOP_TRUEDIV,
                                       OP_RETURN_VALUE};
static const uint8_t EXPR_NOPE[] = {OP_LOAD_NAME, U16(E_NOPE), OP_RETURN_VALUE};
static const uint8_t EXPR_ITEMS[] = {OP_LOAD_NAME, U16(E_ITEMS), OP_RETURN_VALUE};
static const uint8_t EXPR_NAME[] = {OP_LOAD_NAME, U16(E_NAME), OP_RETURN_VALUE};
static const uint8_t EXPR_A[] = {OP_LOAD_NAME, U16(E_A), OP_RETURN_VALUE};
static const uint8_t EXPR_N[] = {OP_LOAD_NAME, U16(E_N), OP_RETURN_VALUE};

/* the scope reference of frame 0's globals (the main thread's module frame) */
#define MODULE_GLOBALS (0x40000000u | DEBUG_SCOPE_GLOBALS)

/* ==== the stages ========================================================================= */

static const char *stack(VM *vm, uint32_t thread, uint16_t start, uint16_t levels) {
  const char *why = NULL;
  long r = debug_reply_stack(vm, thread, start, levels, reply, sizeof reply, &why);
  return stack_text(reply, r);
}

static uint32_t scope_refs[3];
static const char *scopes(VM *vm, uint16_t frame) {
  const char *why = NULL;
  long r = debug_reply_scopes(vm, frame, reply, sizeof reply, &why);
  return scopes_text(reply, r, scope_refs);
}

static const char *variables(VM *vm, uint32_t ref, uint32_t start, uint16_t count, size_t room, uint32_t *got) {
  const char *why = NULL;
  long r = debug_reply_variables(vm, ref, start, count, reply, room, &why);
  return variables_text(reply, r, got);
}

/* In inner(3), called by outer(5): locals, closure cells, evaluation. */
static void stage_function(VM *vm) {
  static const uint8_t want_scopes[] = {3, 0, 0x00, 0x02, 0, 0x40, 2, 0, 0, 0,   /* locals: k, total */
                                        2, 0x02, 0x02, 0, 0x40, 2, 0, 0, 0,      /* closure: n, scale */
                                        1, 0x01, 0x02, 0, 0x40};                 /* globals: then its count */
  const char *why = NULL;
  long r;
  EXPECT_STR(stack(vm, 1, 0, 0), "total=3|2 main.py outer.<locals>.inner 23|1 main.py outer 25|0 main.py <module> 50");
  EXPECT_STR(stack(vm, 1, 1, 1), "total=3|1 main.py outer 25");
  EXPECT_STR(stack(vm, 1, 3, 0), "total=3");
  r = debug_reply_scopes(vm, 2, reply, sizeof reply, &why);
  EXPECT(r == (long)sizeof want_scopes + 4 && memcmp(reply, want_scopes, sizeof want_scopes) == 0);
  EXPECT_STR(scopes(vm, 2), "locals=2|closure=2|globals=14");
  EXPECT_STR(variables(vm, scope_refs[0], 0, 0, sizeof reply, NULL), "total=2 count=2|k: int = 3|total: int = 35");
  EXPECT_STR(variables(vm, scope_refs[1], 0, 0, sizeof reply, NULL), "total=2 count=2|scale: int = 10|n: int = 5");
  /* outer's own variables are cells (inner uses them): shown as their values */
  EXPECT_STR(scopes(vm, 1), "locals=3|globals=14");
  EXPECT_STR(variables(vm, scope_refs[0], 0, 0, sizeof reply, NULL), "total=3 count=3|n: int = 5|scale: int = 10|inner: function = <function inner>");
  EXPECT_STR(evaluate(vm, 2, EXPR_K_PLUS_SCALE, sizeof EXPR_K_PLUS_SCALE), "ok int = 13");
  out_len = 0;
  EXPECT_STR(evaluate(vm, 2, EXPR_PRINT_TOTAL, sizeof EXPR_PRINT_TOTAL), "ok NoneType = None");
  EXPECT_STR(out, "35\n");
  EXPECT_STR(evaluate(vm, 2, EXPR_K_DIV_0, sizeof EXPR_K_DIV_0), "raised ZeroDivisionError = ZeroDivisionError: division by zero");
  EXPECT_STR(evaluate(vm, 2, EXPR_NOPE, sizeof EXPR_NOPE), "raised NameError = NameError: name 'nope' is not defined");
  EXPECT(vm->exc == NONE_VAL);   /* nothing left pending in the program */
  /* a frame that does not exist, a scope of none */
  EXPECT(debug_reply_scopes(vm, 3, reply, sizeof reply, &why) == -1 && strcmp(why, "no such frame") == 0);
  EXPECT(debug_reply_stack(vm, 99, 0, 0, reply, sizeof reply, &why) == -1 && strcmp(why, "no such thread") == 0);
  EXPECT(debug_reply_variables(vm, 0x40000000u | 7u << 8, 0, 0, reply, sizeof reply, &why) == -1);
  EXPECT(debug_reply_variables(vm, 0xC0000000u | 2u << 8, 0, 0, reply, sizeof reply, &why) == -1);
  EXPECT(debug_reply_variables(vm, 1000, 0, 0, reply, sizeof reply, &why) == -1 &&
         strcmp(why, "no such reference") == 0);
}

/* In the generator gen(1), driven by list(): its frame and locals. */
static void stage_generator(VM *vm) {
  EXPECT_STR(stack(vm, 1, 0, 2), "total=2|1 main.py gen 30|0 main.py <module> 51");   /* list() is a native: no frame */
  EXPECT_STR(scopes(vm, 1), "locals=2|globals=14");
  EXPECT_STR(variables(vm, scope_refs[0], 0, 0, sizeof reply, NULL), "total=2 count=2|n: int = 1|i: int = 0");
}

/* In class Body's body: its namespace so far is its locals. */
static void stage_class_body(VM *vm) {
  EXPECT_STR(stack(vm, 1, 0, 0), "total=2|1 main.py Body 42|0 main.py <module> 40");
  EXPECT_STR(scopes(vm, 1), "locals=3|globals=8");
  EXPECT_STR(variables(vm, scope_refs[0], 0, 0, sizeof reply, NULL),
             "total=3 count=3|__module__: str = '__main__'|__qualname__: str = 'Body'|a: int = 1");
  EXPECT_STR(evaluate(vm, 1, EXPR_A, sizeof EXPR_A), "ok int = 1");
}

/* At module level with a thread blocked on a lock: the module frame, containers in pages, the
 * other thread's frame. */
static void stage_threads(VM *vm) {
  uint32_t got, start, refs_at_end;
  const char *why = NULL;
  long r;
  char want[64];
  EXPECT_STR(threads_text(reply, debug_reply_threads(vm, reply, sizeof reply, &why)),
             "1:stopped:MainThread|2:blocked:Thread-1");
  EXPECT_STR(stack(vm, 1, 0, 0), "total=1|0 main.py <module> 59");
  EXPECT_STR(stack(vm, 2, 0, 0), "total=1|1024 main.py worker 36");
  EXPECT_STR(scopes(vm, 0), "globals=16");
  EXPECT_STR(scopes(vm, 1024), "locals=3|globals=16");
  EXPECT_STR(variables(vm, scope_refs[0], 0, 1, sizeof reply, NULL), "total=3 count=1|name: str = 'w'");
  EXPECT_STR(evaluate(vm, 1024, EXPR_NAME, sizeof EXPR_NAME), "ok str = 'w'");
  /* the 300 items of a list, in pages of what fits 200 bytes */
  EXPECT_STR(evaluate(vm, 0, EXPR_ITEMS, sizeof EXPR_ITEMS), "ok list = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31\xE2\x80\xA6 #1/300");
  EXPECT(eval_ref == 1);
  for (start = 0; start < 300; start += got) {
    const char *page = variables(vm, 1, start, 0, 200, &got);
    snprintf(want, sizeof want, "total=300 count=%u|%u: int = %u|", (unsigned)got, (unsigned)start, (unsigned)start);
    EXPECT(got > 0 && strncmp(page, want, strlen(want)) == 0);
    if (got == 0) break;
  }
  EXPECT(start == 300);
  EXPECT_STR(variables(vm, 1, 298, 0, sizeof reply, NULL), "total=300 count=2|298: int = 298|299: int = 299");
  EXPECT_STR(variables(vm, 1, 300, 0, sizeof reply, NULL), "total=300 count=0");
  /* a room too small for even one variable */
  r = debug_reply_variables(vm, 1, 0, 0, reply, 8, &why);
  EXPECT(r == -1);
  /* the globals: a dict's keys by repr, an object's attributes, a long string cut at 120 bytes */
  EXPECT_STR(variables(vm, MODULE_GLOBALS, 9, 5, sizeof reply, NULL),
             "total=16 count=5|items: list = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31\xE2\x80\xA6 #1/300"
             "|table: dict = {'a': 1, 2: [1, 2]} #2/2"
             "|p: Point = Point(1, 'two') #3/2"
             "|text: str = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\xE2\x80\xA6"
             "|nested: list = [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13], [14], [15], [16], [17], [18], [19], [20], \xE2\x80\xA6 #4/70");
  EXPECT_STR(variables(vm, 2, 0, 0, sizeof reply, NULL), "total=2 count=2|'a': int = 1|2: list = [1, 2] #5/2");
  EXPECT_STR(variables(vm, 5, 0, 0, sizeof reply, NULL), "total=2 count=2|0: int = 1|1: int = 2");
  EXPECT_STR(variables(vm, 3, 0, 0, sizeof reply, NULL), "total=2 count=2|x: int = 1|y: str = 'two'");
  /* the reference table holds 64 values with this heap: the rest are shown, not expandable */
  variables(vm, 4, 0, 70, sizeof reply, &got);
  EXPECT(got == 70);
  for (refs_at_end = 0; refs_at_end < got && last_refs[refs_at_end] != 0; refs_at_end++) {}
  EXPECT(refs_at_end == 59 && last_refs[0] == 6 && last_refs[58] == 64 && last_refs[69] == 0);
  EXPECT_STR(variables(vm, 64, 0, 0, sizeof reply, NULL), "total=1 count=1|0: int = 58");
  debug_inspect_forget(vm);
  EXPECT(debug_reply_variables(vm, 1, 0, 0, reply, sizeof reply, &why) == -1);
}

/* After the thread ended: main alone, its frame's globals by the __main__ id. */
static void stage_after(VM *vm) {
  const char *why = NULL;
  EXPECT(strncmp(threads_text(reply, debug_reply_threads(vm, reply, sizeof reply, &why)), "1:stopped:MainThread", 20) == 0);
  EXPECT_STR(evaluate(vm, 0xffff, EXPR_N, sizeof EXPR_N), "raised NameError = NameError: name 'n' is not defined");
  /* an image of two modules would add to the program's: refused before it is loaded */
  {
    size_t n = eval_image(EXPR_N, sizeof EXPR_N), at = IMAGE_HEADER_SIZE + 2, i;
    for (i = 0; i < sizeof EVAL_NAMES / sizeof EVAL_NAMES[0]; i++) at += 2 + strlen(EVAL_NAMES[i]);
    EXPECT(eval_img[at] == 1 && eval_img[at + 1] == 0);
    eval_img[at] = 2;
    EXPECT(debug_reply_evaluate(vm, 0xffff, eval_img, n, reply, sizeof reply, &why) == -1);
  }
}

/* Values whose repr is unusual: a 1-tuple, a cycle, a cut inside a UTF-8 character, a __repr__
 * that raises, a dict cut after its first items. */
static void stage_odd_values(VM *vm) {
  EXPECT_STR(stack(vm, 1, 0, 1), "total=2|1 main.py odd_values 74");
  EXPECT_STR(scopes(vm, 1), "locals=6|globals=17");
  EXPECT_STR(variables(vm, scope_refs[0], 1, 0, sizeof reply, NULL),
             "total=6 count=5|one: tuple = (1,) #1/1|loop: list = [1, [...]] #2/2"
             "|euros: str = '\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
             "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
             "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
             "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
             "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
             "\xE2\x80\xA6"
             "|bad: Bad = <__repr__ raised ValueError: no repr>"
             "|big: dict = {0: '0', 1: '1', 2: '2', 3: '3', 4: '4', 5: '5', 6: '6', 7: '7', 8: '8', 9: '9', 10: '10', 11: '11', 12: '12', 13: '1\xE2\x80\xA6 #3/100");
  EXPECT(vm->exc == NONE_VAL);
  /* the cycle's inner list is the same reference */
  EXPECT_STR(variables(vm, 2, 0, 0, sizeof reply, NULL), "total=2 count=2|0: int = 1|1: list = [1, [...]] #2/2");
  EXPECT_STR(variables(vm, 3, 98, 0, sizeof reply, NULL), "total=100 count=2|98: str = '98'|99: str = '99'");
}

/* In an except block: an expression that raises leaves the exception being handled as it was
 * (the program's bare raise below re-raises it, with no context added). */
static void stage_handling(VM *vm) {
  EXPECT_STR(evaluate(vm, 1, EXPR_NOPE, sizeof EXPR_NOPE), "raised NameError = NameError: name 'nope' is not defined");
  EXPECT_STR(evaluate(vm, 1, EXPR_K_DIV_0, sizeof EXPR_K_DIV_0), "raised NameError = NameError: name 'k' is not defined");
  out_len = 0;
  out[0] = '\0';
}

static Value probe(VM *vm, int argc, Value *args) {
  (void)argc;
  switch (AS_INT(args[0])) {
  case 1: stage_function(vm); break;
  case 2: stage_generator(vm); break;
  case 3: stage_class_body(vm); break;
  case 4: stage_threads(vm); break;
  case 5: stage_after(vm); break;
  case 6: stage_odd_values(vm); break;
  case 7: stage_handling(vm); break;
  default: EXPECT(!"an unknown stage");
  }
  debug_inspect_forget(vm);   /* as at a resume */
  stages_run++;
  return NONE_VAL;
}

static const ObjBuiltin probe_builtin = {{&builtin_type}, "probe", probe, 1, 1, NULL};

static uint8_t image[16384];

static size_t read_image(const char *path) {
  FILE *f = fopen(path, "rb");
  size_t n;
  if (f == NULL) { fprintf(stderr, "    %s missing (make builds it from tests/debug_programs)\n", path); return 0; }
  n = fread(image, 1, sizeof image, f);
  fclose(f);
  return n;
}

static void test_paused_program(void) {
  static VM vm;
  Value name;
  VmResult r;
  size_t n = read_image("build/debug-images/inspect.vbc");
  EXPECT(n > 0 && image_verify(image, n, scratch, sizeof scratch) == NULL);
  if (n == 0) return;
  EXPECT(vm_init(&vm, heap, sizeof heap, capture, NULL));
  name = str_intern(&vm, "probe", 5);
  EXPECT(name != EXC_VAL && dict_set(&vm, vm.builtins, name, OBJ_VAL(&probe_builtin)));
  out_len = 0;
  stages_run = 0;
  r = vm_run_image(&vm, image, n);
  if (r != VM_OK) {
    vm_format_exception(&vm);
    fprintf(stderr, "    the program failed: %.*s\n", (int)vm.sb_len, vm.sb);
  }
  EXPECT(r == VM_OK);
  EXPECT(stages_run == 7);
  EXPECT_STR(out, "still KeyError('k') None\n");
}

void tests_debug_inspect(void) {
  run_test("debug inspect: a paused program's threads, frames, scopes, variables, evaluation", test_paused_program);
}

#else
void tests_debug_inspect(void) {}
#endif
