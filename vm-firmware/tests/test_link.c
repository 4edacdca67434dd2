/* The link server driven in-process through the fake port. */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "harness.h"
#include "link.h"

typedef struct Frame_ { uint8_t type, seq; uint8_t payload[LINK_MAX_PAYLOAD]; size_t len; } RxFrame;

static LinkServer ls;
static VM vm;
static uint8_t heap[128 * 1024], store_a[16384], store_b[16384], arena[16384];
static RxFrame frames[64];
static int nframes;
static size_t out_seen;

static void setup(void) {
  size_t n;
  fake_link_reset();
  fake_link_output(&n);
  out_seen = 0;
  link_init(&ls, &vm, heap, sizeof heap, store_a, store_b, sizeof store_a, "virtual", "host");
  link_set_arena(&ls, arena, sizeof arena);
}

static void send(uint8_t type, uint8_t seq, const uint8_t *payload, size_t len) {
  uint8_t wire[LINK_MAX_WIRE];
  size_t n = link_encode_frame(type, seq, payload, len, wire);
  fake_link_push_input(wire, n);
}

/* Serve until the input is used up, then decode what the VM sent since the last call. */
static void pump(void) {
  LinkReceiver *rx = calloc(1, sizeof *rx);
  size_t len, i;
  const uint8_t *out;
  while (link_service(&ls) > 0) {}
  out = fake_link_output(&len);
  nframes = 0;
  for (i = out_seen; i < len; i++) {
    uint8_t t, s;
    const uint8_t *p;
    long n = link_receive_byte(rx, out[i], &t, &s, &p);
    if (n >= 0 && nframes < 64) {
      frames[nframes].type = t;
      frames[nframes].seq = s;
      memcpy(frames[nframes].payload, p, (size_t)n);
      frames[nframes].len = (size_t)n;
      nframes++;
    }
  }
  out_seen = len;
  EXPECT(rx->dropped == 0);
  free(rx);
}

static uint16_t error_code(const RxFrame *f) { return (uint16_t)(f->payload[0] | (f->payload[1] << 8)); }

static void upload(const uint8_t *img, size_t n, uint32_t crc, uint8_t *seq) {
  uint8_t p[4 + 100];
  size_t off;
  p[0] = (uint8_t)n; p[1] = (uint8_t)(n >> 8); p[2] = (uint8_t)(n >> 16); p[3] = (uint8_t)(n >> 24);
  p[4] = (uint8_t)crc; p[5] = (uint8_t)(crc >> 8); p[6] = (uint8_t)(crc >> 16); p[7] = (uint8_t)(crc >> 24);
  send(FRAME_UPLOAD_BEGIN, (*seq)++, p, 8);
  for (off = 0; off < n; off += 100) {
    size_t k = n - off < 100 ? n - off : 100;
    p[0] = (uint8_t)off; p[1] = (uint8_t)(off >> 8); p[2] = (uint8_t)(off >> 16); p[3] = (uint8_t)(off >> 24);
    memcpy(p + 4, img + off, k);
    send(FRAME_UPLOAD_CHUNK, (*seq)++, p, 4 + k);
  }
  send(FRAME_UPLOAD_END, (*seq)++, NULL, 0);
}

static void test_hello_info(void) {
  setup();
  send(FRAME_HELLO, 5, NULL, 0);
  pump();
  EXPECT(nframes == 1);
  EXPECT(frames[0].type == FRAME_INFO && frames[0].seq == 5);
  EXPECT(frames[0].payload[0] == LINK_PROTOCOL_VERSION);
  EXPECT(frames[0].payload[1] == IMAGE_FORMAT_VERSION && frames[0].payload[2] == 0);
  EXPECT(frames[0].payload[3] == 0 && frames[0].payload[4] == 1 && frames[0].payload[5] == 0);
  EXPECT(frames[0].payload[14] == 7 && memcmp(frames[0].payload + 15, "virtual", 7) == 0);
  EXPECT(frames[0].payload[22] == 4 && memcmp(frames[0].payload + 23, "host", 4) == 0);
}

