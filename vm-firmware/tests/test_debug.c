/* The debugger's engine over the link: scripted sessions in which a fake host answers each
 * DEBUG_STOPPED as a person at the IDE would. The programs are the .py files of tests/debug_programs/NAME,
 * compiled by the Makefile into build/debug-images/NAME.vbc. */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "harness.h"
#include "link.h"

#if VIPER_DEBUGGER

typedef struct Stop { uint8_t reason; uint32_t thread; char file[32]; uint16_t line; char exc[64]; } Stop;
typedef struct Answer { uint8_t type, seq; uint16_t code; uint8_t payload[256]; size_t len; } Answer;

static LinkServer ls;
static VM vm;
static uint8_t heap[256 * 1024], store_a[65536], store_b[65536], arena[16384];

/* the session as the host saw it */
static struct {
  const char *actions;   /* one per stop: c continue, n next, s step in, o step out, d detach,
                          * x STOP, r the same RESUME sent twice, i inspect (THREADS, STACK,
                          * EVALUATE) then continue, _ nothing (the link closes) */
  bool pause_on_output;  /* send DEBUG_PAUSE once the program printed something */
  bool pause_sent;
  LinkReceiver rx;
  size_t out_seen;
  uint8_t seq;
  Stop stops[32];
  int nstops;
  Answer answers[64];
  int nanswers;
  char out[1024];
  size_t out_len;
  int done;              /* DONE's status, -1 none yet */
  size_t out_at_reply;   /* how much output had come when the last DEBUG_REPLY came */
} S;

static size_t load_image(const char *name, uint8_t *buf, size_t cap);

static void send(uint8_t type, const uint8_t *payload, size_t len) {
  uint8_t wire[LINK_MAX_WIRE];
  size_t n = link_encode_frame(type, S.seq++, payload, len, wire);
  fake_link_push_input(wire, n);
}

static void send_resume(uint8_t how, uint32_t thread) {
  uint8_t p[5] = {how, (uint8_t)thread, (uint8_t)(thread >> 8), (uint8_t)(thread >> 16), (uint8_t)(thread >> 24)};
  send(FRAME_DEBUG_RESUME, p, 5);
}

static void on_stopped(const uint8_t *p, size_t len) {
  Stop *s = &S.stops[S.nstops < 32 ? S.nstops : 31];
  size_t flen = (size_t)(p[5] | (p[6] << 8)), at;
  char action = S.actions[S.nstops < (int)strlen(S.actions) ? S.nstops : (int)strlen(S.actions) - 1];
  EXPECT(len >= 9 + flen);
  memset(s, 0, sizeof *s);
  s->reason = p[0];
  s->thread = (uint32_t)(p[1] | (p[2] << 8) | (p[3] << 16) | ((uint32_t)p[4] << 24));
  memcpy(s->file, p + 7, flen < 31 ? flen : 31);
  at = 7 + flen;
  s->line = (uint16_t)(p[at] | (p[at + 1] << 8));
  at += 2;
  if (s->reason == DEBUG_STOP_EXCEPTION || s->reason == DEBUG_STOP_RAISED) {   /* "Type: message" */
    size_t tl = (size_t)(p[at] | (p[at + 1] << 8)), ml;
    EXPECT(len >= at + 4 + tl);
    ml = (size_t)(p[at + 2 + tl] | (p[at + 3 + tl] << 8));
    snprintf(s->exc, sizeof s->exc, "%.*s: %.*s", (int)tl, (const char *)p + at + 2, (int)ml,
             (const char *)p + at + 4 + tl);
    at += 4 + tl + ml;
  }
  EXPECT(at == len);
  S.nstops++;
  switch (action) {
  case 'c': send_resume(DEBUG_RESUME_CONTINUE, s->thread); break;
  case 'n': send_resume(DEBUG_RESUME_NEXT, s->thread); break;
  case 's': send_resume(DEBUG_RESUME_STEP_IN, s->thread); break;
  case 'o': send_resume(DEBUG_RESUME_STEP_OUT, s->thread); break;
  case 'd': { uint8_t off = 0; send(FRAME_DEBUG_SET, &off, 1); break; }
  case 'x': send(FRAME_STOP, NULL, 0); break;
  case 'i': {
    static uint8_t eval[4096];
    uint8_t stack[8] = {(uint8_t)s->thread, (uint8_t)(s->thread >> 8), (uint8_t)(s->thread >> 16),
                        (uint8_t)(s->thread >> 24), 0, 0, 0, 0};
    size_t n = load_image("eval_print", eval + 2, sizeof eval - 2);
    eval[0] = eval[1] = 0xff;   /* __main__'s globals */
    send(FRAME_DEBUG_THREADS, NULL, 0);
    send(FRAME_DEBUG_STACK, stack, 8);
    send(FRAME_DEBUG_EVALUATE, eval, n + 2);
    send_resume(DEBUG_RESUME_CONTINUE, s->thread);
    break;
  }
  case 'r':
    send_resume(DEBUG_RESUME_CONTINUE, s->thread);
    S.seq--;
    send_resume(DEBUG_RESUME_CONTINUE, s->thread);
    break;
  default: fake_link_set_eof(1); break;
  }
}

