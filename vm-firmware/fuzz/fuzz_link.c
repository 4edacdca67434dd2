/* libFuzzer target: the whole link server. The input is the byte stream a host sends; the
 * server answers it (HELLO, uploads, RUN, EXEC, STDIN, STOP, ...) until the stream ends. A
 * program started by RUN or EXEC stops when the input runs out (the link closes). Seeds are
 * recorded sessions of the jest tests' host (fuzz/corpus/link). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_port.h"
#include "link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static LinkServer ls;
  static VM vm;
  static uint8_t heap[128 * 1024], store_a[8192], store_b[8192], arena[8192];
  fuzz_port_set_input(data, size);
  link_init(&ls, &vm, heap, sizeof heap, store_a, store_b, sizeof store_a, "fuzz", "fuzz");
  link_set_arena(&ls, arena, sizeof arena);
  while (link_service(&ls) >= 0) {}
  return 0;
}