static void test_upload_and_run(void) {
  uint8_t img[512], seq = 0;
  size_t n = build_hello(img, sizeof img, "hello");
  int i;
  setup();
  /* garbage first: a board's boot text */
  fake_link_push_input((const uint8_t *)"boot\r\n\x00", 7);
  upload(img, n, crc32(img, n), &seq);
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  for (i = 0; i < nframes - 3; i++) EXPECT(frames[i].type == FRAME_ACK && frames[i].seq == i);
  EXPECT(nframes >= 4);
  if (nframes < 4) return;
  EXPECT(frames[nframes - 3].type == FRAME_ACK);
  EXPECT(frames[nframes - 2].type == FRAME_STDOUT);
  EXPECT(frames[nframes - 2].len == 8 && memcmp(frames[nframes - 2].payload, "hello 3\n", 8) == 0);
  EXPECT(frames[nframes - 1].type == FRAME_DONE && frames[nframes - 1].payload[0] == DONE_OK);
}

static void test_bad_crc_keeps_old_program(void) {
  uint8_t img[512], img2[512], seq = 0;
  size_t n = build_hello(img, sizeof img, "first"), n2 = build_hello(img2, sizeof img2, "second");
  setup();
  upload(img, n, crc32(img, n), &seq);
  pump();
  EXPECT(frames[nframes - 1].type == FRAME_ACK);
  upload(img2, n2, crc32(img2, n2) ^ 1u, &seq);
  pump();
  EXPECT(frames[nframes - 1].type == FRAME_ERROR && error_code(&frames[nframes - 1]) == LINK_ERR_CRC_MISMATCH);
  /* an image whose own CRC is fine but whose contents fail the verifier */
  img2[n2 - 3] = 200;   /* an invalid opcode */
  fix_crc(img2, n2);
  upload(img2, n2, crc32(img2, n2), &seq);
  pump();
  EXPECT(frames[nframes - 1].type == FRAME_ERROR && error_code(&frames[nframes - 1]) == LINK_ERR_BAD_IMAGE);
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  EXPECT(nframes == 3);
  EXPECT(frames[1].type == FRAME_STDOUT && frames[1].len == 8 && memcmp(frames[1].payload, "first 3\n", 8) == 0);
}

static void test_offsets_and_duplicates(void) {
  uint8_t p[8 + 4] = {0}, seq = 0;
  setup();
  p[0] = 20;   /* size 20, crc 0 */
  send(FRAME_UPLOAD_BEGIN, seq++, p, 8);
  memset(p, 0, sizeof p);
  send(FRAME_UPLOAD_CHUNK, seq++, p, 8);    /* offset 0, 4 bytes */
  send(FRAME_UPLOAD_CHUNK, seq++, p, 8);    /* the same again: re-ACKed */
  p[0] = 9;
  send(FRAME_UPLOAD_CHUNK, seq++, p, 8);    /* offset 9: wrong */
  send(0x42, seq++, NULL, 0);               /* unknown type */
  pump();
  EXPECT(nframes == 5);
  if (nframes != 5) return;
  EXPECT(frames[0].type == FRAME_ACK && frames[1].type == FRAME_ACK && frames[2].type == FRAME_ACK);
  EXPECT(ls.up_received == 4);
  EXPECT(frames[3].type == FRAME_ERROR && error_code(&frames[3]) == LINK_ERR_BAD_OFFSET);
  EXPECT(frames[4].type == FRAME_ERROR && error_code(&frames[4]) == LINK_ERR_UNKNOWN_TYPE && frames[4].seq == 4);
}

static void test_states(void) {
  uint8_t p[8] = {0}, seq = 0;
  setup();
  send(FRAME_RUN, seq++, NULL, 0);
  send(FRAME_UPLOAD_CHUNK, seq++, p, 8);
  send(FRAME_UPLOAD_END, seq++, NULL, 0);
  p[2] = 0x10;   /* 1 MiB: too big */
  send(FRAME_UPLOAD_BEGIN, seq++, p, 8);
  pump();
  EXPECT(nframes == 4);
  if (nframes != 4) return;
  EXPECT(error_code(&frames[0]) == LINK_ERR_NO_PROGRAM);
  EXPECT(error_code(&frames[1]) == LINK_ERR_BAD_STATE);
  EXPECT(error_code(&frames[2]) == LINK_ERR_BAD_STATE);
  EXPECT(error_code(&frames[3]) == LINK_ERR_TOO_BIG);
}

