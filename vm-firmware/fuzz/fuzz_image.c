/* libFuzzer target: the image verifier and loader. Input byte 0 chooses whether the header's
 * CRC is recomputed first (so mutations reach the body instead of failing the CRC); an image
 * the verifier accepts is then loaded into a VM, which must not crash or fail the heap. */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "gen/image_format.h"
#include "loader.h"
#include "vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fix_crc(uint8_t *image, size_t len) {
  uint32_t crc = crc32(image + IMAGE_HEADER_SIZE, len - IMAGE_HEADER_SIZE);
  image[12] = (uint8_t)crc; image[13] = (uint8_t)(crc >> 8);
  image[14] = (uint8_t)(crc >> 16); image[15] = (uint8_t)(crc >> 24);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static uint8_t heap[256 * 1024];
  static VM vm;
  uint8_t *image;
  size_t len;
  if (size < 1) return 0;
  len = size - 1;
  image = (uint8_t *)malloc(len ? len : 1);   /* exactly len bytes: ASan sees any overread */
  if (image == NULL) return 0;
  memcpy(image, data + 1, len);
  if ((data[0] & 1) && len >= IMAGE_HEADER_SIZE) fix_crc(image, len);
  if (image_verify(image, len, heap, sizeof heap) == NULL) {
    if (vm_init(&vm, heap, sizeof heap, NULL, NULL)) (void)image_load(&vm, image, len);
  }
  free(image);
  return 0;
}