/* The fake host: reads what the VM sent since last time and answers it. */
static void host(void) {
  size_t len, i;
  const uint8_t *out = fake_link_output(&len);
  for (i = S.out_seen; i < len; i++) {
    uint8_t t, q;
    const uint8_t *p;
    long n = link_receive_byte(&S.rx, out[i], &t, &q, &p);
    if (n < 0) continue;
    if (t == FRAME_DEBUG_STOPPED) {
      on_stopped(p, (size_t)n);
    } else if (t == FRAME_STDOUT) {
      if (S.out_len + (size_t)n < sizeof S.out) { memcpy(S.out + S.out_len, p, (size_t)n); S.out_len += (size_t)n; S.out[S.out_len] = 0; }
      if (S.pause_on_output && !S.pause_sent) { S.pause_sent = true; send(FRAME_DEBUG_PAUSE, NULL, 0); }
    } else if (t == FRAME_DONE) {
      S.done = p[0];
    } else if ((t == FRAME_ACK || t == FRAME_ERROR || t == FRAME_DEBUG_REPLY) && S.nanswers < 64) {
      S.answers[S.nanswers].type = t;
      S.answers[S.nanswers].seq = q;
      S.answers[S.nanswers].code = t == FRAME_ERROR ? (uint16_t)(p[0] | (p[1] << 8)) : 0;
      S.answers[S.nanswers].len = (size_t)n < 256 ? (size_t)n : 256;
      memcpy(S.answers[S.nanswers].payload, p, S.answers[S.nanswers].len);
      if (t == FRAME_DEBUG_REPLY) S.out_at_reply = S.out_len;
      S.nanswers++;
    }
  }
  S.out_seen = len;
}

static size_t load_image(const char *name, uint8_t *buf, size_t cap) {
  char path[256];
  FILE *f;
  size_t n;
  snprintf(path, sizeof path, "build/debug-images/%s.vbc", name);
  f = fopen(path, "rb");
  if (f == NULL) { fprintf(stderr, "    %s missing (make builds it from tests/debug_programs)\n", path); return 0; }
  n = fread(buf, 1, cap, f);
  fclose(f);
  return n;
}

static void begin(const char *actions) {
  memset(&S, 0, sizeof S);
  S.actions = actions;
  S.done = -1;
  S.seq = 1;
  fake_link_reset();
  link_init(&ls, &vm, heap, sizeof heap, store_a, store_b, sizeof store_a, "virtual", "host");
  link_set_arena(&ls, arena, sizeof arena);
  fake_link_set_host(host);
}

static void set_flags(uint8_t flags) { send(FRAME_DEBUG_SET, &flags, 1); }

static void set_breakpoints(const char *file, const uint16_t *lines, int count) {
  uint8_t p[3 + 64 + 2 * 255];
  size_t n = strlen(file), i;
  p[0] = (uint8_t)n; p[1] = 0;
  memcpy(p + 2, file, n);
  p[2 + n] = (uint8_t)count;
  for (i = 0; i < (size_t)count; i++) { p[3 + n + 2 * i] = (uint8_t)lines[i]; p[4 + n + 2 * i] = (uint8_t)(lines[i] >> 8); }
  send(FRAME_DEBUG_BREAKPOINTS, p, 3 + n + 2 * (size_t)count);
}