static void test_stop_while_running(void) {
  static const char *const names[] = {"<module>", "main.py", "__main__"};
  static const uint8_t code[] = {OP_NOP, OP_JUMP, U16(-4)};
  uint8_t img[256], seq = 0;
  TestCode c;
  size_t n;
  memset(&c, 0, sizeof c);
  c.name = 0; c.first_line = 1; c.code = code; c.code_len = sizeof code;
  n = build_image(img, sizeof img, names, 3, 2, 1, &c, 1);
  setup();
  upload(img, n, crc32(img, n), &seq);
  send(FRAME_RUN, seq++, NULL, 0);
  send(FRAME_HELLO, seq++, NULL, 0);   /* answered while running */
  send(FRAME_UPLOAD_END, seq++, NULL, 0);   /* BUSY */
  send(FRAME_STOP, seq++, NULL, 0);
  pump();
  EXPECT(nframes >= 5);
  if (nframes < 5) return;
  EXPECT(frames[nframes - 5].type == FRAME_ACK);      /* RUN */
  EXPECT(frames[nframes - 4].type == FRAME_INFO);
  EXPECT(frames[nframes - 3].type == FRAME_ERROR && error_code(&frames[nframes - 3]) == LINK_ERR_BUSY);
  EXPECT(frames[nframes - 2].type == FRAME_ACK);      /* STOP */
  EXPECT(frames[nframes - 1].type == FRAME_DONE && frames[nframes - 1].payload[0] == DONE_STOPPED);
}

static void test_exception_frame(void) {
  static const char *const names[] = {"<module>", "main.py", "__main__", "nope"};
  static const uint8_t code[] = {OP_LOAD_NAME, U16(3), OP_RETURN_VALUE};
  static const uint8_t lines[] = {0, 4};
  static const uint8_t want[] = {9, 0, 'N', 'a', 'm', 'e', 'E', 'r', 'r', 'o', 'r',
                                 26, 0, 'n', 'a', 'm', 'e', ' ', '\'', 'n', 'o', 'p', 'e', '\'', ' ', 'i', 's', ' ',
                                 'n', 'o', 't', ' ', 'd', 'e', 'f', 'i', 'n', 'e', 'd',
                                 1, 7, 0, 'm', 'a', 'i', 'n', '.', 'p', 'y', 8, 0, '<', 'm', 'o', 'd', 'u', 'l', 'e', '>', 5, 0};
  uint8_t img[256], seq = 0;
  TestCode c;
  size_t n;
  memset(&c, 0, sizeof c);
  c.name = 0; c.first_line = 1; c.stacksize = 1; c.code = code; c.code_len = sizeof code;
  c.lines = lines; c.lines_len = 2;
  n = build_image(img, sizeof img, names, 4, 2, 1, &c, 1);
  setup();
  upload(img, n, crc32(img, n), &seq);
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  EXPECT(nframes >= 2);
  if (nframes < 2) return;
  EXPECT(frames[nframes - 2].type == FRAME_EXCEPTION);
  EXPECT(frames[nframes - 2].len == sizeof want && memcmp(frames[nframes - 2].payload, want, sizeof want) == 0);
  EXPECT(frames[nframes - 1].type == FRAME_DONE && frames[nframes - 1].payload[0] == DONE_EXCEPTION);
}

static void test_eof_closes(void) {
  setup();
  fake_link_set_eof(1);
  EXPECT(link_service(&ls) == -1);
}

/* ---- protocol version 2 ------------------------------------------------------------------ */

static void test_info_v2(void) {
  const uint8_t *p;
  setup();
  send(FRAME_HELLO, 1, NULL, 0);
  pump();
  EXPECT(nframes == 1 && frames[0].len == 27 + 8);
  p = frames[0].payload + 27;
  EXPECT(p[0] == (LINK_MAX_PAYLOAD & 0xff) && p[1] == (LINK_MAX_PAYLOAD >> 8));
  EXPECT(p[2] == LINK_WINDOW);
  EXPECT(p[3] == 0);   /* no program */
  EXPECT((p[4] | (p[5] << 8) | (p[6] << 16)) == (int)sizeof arena);
}

static size_t build_module(uint8_t *img, size_t cap, const char *const *names, int nnames, const uint8_t *code,
                           size_t code_len, const uint8_t *consts, size_t consts_len, uint16_t nconsts) {
  TestCode c;
  memset(&c, 0, sizeof c);
  c.name = (uint16_t)(nnames - 3); c.first_line = 1; c.stacksize = 4; c.code = code; c.code_len = code_len;
  c.consts = consts; c.consts_len = consts_len; c.nconsts = nconsts;
  return build_image(img, cap, names, nnames, (uint16_t)(nnames - 1), (uint16_t)(nnames - 2), &c, 1);
}

