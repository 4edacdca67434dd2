/* The verifier: truncation, flipped bytes, and well-formed CRCs over bad contents. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "loader.h"

static uint8_t scratch[1 << 16];

static const char *verify(const uint8_t *img, size_t len) { return image_verify(img, len, scratch, sizeof scratch); }

static void test_hello_verifies(void) {
  uint8_t img[512];
  size_t n = build_hello(img, sizeof img, "hello");
  const char *why = verify(img, n);
  EXPECT(n > 0);
  if (why) fprintf(stderr, "    %s\n", why);
  EXPECT(why == NULL);
}

static void test_truncated(void) {
  uint8_t img[512];
  size_t n = build_hello(img, sizeof img, "hello"), k;
  for (k = 0; k < n; k++) {
    uint8_t *copy = malloc(k ? k : 1);   /* exact size: ASan sees any over-read */
    memcpy(copy, img, k);
    EXPECT(verify(copy, k) != NULL);
    free(copy);
  }
}

static void test_flipped_bytes(void) {
  uint8_t img[512];
  size_t n = build_hello(img, sizeof img, "hello"), k;
  int bit;
  for (k = 0; k < n; k++) {
    for (bit = 0; bit < 8; bit++) {
      uint8_t *copy = malloc(n);
      memcpy(copy, img, n);
      copy[k] ^= (uint8_t)(1u << bit);
      EXPECT(verify(copy, n) != NULL);
      free(copy);
    }
  }
}

/* A module whose code is given; names: print, <module>, main.py, __main__. */
static size_t module_with(uint8_t *img, size_t cap, const uint8_t *code, size_t len, uint16_t stack,
                          const uint8_t *consts, size_t consts_len, uint16_t nconsts) {
  static const char *const names[] = {"print", "<module>", "main.py", "__main__"};
  TestCode c;
  memset(&c, 0, sizeof c);
  c.name = 1; c.stacksize = stack; c.first_line = 1;
  c.consts = consts; c.consts_len = consts_len; c.nconsts = nconsts;
  c.code = code; c.code_len = len;
  return build_image(img, cap, names, 4, 3, 2, &c, 1);
}

static void test_bad_contents_with_good_crc(void) {
  uint8_t img[512];
  size_t n;
  static const uint8_t none_const[] = {CONST_NONE};
  static const uint8_t bad_const[] = {OP_LOAD_CONST, U16(1), OP_RETURN_VALUE};
  static const uint8_t bad_name[] = {OP_LOAD_NAME, U16(4), OP_RETURN_VALUE};
  static const uint8_t mid_jump[] = {OP_JUMP, U16(1), OP_LOAD_SMALL_INT, U16(0), OP_RETURN_VALUE};
  static const uint8_t out_jump[] = {OP_JUMP, U16(100), OP_LOAD_NONE, OP_RETURN_VALUE};
  static const uint8_t back_jump[] = {OP_JUMP, U16(0xFFF0), OP_LOAD_NONE, OP_RETURN_VALUE};
  static const uint8_t bad_op[] = {200, OP_LOAD_NONE, OP_RETURN_VALUE};
  static const uint8_t underflow[] = {OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE};
  static const uint8_t overflow[] = {OP_LOAD_NONE, OP_LOAD_NONE, OP_POP_TOP, OP_RETURN_VALUE};
  static const uint8_t falls_off[] = {OP_LOAD_NONE, OP_POP_TOP};
  static const uint8_t cut_operand[] = {OP_LOAD_NONE, OP_RETURN_VALUE, OP_LOAD_CONST, 0};
  static const uint8_t bad_binop[] = {OP_LOAD_NONE, OP_LOAD_NONE, OP_BINARY_OP, 0x0F, OP_RETURN_VALUE};
  static const uint8_t bad_fn[] = {OP_MAKE_FUNCTION, U16(1), OP_RETURN_VALUE};
  static const uint8_t uneven[] = {OP_LOAD_NONE, OP_POP_JUMP_IF_TRUE, U16(1), OP_LOAD_NONE,
                                   OP_LOAD_NONE, OP_RETURN_VALUE};
  static const uint8_t good[] = {OP_LOAD_CONST, U16(0), OP_RETURN_VALUE};

  n = module_with(img, sizeof img, good, sizeof good, 1, none_const, 1, 1);
  EXPECT(verify(img, n) == NULL);
#define REJECT(code, stack) \
  n = module_with(img, sizeof img, code, sizeof code, stack, none_const, 1, 1); \
  EXPECT(n > 0 && verify(img, n) != NULL)
  REJECT(bad_const, 1);
  REJECT(bad_name, 1);
  REJECT(mid_jump, 1);
  REJECT(out_jump, 1);
  REJECT(back_jump, 1);
  REJECT(bad_op, 1);
  REJECT(underflow, 1);
  REJECT(overflow, 1);
  REJECT(falls_off, 1);
  REJECT(cut_operand, 1);
  REJECT(bad_binop, 2);
  REJECT(bad_fn, 1);
  REJECT(uneven, 3);
#undef REJECT
  /* Wrong length field with a correct CRC. */
  n = module_with(img, sizeof img, good, sizeof good, 1, none_const, 1, 1);
  EXPECT(verify(img, n - 1) != NULL);
  img[8]++;
  EXPECT(verify(img, n) != NULL);
}

void tests_loader(void);
void tests_loader(void) {
  run_test("loader: hand-built image verifies", test_hello_verifies);
  run_test("loader: every truncation is rejected", test_truncated);
  run_test("loader: every single-bit flip is rejected", test_flipped_bytes);
  run_test("loader: bad indexes, jumps, opcodes, stack depth rejected despite a good CRC", test_bad_contents_with_good_crc);
}
