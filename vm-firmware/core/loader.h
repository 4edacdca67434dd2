/* Images: verification (before anything runs) and loading into a VM. */
#ifndef VIPER_LOADER_H
#define VIPER_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* Check everything about an image: header (magic, version, length, CRC), every table and
 * index, every instruction and jump target, and the operand stack depth along every path.
 * scratch (2 bytes per byte of the largest code object) is working memory; the VM heap will
 * do when no program runs. Returns NULL when the image is good, else the reason. */
const char *image_verify(const uint8_t *image, size_t len, void *scratch, size_t scratch_size);

/* Read a verified image into vm (names interned, constants made, code objects created).
 * False with vm->exc set when the heap is too small or a constant cannot be represented. */
bool image_load(VM *vm, const uint8_t *image, size_t len);

#endif
