/* The C tests' tiny harness, fake port and image builder. */
#ifndef VIPER_TEST_HARNESS_H
#define VIPER_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bytecode.h"
#include "gen/image_format.h"

extern int test_failures_in_current;
extern const char *vectors_path;

#define EXPECT(cond) do { if (!(cond)) { \
  fprintf(stderr, "    %s:%d: expected %s\n", __FILE__, __LINE__, #cond); test_failures_in_current++; } } while (0)
#define EXPECT_STR(got, want) do { const char *g_ = (got), *w_ = (want); if (strcmp(g_, w_) != 0) { \
  fprintf(stderr, "    %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); test_failures_in_current++; } } while (0)

typedef void (*TestFn)(void);
void run_test(const char *name, TestFn fn);

/* ---- fake port ----------------------------------------------------------------------------- */
void fake_link_reset(void);
void fake_link_push_input(const uint8_t *data, size_t len);  /* bytes the "host" sends */
const uint8_t *fake_link_output(size_t *len);                /* bytes the VM sent */
void fake_link_set_eof(int eof);
void fake_link_set_host(void (*fn)(void));                   /* answers the VM when input runs out */
extern char fake_console[65536];
extern size_t fake_console_len;

/* ---- image builder ------------------------------------------------------------------------- */
typedef struct TestCode {
  uint16_t name;
  uint8_t argcount;
  uint16_t nlocals;
  const uint16_t *locals;
  uint16_t stacksize, first_line, nconsts;
  const uint8_t *consts;      /* serialised constants */
  size_t consts_len;
  const uint8_t *code;
  size_t code_len;
  const uint8_t *lines;
  size_t lines_len;
} TestCode;

/* One module named names[module_name] in file names[file_name], body = codes[0].
 * Returns the image length. */
size_t build_image(uint8_t *out, size_t cap, const char *const *names, int nnames, uint16_t module_name,
                   uint16_t file_name, const TestCode *codes, int ncodes);
/* Recompute the header CRC after a test edited an image. */
void fix_crc(uint8_t *image, size_t len);

/* A module that prints "hello 3" (print("hello", 1 + 2)). */
size_t build_hello(uint8_t *out, size_t cap, const char *text);

#define U16(x) (uint8_t)((x) & 0xFF), (uint8_t)(((unsigned)(x) >> 8) & 0xFF)

#endif