static void test_exec_keeps_namespace(void) {
  static const char *const n1[] = {"x", "<module>", "<stdin>", "__main__"};
  static const uint8_t c1[] = {OP_LOAD_SMALL_INT, U16(41), OP_STORE_NAME, U16(0), OP_LOAD_NONE, OP_RETURN_VALUE};
  /* a different name table: x is name 1 here */
  static const char *const n2[] = {"__displayhook__", "x", "<module>", "<stdin>", "__main__"};
  static const uint8_t c2[] = {OP_LOAD_NAME, U16(0), OP_LOAD_NAME, U16(1), OP_LOAD_SMALL_INT, U16(1),
                               OP_BINARY_OP, BINOP_ADD, OP_CALL, 1, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE};
  uint8_t img[256];
  size_t n;
  setup();
  n = build_module(img, sizeof img, n1, 4, c1, sizeof c1, NULL, 0, 0);
  send(FRAME_EXEC, 1, img, n);
  n = build_module(img, sizeof img, n2, 5, c2, sizeof c2, NULL, 0, 0);
  send(FRAME_EXEC, 2, img, n);
  pump();
  EXPECT(nframes == 5);
  if (nframes != 5) return;
  EXPECT(frames[0].type == FRAME_ACK && frames[0].seq == 1);
  EXPECT(frames[1].type == FRAME_DONE && frames[1].payload[0] == DONE_OK);
  EXPECT(frames[2].type == FRAME_ACK && frames[2].seq == 2);
  EXPECT(frames[3].type == FRAME_STDOUT && frames[3].len == 3 && memcmp(frames[3].payload, "42\n", 3) == 0);
  EXPECT(frames[4].type == FRAME_DONE && frames[4].payload[0] == DONE_OK);
  /* RESET forgets the namespace: x is gone */
  send(FRAME_RESET, 3, NULL, 0);
  send(FRAME_EXEC, 4, img, n);
  pump();
  EXPECT(nframes == 4 && frames[2].type == FRAME_EXCEPTION && frames[3].payload[0] == DONE_EXCEPTION);
}

static void test_input_reads_stdin(void) {
  static const char *const names[] = {"print", "input", "<module>", "main.py", "__main__"};
  static const uint8_t consts[] = {CONST_STR, 2, 0, 0, 0, '?', ' '};
  static const uint8_t code[] = {OP_LOAD_NAME, U16(0), OP_LOAD_NAME, U16(1), OP_LOAD_CONST, U16(0), OP_CALL, 1,
                                 OP_CALL, 1, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE};
  uint8_t img[256], seq = 0;
  size_t n = build_module(img, sizeof img, names, 5, code, sizeof code, consts, sizeof consts, 1);
  setup();
  upload(img, n, crc32(img, n), &seq);
  send(FRAME_RUN, 10, NULL, 0);
  send(FRAME_STDIN, 11, (const uint8_t *)"ab", 2);
  send(FRAME_STDIN, 11, (const uint8_t *)"ab", 2);   /* resent: not typed twice */
  send(FRAME_STDIN, 12, (const uint8_t *)"c\r\n", 3);
  pump();
  EXPECT(nframes >= 7);
  if (nframes < 7) return;
  nframes -= 7;
  EXPECT(frames[nframes].type == FRAME_ACK && frames[nframes].seq == 10);
  EXPECT(frames[nframes + 1].type == FRAME_STDOUT && frames[nframes + 1].len == 2);
  EXPECT(frames[nframes + 2].type == FRAME_ACK && frames[nframes + 2].seq == 11);
  EXPECT(frames[nframes + 3].type == FRAME_ACK && frames[nframes + 3].seq == 11);
  EXPECT(frames[nframes + 4].type == FRAME_ACK && frames[nframes + 4].seq == 12);
  EXPECT(frames[nframes + 5].type == FRAME_STDOUT && frames[nframes + 5].len == 4 &&
         memcmp(frames[nframes + 5].payload, "abc\n", 4) == 0);
  EXPECT(frames[nframes + 6].type == FRAME_DONE && frames[nframes + 6].payload[0] == DONE_OK);
}

