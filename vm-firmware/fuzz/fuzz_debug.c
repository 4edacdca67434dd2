/* libFuzzer target: the debugger's frames through the whole link server, in any order and with
 * any payload, while a program runs, is stopped or none runs. The input is not a byte stream
 * (fuzz_link takes those) but a list of frames that this target encodes (COBS, CRC), so that
 * mutations reach the decoding of the debug frames instead of failing the CRC:
 *
 *   byte 0   setup: 0x01 attach (uncaught exceptions too) and set breakpoints, 0x02 RUN,
 *            0x04 PAUSE at once, 0x08 break on raised exceptions; the program is always uploaded
 *   then     records: u8 kind, u8 length, length bytes of payload
 *            kind & 0x1f picks the frame type (KINDS), kind & 0x80 sends it with the previous
 *            seq (a resend), kind & 0x40 on DEBUG_EVALUATE makes the payload u16 frame id +
 *            an expression image built from the payload's third byte (expression()), and
 *            kind & 0x20 holds the frame back until the program stops or ends (a host that
 *            waits for DEBUG_STOPPED: without it, frames arrive while the program runs)
 *
 * The program is tests/debug_programs/fuzz/main.py, compiled by the Makefile into
 * build/debug-images/fuzz.vbc (read once, from the current directory). The input running out
 * closes the link, which stops the program: nothing may hang. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "fuzz_port.h"
#include "gen/image_format.h"
#include "bytecode.h"
#include "link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define PROGRAM_PATH "build/debug-images/fuzz.vbc"

static const uint8_t KINDS[] = {
    FRAME_DEBUG_SET,  FRAME_DEBUG_BREAKPOINTS, FRAME_DEBUG_PAUSE,     FRAME_DEBUG_RESUME, FRAME_DEBUG_THREADS,
    FRAME_DEBUG_STACK, FRAME_DEBUG_SCOPES,     FRAME_DEBUG_VARIABLES, FRAME_DEBUG_EVALUATE, FRAME_RUN,
    FRAME_STOP,       FRAME_STATUS,            FRAME_RESET,           FRAME_HELLO,        FRAME_STDIN,
};
#define NKINDS (sizeof KINDS / sizeof KINDS[0])

static uint8_t program[16384];
static size_t program_len;

/* ==== the host's byte stream ============================================================== */

static uint8_t stream[1 << 20];
static size_t stream_len;
static uint8_t seq;

static void frame(uint8_t type, const uint8_t *payload, size_t len, bool resend) {
  if (!resend) seq++;
  if (len > LINK_MAX_PAYLOAD || stream_len + LINK_MAX_WIRE > sizeof stream) return;
  stream_len += link_encode_frame(type, seq, payload, len, stream + stream_len);
}

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static void upload(void) {
  uint8_t p[4 + 512];
  size_t off;
  put_u32(p, (uint32_t)program_len);
  put_u32(p + 4, crc32(program, program_len));
  frame(FRAME_UPLOAD_BEGIN, p, 8, false);
  for (off = 0; off < program_len; off += 512) {
    size_t k = program_len - off < 512 ? program_len - off : 512;
    put_u32(p, (uint32_t)off);
    memcpy(p + 4, program + off, k);
    frame(FRAME_UPLOAD_CHUNK, p, 4 + k, false);
  }
  frame(FRAME_UPLOAD_END, NULL, 0, false);
}

/* ==== expressions: images in 'eval' mode (one module, its code returns the value) ========= */

static const char *const NAMES[] = {"<module>", "<eval>", "__main__", "box", "total", "n", "s", "scale", "big",
                                    "lock", "k", "result", "print", "Box", "self", "i", "nope"};
#define NNAMES (sizeof NAMES / sizeof NAMES[0])
#define FIRST_VARIABLE 3
#define NAME_PRINT 12

/* The expression the selector picks: a name (any of NAMES from 3 on), print(name), name[0],
 * name / 0, or name.v. */