/* Upload the program, RUN it and serve the link until it ends (the host answering its stops). */
static void run(const char *name) {
  static uint8_t img[65536];
  uint8_t p[4 + 512];
  size_t n = load_image(name, img, sizeof img), off;
  uint32_t crc = crc32(img, n);
  EXPECT(n > 0);
  if (n == 0) return;
  p[0] = (uint8_t)n; p[1] = (uint8_t)(n >> 8); p[2] = (uint8_t)(n >> 16); p[3] = (uint8_t)(n >> 24);
  p[4] = (uint8_t)crc; p[5] = (uint8_t)(crc >> 8); p[6] = (uint8_t)(crc >> 16); p[7] = (uint8_t)(crc >> 24);
  send(FRAME_UPLOAD_BEGIN, p, 8);
  for (off = 0; off < n; off += 512) {
    size_t k = n - off < 512 ? n - off : 512;
    p[0] = (uint8_t)off; p[1] = (uint8_t)(off >> 8); p[2] = (uint8_t)(off >> 16); p[3] = (uint8_t)(off >> 24);
    memcpy(p + 4, img + off, k);
    send(FRAME_UPLOAD_CHUNK, p, 4 + k);
  }
  send(FRAME_UPLOAD_END, NULL, 0);
  send(FRAME_RUN, NULL, 0);
  while (link_service(&ls) > 0) {}
  host();
}

/* "main.py:3 main.py:3 ..." with the reasons as letters: B P S E R */
static const char *stops_text(void) {
  static char buf[512];
  size_t n = 0;
  int i;
  buf[0] = 0;
  for (i = 0; i < S.nstops && i < 32; i++)
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%c %s:%u", i ? ", " : "", "BSPER"[S.stops[i].reason % 5],
                          S.stops[i].file, S.stops[i].line);
  return buf;
}

static int errors_with(uint16_t code) {
  int i, k = 0;
  for (i = 0; i < S.nanswers; i++) if (S.answers[i].type == FRAME_ERROR && S.answers[i].code == code) k++;
  return k;
}

