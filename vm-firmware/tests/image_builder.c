/* Builds images by hand for the tests (the format of docs/image-format.md). */
#include <string.h>

#include "crc32.h"
#include "harness.h"

typedef struct Out { uint8_t *p; size_t len, cap; } Out;

static void put(Out *o, const void *data, size_t n) {
  if (n > 0 && o->len + n <= o->cap) memcpy(o->p + o->len, data, n);
  o->len += n;
}
static void put8(Out *o, unsigned v) { uint8_t b = (uint8_t)v; put(o, &b, 1); }
static void put16(Out *o, unsigned v) { put8(o, v & 0xFF); put8(o, (v >> 8) & 0xFF); }
static void put32(Out *o, uint32_t v) { put16(o, v & 0xFFFF); put16(o, v >> 16); }

void fix_crc(uint8_t *image, size_t len) {
  uint32_t crc = crc32(image + IMAGE_HEADER_SIZE, len - IMAGE_HEADER_SIZE);
  image[12] = (uint8_t)crc; image[13] = (uint8_t)(crc >> 8);
  image[14] = (uint8_t)(crc >> 16); image[15] = (uint8_t)(crc >> 24);
}

size_t build_image(uint8_t *out, size_t cap, const char *const *names, int nnames, uint16_t module_name,
                   uint16_t file_name, const TestCode *codes, int ncodes) {
  Out o;
  int i, k;
  o.p = out; o.len = 0; o.cap = cap;
  put8(&o, IMAGE_MAGIC_0); put8(&o, IMAGE_MAGIC_1); put8(&o, IMAGE_MAGIC_2); put8(&o, IMAGE_MAGIC_3);
  put16(&o, IMAGE_FORMAT_VERSION); put16(&o, 0); put32(&o, 0); put32(&o, 0);
  put16(&o, (unsigned)nnames);
  for (i = 0; i < nnames; i++) { put16(&o, (unsigned)strlen(names[i])); put(&o, names[i], strlen(names[i])); }
  put16(&o, 1);
  put16(&o, module_name); put16(&o, file_name); put16(&o, 0);
  put16(&o, (unsigned)ncodes);
  for (i = 0; i < ncodes; i++) {
    const TestCode *c = &codes[i];
    put16(&o, c->name); put16(&o, c->name); put8(&o, c->argcount); put8(&o, 0); put8(&o, 0);
    put8(&o, i == 0 ? CODE_FLAG_MODULE : 0);
    put16(&o, c->nlocals);
    for (k = 0; k < c->nlocals; k++) put16(&o, c->locals[k]);
    put16(&o, c->stacksize); put16(&o, c->first_line);
    put16(&o, c->nconsts); put(&o, c->consts, c->consts_len);
    put32(&o, (uint32_t)c->code_len); put(&o, c->code, c->code_len);
    put16(&o, (unsigned)c->lines_len); put(&o, c->lines, c->lines_len);
  }
  if (o.len > cap) return 0;
  out[8] = (uint8_t)o.len; out[9] = (uint8_t)(o.len >> 8);
  out[10] = (uint8_t)(o.len >> 16); out[11] = (uint8_t)(o.len >> 24);
  fix_crc(out, o.len);
  return o.len;
}

size_t build_hello(uint8_t *out, size_t cap, const char *text) {
  static const char *const names[] = {"print", "<module>", "main.py", "__main__"};
  uint8_t consts[64];
  size_t n = strlen(text);
  static const uint8_t code[] = {
    OP_LOAD_NAME, U16(0), OP_LOAD_CONST, U16(0), OP_LOAD_SMALL_INT, U16(1), OP_LOAD_SMALL_INT, U16(2),
    OP_BINARY_OP, BINOP_ADD, OP_CALL, 2, OP_POP_TOP, OP_LOAD_NONE, OP_RETURN_VALUE,
  };
  TestCode c;
  consts[0] = CONST_STR;
  consts[1] = (uint8_t)n; consts[2] = 0; consts[3] = 0; consts[4] = 0;
  memcpy(consts + 5, text, n);
  memset(&c, 0, sizeof c);
  c.name = 1; c.stacksize = 4; c.first_line = 1; c.nconsts = 1;
  c.consts = consts; c.consts_len = 5 + n;
  c.code = code; c.code_len = sizeof code;
  return build_image(out, cap, names, 4, 3, 2, &c, 1);
}