static size_t expression(uint8_t selector, uint8_t *out, size_t room) {
  uint8_t code[16];
  size_t n = 0, len = 0, i;
  uint32_t crc;
  uint16_t name = (uint16_t)(FIRST_VARIABLE + selector % (NNAMES - FIRST_VARIABLE));
  int op = (selector >> 5) % 5;
#define CODE(b) (code[n++] = (uint8_t)(b))
#define U16(v) CODE((v) & 0xFF), CODE((v) >> 8)
  if (op == 1) { CODE(OP_LOAD_NAME); U16(NAME_PRINT); }
  CODE(OP_LOAD_NAME); U16(name);
  if (op == 1) { CODE(OP_CALL); CODE(1); }
  if (op == 2) { CODE(OP_LOAD_SMALL_INT); U16(0); CODE(OP_BINARY_SUBSCR); }
  if (op == 3) { CODE(OP_LOAD_SMALL_INT); U16(0); CODE(OP_BINARY_OP); CODE(BINOP_TRUEDIV); }
  if (op == 4) { CODE(OP_LOAD_ATTR); U16(5); }   /* .n: no such attribute mostly */
  CODE(OP_RETURN_VALUE);
#define PUT(b) do { if (len < room) out[len] = (uint8_t)(b); len++; } while (0)
#define PUT16(v) do { PUT((v) & 0xFF); PUT(((v) >> 8) & 0xFF); } while (0)
  PUT(IMAGE_MAGIC_0); PUT(IMAGE_MAGIC_1); PUT(IMAGE_MAGIC_2); PUT(IMAGE_MAGIC_3);
  PUT16(IMAGE_FORMAT_VERSION); PUT16(0);
  for (i = 0; i < 8; i++) PUT(0);   /* length and CRC, filled below */
  PUT16(NNAMES);
  for (i = 0; i < NNAMES; i++) {
    size_t k, l = strlen(NAMES[i]);
    PUT16(l);
    for (k = 0; k < l; k++) PUT(NAMES[i][k]);
  }
  PUT16(1); PUT16(2); PUT16(1); PUT16(0);          /* one module: __main__ in <eval>, code 0 */
  PUT16(1);                                         /* one code object */
  PUT16(0); PUT16(0); PUT(0); PUT(0); PUT(0); PUT(CODE_FLAG_MODULE);
  PUT16(0); PUT16(4); PUT16(1); PUT16(0);           /* no locals, stack 4, line 1, no constants */
  PUT16(n); PUT16(0); for (i = 0; i < n; i++) PUT(code[i]);
  PUT16(0);                                         /* no line table */
  if (len > room) return 0;
  put_u32(out + 8, (uint32_t)len);
  crc = crc32(out + IMAGE_HEADER_SIZE, len - IMAGE_HEADER_SIZE);
  put_u32(out + 12, crc);
  return len;
}

/* ==== the target ========================================================================== */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  FILE *f = fopen(PROGRAM_PATH, "rb");
  (void)argc;
  (void)argv;
  if (f == NULL) {
    fprintf(stderr, "fuzz_debug: %s missing (make builds it from tests/debug_programs/fuzz)\n", PROGRAM_PATH);
    abort();
  }
  program_len = fread(program, 1, sizeof program, f);
  fclose(f);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static LinkServer ls;
  static VM vm;
  static uint8_t heap[128 * 1024], store_a[16384], store_b[16384], arena[8192];
  static const uint8_t breakpoints[] = {7, 0, 'm', 'a', 'i', 'n', '.', 'p', 'y', 4, 21, 0, 28, 0, 33, 0, 53, 0};
  uint8_t setup = size > 0 ? data[0] : 0, payload[LINK_MAX_PAYLOAD];
  size_t at = 1, hold[FUZZ_MAX_HOLDS];
  int nhold = 0, i;
  stream_len = 0;
  seq = 0;
  upload();
  if (setup & 0x01) {
    uint8_t flags = 0x01 | 0x02 | (setup & 0x08 ? 0x04 : 0);
    frame(FRAME_DEBUG_SET, &flags, 1, false);
    frame(FRAME_DEBUG_BREAKPOINTS, breakpoints, sizeof breakpoints, false);
  }
  if (setup & 0x02) frame(FRAME_RUN, NULL, 0, false);
  if (setup & 0x04) frame(FRAME_DEBUG_PAUSE, NULL, 0, false);
  while (at + 2 <= size) {
    uint8_t kind = data[at], len = data[at + 1], type = KINDS[(kind & 0x1f) % NKINDS];
    const uint8_t *p = data + at + 2;
    size_t n = size - at - 2 < len ? size - at - 2 : len;
    at += 2 + n;
    if (kind & 0x20) hold[nhold < FUZZ_MAX_HOLDS ? nhold++ : nhold - 1] = stream_len;
    if (type == FRAME_DEBUG_EVALUATE && (kind & 0x40) && n >= 3) {
      payload[0] = p[0];
      payload[1] = p[1];
      frame(type, payload, 2 + expression(p[2], payload + 2, sizeof payload - 2), kind & 0x80);
    } else {
      frame(type, p, n, kind & 0x80);
    }
  }
  if (getenv("FUZZ_DEBUG_STREAM") != NULL) {   /* the byte stream, as a seed for fuzz_link */
    FILE *f = fopen(getenv("FUZZ_DEBUG_STREAM"), "wb");
    if (f != NULL) {
      fwrite(stream, 1, stream_len, f);
      fclose(f);
    }
  }
  fuzz_port_set_input(stream, stream_len);
  for (i = 0; i < nhold; i++) fuzz_port_hold_at(hold[i]);
  link_init(&ls, &vm, heap, sizeof heap, store_a, store_b, sizeof store_a, "fuzz", "fuzz");
  link_set_arena(&ls, arena, sizeof arena);
  for (;;) {
    int r = link_service(&ls);
    if (r < 0) break;
    if (r == 0) fuzz_port_release();   /* held while no program runs: no stop will come */
  }
  return 0;
}