static void test_breakpoints_main_and_module(void) {
  static const uint16_t in_add[] = {3}, in_double[] = {2};
  begin("cccc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_add, 1);
  set_breakpoints("helper.py", in_double, 1);
  run("breakpoints");
  EXPECT_STR(stops_text(), "B main.py:3, B main.py:3, B main.py:3, B helper.py:2");
  EXPECT_STR(S.out, "3 6\n");
  EXPECT(S.done == DONE_OK);
  EXPECT(S.nanswers > 0 && errors_with(LINK_ERR_BAD_STATE) == 0);
}

static void test_step_over_in_out(void) {
  static const uint16_t at_call[] = {7};
  /* stop at 7; next: the loop's line 6; next: 7; step in: add's first line; step out: the
   * caller's next line (the loop); continue: the breakpoint again (i = 2), then the end */
  begin("nnsocc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", at_call, 1);
  run("breakpoints");
  EXPECT_STR(stops_text(), "B main.py:7, S main.py:6, S main.py:7, S main.py:3, S main.py:6, B main.py:7");
  EXPECT_STR(S.out, "3 6\n");
  EXPECT(S.done == DONE_OK);
}

static void test_step_into_module_and_generator(void) {
  static const uint16_t at_print[] = {8}, at_for[] = {4};
  begin("ssc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", at_print, 1);
  run("breakpoints");
  EXPECT_STR(stops_text(), "B main.py:8, S helper.py:2, S helper.py:3");
  EXPECT(S.done == DONE_OK);

  begin("sssscc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", at_for, 1);
  run("generator");
  /* into the generator's body, to the loop's body, the loop's line again, into the generator
   * after the yield it left */
  EXPECT_STR(stops_text(), "B main.py:4, S main.py:2, S main.py:5, S main.py:4, S main.py:3, B main.py:4");
  EXPECT_STR(S.out, "1\n2\n");
  EXPECT(S.done == DONE_OK);
}

static void test_pause_loop_and_sleep(void) {
  begin("x");
  set_flags(DEBUG_FLAG_ATTACHED);
  send(FRAME_DEBUG_PAUSE, NULL, 0);   /* nothing runs yet: refused */
  S.pause_on_output = true;
  run("loop");
  EXPECT(errors_with(LINK_ERR_BAD_STATE) == 1);
  EXPECT(S.nstops == 1 && S.stops[0].reason == DEBUG_STOP_PAUSE);
  EXPECT(S.stops[0].line == 3 || S.stops[0].line == 4);
  EXPECT(S.done == DONE_STOPPED);   /* STOP while stopped ends it */

  begin("x");
  S.pause_on_output = true;
  set_flags(DEBUG_FLAG_ATTACHED);
  run("spin");   /* while True: pass, one line jumping back to itself */
  EXPECT_STR(stops_text(), "P main.py:2");
  EXPECT(S.done == DONE_STOPPED);

  begin("x");
  S.pause_on_output = true;
  set_flags(DEBUG_FLAG_ATTACHED);
  run("sleep");
  EXPECT_STR(stops_text(), "P main.py:3");   /* where it sleeps */
  EXPECT_STR(S.out, "sleeping\n");
  EXPECT(S.done == DONE_STOPPED);
}

static void test_exception_stops(void) {
  /* uncaught only: the caught one passes; the other stops where it is raised, in check(), as
   * neither the except clause that names other classes nor the finally will catch it */
  begin("c");
  set_flags(DEBUG_FLAG_ATTACHED | DEBUG_FLAG_BREAK_UNCAUGHT);
  run("uncaught");
  EXPECT_STR(stops_text(), "E main.py:3");
  EXPECT_STR(S.stops[0].exc, "ValueError: too big: 2");
  EXPECT_STR(S.out, "cleanup\n");
  EXPECT(S.done == DONE_EXCEPTION);   /* resumed: it ends the program as without the debugger */

  /* raised: every one, the caught one too */
  begin("cc");
  set_flags(DEBUG_FLAG_ATTACHED | DEBUG_FLAG_BREAK_RAISED);
  run("uncaught");
  EXPECT_STR(stops_text(), "R main.py:3, R main.py:3");
  EXPECT_STR(S.stops[0].exc, "ValueError: too big: 5");

  begin("c");
  set_flags(DEBUG_FLAG_ATTACHED | DEBUG_FLAG_BREAK_RAISED);
  run("raised");
  EXPECT_STR(stops_text(), "R main.py:2");   /* raised inside int(): the line that called it */
  EXPECT_STR(S.out, "ok\n");
  EXPECT(S.done == DONE_OK);

  begin("c");
  set_flags(DEBUG_FLAG_ATTACHED | DEBUG_FLAG_BREAK_UNCAUGHT);
  run("raised");
  EXPECT(S.nstops == 0);
  EXPECT(S.done == DONE_OK);
}

static void test_threads(void) {
  static const uint16_t in_worker[] = {5}, after_join[] = {10};
  begin("cc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_worker, 1);
  set_breakpoints("main.py", after_join, 1);   /* replaces line 5 */
  set_breakpoints("main.py", in_worker, 1);
  run("threads");
  EXPECT_STR(stops_text(), "B main.py:5");
  EXPECT(S.nstops == 1 && S.stops[0].thread != 1);   /* the worker, not the main thread (1) */
  EXPECT_STR(S.out, "joined\n");
  EXPECT(S.done == DONE_OK);

  /* a step in the main thread while the worker hits its breakpoint first */
  {
    static const uint16_t at_start[] = {8};
    begin("nc");
    set_flags(DEBUG_FLAG_ATTACHED);
    set_breakpoints("helper.py", in_worker, 1);   /* another file's: never hit */
    set_breakpoints("main.py", at_start, 1);
    run("threads");
    EXPECT_STR(stops_text(), "B main.py:8, S main.py:9");
    EXPECT(S.nstops == 2 && S.stops[0].thread == S.stops[1].thread);
  }
}

static void test_detach_and_resend(void) {
  static const uint16_t in_add[] = {3};
  /* detach while stopped: the program goes on without the debugger */
  begin("d");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_add, 1);
  run("breakpoints");
  EXPECT_STR(stops_text(), "B main.py:3");
  EXPECT_STR(S.out, "3 6\n");
  EXPECT(S.done == DONE_OK);

  /* a resent RESUME is answered again and acted on once: the next stop waits for its own */
  begin("rcc");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_add, 1);
  run("breakpoints");
  EXPECT_STR(stops_text(), "B main.py:3, B main.py:3, B main.py:3");
  EXPECT(S.done == DONE_OK);
  {
    int i, acks_of_first = 0;
    for (i = 0; i + 1 < S.nanswers; i++)
      if (S.answers[i].type == FRAME_ACK && S.answers[i + 1].type == FRAME_ACK && S.answers[i].seq == S.answers[i + 1].seq)
        acks_of_first++;
    EXPECT(acks_of_first == 1);
    EXPECT(errors_with(LINK_ERR_BAD_STATE) == 0);
  }

  /* the link closing while stopped: the debugger lets go */
  begin("_");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_add, 1);
  run("breakpoints");
  EXPECT(S.nstops == 1);
  EXPECT(ls.closed);
}

