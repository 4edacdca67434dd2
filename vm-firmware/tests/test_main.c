/* Runs every C test; one line per test, then "C tests: N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "harness.h"

int test_failures_in_current;
const char *vectors_path = "../tests/vectors/link-frames.txt";
static int passed, failed;

void run_test(const char *name, TestFn fn) {
  test_failures_in_current = 0;
  fn();
  if (test_failures_in_current == 0) { passed++; printf("ok   %s\n", name); }
  else { failed++; printf("FAIL %s\n", name); }
  fflush(stdout);
}

void tests_codec(void);
void tests_interp(void);
void tests_loader(void);
void tests_link(void);
void tests_flash(void);
void tests_link_tx(void);
void tests_debug(void);
void tests_debug_inspect(void);

int main(int argc, char **argv) {
  if (argc > 1) vectors_path = argv[1];
  tests_codec();
  tests_loader();
  tests_interp();
  tests_link();
  tests_flash();
  tests_link_tx();
  tests_debug();
  tests_debug_inspect();
  printf("C tests: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
