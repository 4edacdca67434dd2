/* The posix port's program storage file: a power cut at any byte of a commit leaves the
 * previous program or the new one, never a mixture. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crc32.h"
#include "harness.h"
#include "store_file.h"

#define CAP 600

static void fill(uint8_t *p, size_t n, uint8_t seed) {
  size_t i;
  for (i = 0; i < n; i++) p[i] = (uint8_t)(seed + i * 7);
}

static void test_commit_and_reload(void) {
  char path[] = "/tmp/viper-store-XXXXXX";
  int fd = mkstemp(path);
  StoreFile s, t;
  uint8_t a[CAP], got[CAP];
  uint32_t len;
  uint8_t flags;
  close(fd);
  fill(a, 500, 1);
  EXPECT(store_open(&s, path, CAP));
  EXPECT(!store_load(&s, got, &len, &flags));   /* empty file: no program */
  EXPECT(store_commit(&s, a, 500, crc32(a, 500), 1));
  EXPECT(store_open(&t, path, CAP));
  EXPECT(store_load(&t, got, &len, &flags) && len == 500 && flags == 1 && memcmp(got, a, 500) == 0);
  unlink(path);
}

static void test_power_cut_at_every_byte(void) {
  char path[] = "/tmp/viper-store-XXXXXX";
  int fd = mkstemp(path);
  uint8_t a[CAP], b[CAP], got[CAP];
  long cut, total = 400 + STORE_RECORD_SIZE;   /* bytes the third commit writes */
  int olds = 0, news = 0;
  close(fd);
  fill(a, 400, 3);
  fill(b, 550, 9);
  for (cut = 0; cut <= total; cut++) {
    StoreFile s;
    uint32_t len = 0;
    uint8_t flags;
    unlink(path);
    store_open(&s, path, CAP);
    store_commit(&s, a, 400, crc32(a, 400), 0);        /* the program in force */
    store_commit(&s, b, 550, crc32(b, 550), 0);        /* and a newer one over it */
    s.crash_after = cut;
    store_commit(&s, a, 400, crc32(a, 400), 0);        /* cut short after `cut` bytes */
    store_open(&s, path, CAP);
    EXPECT(store_load(&s, got, &len, &flags));
    if (len == 550 && memcmp(got, b, 550) == 0) olds++;
    else if (len == 400 && memcmp(got, a, 400) == 0) news++;
    else { EXPECT(!"a mixture"); break; }
  }
  EXPECT(olds == total && news == 1);   /* only the complete commit shows the new one */
  unlink(path);
}

void tests_store(void);
void tests_store(void) {
  run_test("store file: commit and reload", test_commit_and_reload);
  run_test("store file: power cut at every byte of a commit: old or new, never a mixture", test_power_cut_at_every_byte);
}