static void test_requests_checked(void) {
  static const uint8_t bad_bp[] = {7, 0, 'm', 'a'}, short_bp[] = {2, 0, 'a', '.', 1, 3};
  static const uint16_t many[300] = {0};
  static const uint8_t resume[5] = {0, 1, 0, 0, 0}, bad_how[5] = {9, 1, 0, 0, 0}, flags_bad = 0x80;
  static const uint8_t stack[8] = {1, 0, 0, 0, 0, 0, 0, 0};
  begin("");
  send(FRAME_DEBUG_BREAKPOINTS, bad_bp, sizeof bad_bp);        /* file runs past the payload */
  send(FRAME_DEBUG_BREAKPOINTS, short_bp, sizeof short_bp);    /* one line announced, half given */
  set_breakpoints("main.py", many, 255);                       /* over the table */
  send(FRAME_DEBUG_SET, &flags_bad, 1);
  send(FRAME_DEBUG_SET, NULL, 0);
  send(FRAME_DEBUG_RESUME, bad_how, 5);
  send(FRAME_DEBUG_RESUME, resume, 5);                         /* not stopped */
  send(FRAME_DEBUG_PAUSE, NULL, 0);                            /* nothing runs */
  send(FRAME_DEBUG_THREADS, NULL, 0);                          /* not stopped */
  send(FRAME_DEBUG_STACK, stack, 8);
  send(FRAME_DEBUG_EVALUATE, stack, 8);
  set_breakpoints("main.py", many, 3);                         /* fine */
  while (link_service(&ls) > 0) {}
  host();
  EXPECT(S.nanswers == 12);
  EXPECT(errors_with(LINK_ERR_BAD_PAYLOAD) == 5);
  EXPECT(errors_with(LINK_ERR_TOO_BIG) == (VIPER_DEBUG_BREAKPOINTS < 255 ? 1 : 0));
  EXPECT(errors_with(LINK_ERR_BAD_STATE) == 5);
  EXPECT(S.answers[11].type == FRAME_ACK);
}

/* The n-th DEBUG_REPLY the host got, or NULL. */
static const Answer *reply(int n) {
  int i;
  for (i = 0; i < S.nanswers; i++)
    if (S.answers[i].type == FRAME_DEBUG_REPLY && n-- == 0) return &S.answers[i];
  return NULL;
}

static void test_inspect_over_the_link(void) {
  static const uint16_t in_worker[] = {5};
  const Answer *threads, *stack, *eval;
  begin("i");
  set_flags(DEBUG_FLAG_ATTACHED);
  set_breakpoints("main.py", in_worker, 1);
  run("threads");
  EXPECT_STR(stops_text(), "B main.py:5");
  threads = reply(0);
  stack = reply(1);
  eval = reply(2);
  EXPECT(threads != NULL && stack != NULL && eval != NULL);
  if (threads == NULL || stack == NULL || eval == NULL) return;
  /* two threads: main (1, "MainThread") blocked on the lock, the worker stopped */
  EXPECT(threads->payload[0] == 2);
  EXPECT(threads->payload[1] == 1 && threads->payload[5] == DEBUG_THREAD_BLOCKED);
  EXPECT(threads->payload[17] == S.stops[0].thread && threads->payload[21] == DEBUG_THREAD_STOPPED);
  /* the worker's stack: one frame, worker at line 5 */
  EXPECT(stack->payload[0] == 1 && stack->payload[2] == 1);
  EXPECT(stack->len > 8 && memcmp(stack->payload + stack->len - 2, "\x05\x00", 2) == 0);
  /* what the evaluation printed came before its answer: ok, None */
  EXPECT(S.out_at_reply == strlen("from eval\n"));
  EXPECT(eval->payload[0] == 1);
  EXPECT_STR(S.out, "from eval\njoined\n");
  EXPECT(S.done == DONE_OK);
}

#endif

void tests_debug(void);
void tests_debug(void) {
#if VIPER_DEBUGGER
  run_test("debug: breakpoints in main and in a module", test_breakpoints_main_and_module);
  run_test("debug: step over, in, out", test_step_over_in_out);
  run_test("debug: step into a module's function and a generator", test_step_into_module_and_generator);
  run_test("debug: uncaught and raised exception stops", test_exception_stops);
  run_test("debug: a breakpoint in a thread, a step in main", test_threads);
  run_test("debug: detach while stopped, a resent RESUME acts once, the link closing", test_detach_and_resend);
  run_test("debug: malformed and untimely requests refused", test_requests_checked);
  run_test("debug: THREADS, STACK and EVALUATE at a stop, over the link", test_inspect_over_the_link);
  run_test("debug: pause in while True and in time.sleep, STOP while stopped", test_pause_loop_and_sleep);
#endif
}