static void test_status_and_boot_flag(void) {
  uint8_t img[512], p[9], seq = 0;
  size_t n = build_hello(img, sizeof img, "boot");
  uint32_t crc = crc32(img, n);
  setup();
  send(FRAME_STATUS, seq++, NULL, 0);
  pump();
  EXPECT(nframes == 1 && frames[0].type == FRAME_STATE && frames[0].len == 22);
  EXPECT(frames[0].payload[0] == VM_STATE_IDLE && frames[0].payload[1] == 0);
  p[0] = (uint8_t)n; p[1] = (uint8_t)(n >> 8); p[2] = 0; p[3] = 0;
  p[4] = (uint8_t)crc; p[5] = (uint8_t)(crc >> 8); p[6] = (uint8_t)(crc >> 16); p[7] = (uint8_t)(crc >> 24);
  p[8] = PROGRAM_FLAG_RUN_AT_BOOT;
  send(FRAME_UPLOAD_BEGIN, seq++, p, 9);
  {
    uint8_t chunk[4 + 512] = {0};
    memcpy(chunk + 4, img, n);
    send(FRAME_UPLOAD_CHUNK, seq++, chunk, 4 + n);
  }
  send(FRAME_UPLOAD_END, seq++, NULL, 0);
  send(FRAME_STATUS, seq++, NULL, 0);
  pump();
  EXPECT(nframes == 4 && frames[3].type == FRAME_STATE);
  EXPECT(frames[3].payload[1] == (PROGRAM_FLAG_STORED | PROGRAM_FLAG_RUN_AT_BOOT));
  EXPECT(frames[3].payload[2] == (uint8_t)n && frames[3].payload[6] == (uint8_t)crc);
  /* what a board does at power-up */
  EXPECT(link_boot(&ls));
  pump();
  EXPECT(nframes == 2 && frames[0].type == FRAME_STDOUT && frames[1].type == FRAME_DONE);
}

static void test_wrong_image_version(void) {
  uint8_t img[512], seq = 0;
  size_t n = build_hello(img, sizeof img, "old");
  setup();
  img[4] = IMAGE_FORMAT_VERSION + 1;
  fix_crc(img, n);
  upload(img, n, crc32(img, n), &seq);
  send(FRAME_EXEC, seq++, img, n);
  pump();
  EXPECT(nframes >= 2);
  if (nframes < 2) return;
  EXPECT(frames[nframes - 2].type == FRAME_ERROR && error_code(&frames[nframes - 2]) == LINK_ERR_IMAGE_VERSION);
  EXPECT(frames[nframes - 1].type == FRAME_ERROR && error_code(&frames[nframes - 1]) == LINK_ERR_IMAGE_VERSION);
  EXPECT(!ls.have_program);
}

/* BOARD_INPUT on a build without a board (hal_none.c): the payload is checked against the board
 * table (the Virtual board's), a SNAPSHOT answers with the (empty) BOARD_STATE, and the rest is
 * refused as the board's own answer: BAD_STATE with its reason. */
static void test_board_input(void) {
  static const uint8_t snapshot[] = {BOARD_INPUT_SNAPSHOT}, held[] = {BOARD_INPUT_PIN_LEVEL, 2, 1},
                       bad_pin[] = {BOARD_INPUT_PIN_LEVEL, 200, 1}, bad_level[] = {BOARD_INPUT_PIN_LEVEL, 2, 7},
                       no_adc[] = {BOARD_INPUT_ANALOG, 2, 0, 0}, short_pulses[] = {BOARD_INPUT_PULSES, 2, 1},
                       no_uart[] = {BOARD_INPUT_UART_RX, 9, 65}, unknown[] = {42};
  setup();
  send(FRAME_BOARD_INPUT, 1, snapshot, sizeof snapshot);
  pump();
  EXPECT(nframes == 2);
  EXPECT(frames[0].type == FRAME_ACK && frames[0].seq == 1);
  EXPECT(frames[1].type == FRAME_BOARD_STATE && frames[1].len == 1 && frames[1].payload[0] == 0);
  send(FRAME_BOARD_INPUT, 2, held, sizeof held);
  send(FRAME_BOARD_INPUT, 3, bad_pin, sizeof bad_pin);
  send(FRAME_BOARD_INPUT, 4, bad_level, sizeof bad_level);
  send(FRAME_BOARD_INPUT, 5, no_adc, sizeof no_adc);
  send(FRAME_BOARD_INPUT, 6, short_pulses, sizeof short_pulses);
  send(FRAME_BOARD_INPUT, 7, no_uart, sizeof no_uart);
  send(FRAME_BOARD_INPUT, 8, unknown, sizeof unknown);
  send(FRAME_BOARD_INPUT, 9, NULL, 0);
  pump();
  EXPECT(nframes == 8);
  if (nframes != 8) return;
  EXPECT(frames[0].type == FRAME_ERROR && error_code(&frames[0]) == LINK_ERR_BAD_STATE &&
         frames[0].len == 2 + 23 && memcmp(frames[0].payload + 2, "this build has no board", 23) == 0);
  EXPECT(error_code(&frames[1]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[1].payload + 2, "no such pin", 11) == 0);
  EXPECT(error_code(&frames[2]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[2].payload + 2, "a level is 0 or 1", 17) == 0);
  EXPECT(error_code(&frames[3]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[3].payload + 2, "that pin has no ADC", 19) == 0);
  EXPECT(error_code(&frames[4]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[4].payload + 2, "PULSES needs", 12) == 0);
  EXPECT(error_code(&frames[5]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[5].payload + 2, "no such UART", 12) == 0);
  EXPECT(error_code(&frames[6]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[6].payload + 2, "unknown BOARD_INPUT kind", 24) == 0);
  EXPECT(error_code(&frames[7]) == LINK_ERR_BAD_PAYLOAD && frames[7].seq == 9);
}

/* SENSOR: temperature and humidity, then optionally whether the sensor is connected (0/1). */
static void test_board_input_sensor(void) {
  static const uint8_t unplugged[] = {BOARD_INPUT_SENSOR, 0x66, 0x08, 0x94, 0x11, 0},
                       bad_connected[] = {BOARD_INPUT_SENSOR, 0x66, 0x08, 0x94, 0x11, 2},
                       short_sensor[] = {BOARD_INPUT_SENSOR, 0x66, 0x08, 0x94},
                       long_sensor[] = {BOARD_INPUT_SENSOR, 0x66, 0x08, 0x94, 0x11, 1, 0};
  setup();
  send(FRAME_BOARD_INPUT, 1, unplugged, sizeof unplugged);
  send(FRAME_BOARD_INPUT, 2, bad_connected, sizeof bad_connected);
  send(FRAME_BOARD_INPUT, 3, short_sensor, sizeof short_sensor);
  send(FRAME_BOARD_INPUT, 4, long_sensor, sizeof long_sensor);
  pump();
  EXPECT(nframes == 4);
  if (nframes != 4) return;
  /* well formed: the board-less build refuses it as the board's own answer */
  EXPECT(error_code(&frames[0]) == LINK_ERR_BAD_STATE && memcmp(frames[0].payload + 2, "this build has no board", 23) == 0);
  EXPECT(error_code(&frames[1]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[1].payload + 2, "SENSOR's connected byte must be 0 or 1", 38) == 0);
  EXPECT(error_code(&frames[2]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[2].payload + 2, "SENSOR needs", 12) == 0);
  EXPECT(error_code(&frames[3]) == LINK_ERR_BAD_PAYLOAD && memcmp(frames[3].payload + 2, "SENSOR needs", 12) == 0);
}

void tests_store(void);
void tests_link(void);
void tests_link(void) {
  run_test("link: HELLO -> INFO", test_hello_info);
  run_test("link: garbage, upload, RUN -> ACK, STDOUT, DONE", test_upload_and_run);
  run_test("link: bad CRC / bad image keep the old program", test_bad_crc_keeps_old_program);
  run_test("link: duplicate chunk re-ACKed, wrong offset, unknown type", test_offsets_and_duplicates);
  run_test("link: NO_PROGRAM, BAD_STATE, TOO_BIG", test_states);
  run_test("link: STOP ends while True, HELLO answered while running", test_stop_while_running);
  run_test("link: EXCEPTION frame layout", test_exception_frame);
  run_test("link: end of input closes", test_eof_closes);
  run_test("link v2: INFO carries max payload, window, flags, REPL size", test_info_v2);
  run_test("link v2: EXEC keeps __main__ across entries, echoes values, RESET clears", test_exec_keeps_namespace);
  run_test("link v2: input() reads STDIN frames, a resent one counts once", test_input_reads_stdin);
  run_test("link v2: STATUS, run-at-boot flag, boot", test_status_and_boot_flag);
  run_test("link v2: wrong image format version refused", test_wrong_image_version);
  run_test("link: BOARD_INPUT checked, SNAPSHOT -> BOARD_STATE, a board-less build refuses", test_board_input);
  run_test("link: BOARD_INPUT SENSOR with and without its connected byte", test_board_input_sensor);
  tests_store();
}
