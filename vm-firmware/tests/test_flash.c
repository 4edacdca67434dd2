/* Program storage in internal flash (core/flash_store.c) over each chip's simulated flash:
 * geometry, unaligned chunks, power cuts at every erase/program step, and uploads through the
 * link that survive a reset and run in place. */
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "flash_sim.h"
#include "flash_store.h"
#include "harness.h"
#include "link.h"

typedef struct StoreCase {
  const char *name;
  SimChip chip;
  FlashSlots slots;   /* what the board's viper_board.h names */
} StoreCase;

/* The boards' layouts (F401RE and F407: sectors 1-3 and 4; F072RB: its last 32 KB; SAM3X: the
 * last 128 KB of bank 1), slots in either order, and two equal 128 KB sectors. */
static const StoreCase cases[] = {
  {"STM32F401RE sectors 1-3 (48 KB) and 4 (64 KB)", SIM_STM32F401, {0x08004000u, 49152u, 0x08010000u, 65536u}},
  {"STM32F405 sectors 4 (64 KB) and 1-3 (48 KB)", SIM_STM32F405, {0x08010000u, 65536u, 0x08004000u, 49152u}},
  {"STM32F405 sectors 10 and 11 (2 x 128 KB)", SIM_STM32F405, {0x080C0000u, 131072u, 0x080E0000u, 131072u}},
  {"STM32F072RB last 32 KB (2 x 8 pages)", SIM_STM32F072, {0x08018000u, 16384u, 0x0801C000u, 16384u}},
  {"SAM3X8E bank 1, last 128 KB (2 x 256 pages)", SIM_SAM3X8E, {0x000E0000u, 65536u, 0x000F0000u, 65536u}},
};
#define NCASES (sizeof cases / sizeof cases[0])

static void fill(uint8_t *p, size_t n, uint32_t seed) {
  size_t i;
  for (i = 0; i < n; i++) { seed = seed * 1103515245u + 12345u; p[i] = (uint8_t)(seed >> 16); }
}

/* An upload as the link does it, in chunks of awkward lengths (none a multiple of 4). */
static bool store(FlashStore *fs, const uint8_t *img, uint32_t n, uint8_t flags) {
  static const uint32_t lengths[] = {1, 3, 250, 7, 301, 33, 2, 517};
  uint32_t off = 0, i = 0;
  const uint8_t *mapped;
  if (!flash_store_begin(fs, n)) return false;
  while (off < n) {
    uint32_t k = lengths[i++ % 8];
    if (k > n - off) k = n - off;
    if (!flash_store_write(fs, img + off, k)) return false;
    off += k;
  }
  mapped = flash_store_finish(fs);
  if (mapped == NULL || crc32(mapped, n) != crc32(img, n)) return false;
  return flash_store_commit(fs, n, crc32(img, n), flags);
}

static bool holds(FlashStore *fs, const uint8_t *img, uint32_t n) {
  const uint8_t *got;
  uint32_t len;
  uint8_t flags;
  return flash_store_load(fs, &got, &len, &flags) && len == n && memcmp(got, img, n) == 0;
}

static bool init(FlashStore *fs, const FlashSim *s, uint32_t a, uint32_t a_size, uint32_t b, uint32_t b_size) {
  FlashSlots slots = {a, a_size, b, b_size};
  return flash_store_init(fs, &s->dev, &slots);
}

static void test_geometry(void) {
  FlashSim s;
  FlashStore fs;
  flash_sim_init(&s, SIM_STM32F401);
  /* unequal slots: a program may have what the smaller holds; each record ends its slot */
  EXPECT(init(&fs, &s, 0x08004000u, 49152u, 0x08010000u, 65536u) && fs.cap == 49152u - FLASH_RECORD_SIZE);
  EXPECT(fs.record_at[0] == 49152u - FLASH_RECORD_SIZE && fs.record_at[1] == 65536u - FLASH_RECORD_SIZE);
  /* the sector numbers flash_stm32f4.c erases by (SNB): slot A's 1-3, slot B's 4 */
  EXPECT(flash_block_index(&s.dev, 0x08004000u) == 1 && flash_block_index(&s.dev, 0x0800C000u) == 3);
  EXPECT(flash_block_index(&s.dev, 0x08010000u) == 4 && flash_block_index(&s.dev, 0x08020000u) == 5);
  EXPECT(flash_block_index(&s.dev, 0x08010004u) == -1);
  EXPECT(init(&fs, &s, 0x08010000u, 65536u, 0x08004000u, 49152u) && fs.cap == 49152u - FLASH_RECORD_SIZE);
  EXPECT(init(&fs, &s, 0x08004000u, 16384u, 0x08008000u, 16384u) && fs.cap == 16384u - FLASH_RECORD_SIZE);
  EXPECT(!init(&fs, &s, 0x08004000u, 49152u, 0x08010000u, 32768u));    /* half of sector 4 */
  EXPECT(!init(&fs, &s, 0x08004000u, 32768u, 0x08008000u, 16384u));    /* they overlap (sector 2) */
  EXPECT(!init(&fs, &s, 0x08010000u, 65536u, 0x08004000u, 65536u));    /* they overlap (sector 4) */
  EXPECT(!init(&fs, &s, 0x08004000u, 16384u, 0x08004000u, 16384u));    /* the same sector twice */
  EXPECT(!init(&fs, &s, 0x08004100u, 16384u, 0x08008000u, 16384u));    /* not a sector start */
  EXPECT(!init(&fs, &s, 0x08004000u, 0u, 0x08008000u, 16384u));        /* an empty slot */
  EXPECT(!init(&fs, &s, 0x08060000u, 131072u, 0x08080000u, 131072u));  /* past the 512 KB */
  EXPECT(init(&fs, &s, 0x08020000u, 131072u, 0x08040000u, 131072u));   /* sectors 5 and 6 */
  EXPECT(!flash_store_load(&fs, &(const uint8_t *){NULL}, &(uint32_t){0}, &(uint8_t){0}));   /* erased: none */
  EXPECT(!flash_store_begin(&fs, fs.cap + 1));
  flash_sim_free(&s);
  flash_sim_init(&s, SIM_SAM3X8E);
  EXPECT(init(&fs, &s, 0xE0000u, 65536u, 0xF0000u, 65536u) && fs.cap == 65536u - 256u);   /* the record: a page */
  EXPECT(!init(&fs, &s, 0xF0000u, 65536u, 0x100000u, 256u));   /* past the end of bank 1 */
  flash_sim_free(&s);
  flash_sim_init(&s, SIM_STM32F072);
  EXPECT(init(&fs, &s, 0x08018000u, 16384u, 0x0801C000u, 16384u) && fs.cap == 16384u - FLASH_RECORD_SIZE);
  EXPECT(!init(&fs, &s, 0x08018000u, 1536u, 0x08018800u, 1536u));    /* 0.75 of a page a slot */
  flash_sim_free(&s);
}

static void test_commits_and_reboots(void) {
  size_t c;
  for (c = 0; c < NCASES; c++) {
    FlashSim s;
    FlashStore fs, again;
    uint8_t *img = malloc(cases[c].slots.a_size + cases[c].slots.b_size);
    uint32_t n, round;
    flash_sim_init(&s, cases[c].chip);
    EXPECT(flash_store_init(&fs, &s.dev, &cases[c].slots));
    for (round = 0; round < 5; round++) {
      n = 1 + round * 3001u;   /* 1, 3002, ... : odd and even lengths */
      fill(img, n, round);
      EXPECT(store(&fs, img, n, (uint8_t)(round & 1)));
      EXPECT(flash_store_init(&again, &s.dev, &cases[c].slots));   /* reboot */
      EXPECT(holds(&again, img, n) && again.active == (int)(round & 1) && again.sequence == round + 1);
    }
    for (round = 0; round < 2; round++) {   /* a full program in each slot */
      fill(img, fs.cap, 99 + round);
      EXPECT(store(&fs, img, fs.cap, 0) && fs.active == 1 - (int)round);   /* five rounds left slot 0 */
      EXPECT(flash_store_init(&again, &s.dev, &cases[c].slots) && holds(&again, img, fs.cap));
    }
    if (s.errors != 0) fprintf(stderr, "    %s: %u refused operations\n", cases[c].name, s.errors);
    EXPECT(s.errors == 0);
    /* nothing outside the store's range was touched */
    {
      const FlashSlots *k = &cases[c].slots;
      uint32_t i, a = k->a_start - s.dev.base, b = k->b_start - s.dev.base;
      for (i = 0; i < s.size; i++)
        if ((i - a >= k->a_size && i - b >= k->b_size) && s.mem[i] != 0xFF) { EXPECT(!"written outside the slots"); break; }
    }
    free(img);
    flash_sim_free(&s);
  }
}

/* Commit a then b, then cut the power at every step of committing c: after the reboot the
 * store holds b (every cut before the last step) or c (no cut), byte for byte, and takes a
 * further upload. A cut during the last step (the record's last unit; on a SAM3X the whole
 * record page) may leave either: what it left of the record may be all of it. first: the same
 * on an erased flash (nothing or a). */
static void cut_everywhere(const StoreCase *k, bool first) {
  FlashSim s;
  FlashStore fs;
  uint8_t a[3000], b[5000], c[4001], d[777];
  unsigned long total, cut;
  unsigned olds = 0, news = 0;
  unsigned long first_new = ~0ul;
  bool struck;
  fill(a, sizeof a, 1); fill(b, sizeof b, 2); fill(c, sizeof c, 3); fill(d, sizeof d, 4);
  flash_sim_init(&s, k->chip);
  for (cut = 0;; cut++) {
    memset(s.mem, 0xFF, s.size);
    flash_sim_power_on(&s);
    flash_store_init(&fs, &s.dev, &k->slots);
    if (!first) { EXPECT(store(&fs, a, sizeof a, 0)); EXPECT(store(&fs, b, sizeof b, 1)); }
    s.steps = 0;
    s.steps_left = (long)cut;
    store(&fs, c, sizeof c, 0);
    total = s.steps;
    struck = s.dead;
    flash_sim_power_on(&s);   /* reboot */
    EXPECT(flash_store_init(&fs, &s.dev, &k->slots));
    if (holds(&fs, c, sizeof c)) { news++; if (first_new == ~0ul) first_new = cut; }
    else if (first ? !flash_store_load(&fs, &(const uint8_t *){NULL}, &(uint32_t){0}, &(uint8_t){0})
                   : holds(&fs, b, sizeof b)) olds++;
    else { fprintf(stderr, "    %s: cut at step %lu: a mixture\n", k->name, cut); EXPECT(!"old or new"); break; }
    EXPECT(store(&fs, d, sizeof d, 0));   /* the store goes on working */
    EXPECT(flash_store_init(&fs, &s.dev, &k->slots) && holds(&fs, d, sizeof d));
    if (!struck) break;   /* the cut came after the last step: complete */
  }
  /* the new program shows only once its record's last step began */
  EXPECT(first_new + 1 >= total && olds + news == total + 1 && olds + 1 >= total);
  if (first_new + 1 < total || olds + 1 < total) fprintf(stderr, "    %s: %u old, %u new of %lu steps\n", k->name, olds, news, total);
  EXPECT(s.errors == 0);
  flash_sim_free(&s);
}

static void test_power_cuts(void) {
  size_t c;
  for (c = 0; c < NCASES; c++) {
    cut_everywhere(&cases[c], false);
    cut_everywhere(&cases[c], true);
  }
}

/* ---- through the link ------------------------------------------------------------------ */

typedef struct { uint8_t type, seq; uint8_t payload[LINK_MAX_PAYLOAD]; size_t len; } Got;

static LinkServer link;
static VM vm;
static uint8_t heap[64 * 1024];
static Got got[64];
static int ngot;
static size_t out_seen;

static void send(uint8_t type, uint8_t seq, const uint8_t *payload, size_t len) {
  uint8_t wire[LINK_MAX_WIRE];
  fake_link_push_input(wire, link_encode_frame(type, seq, payload, len, wire));
}

static void pump(void) {
  LinkReceiver *rx = calloc(1, sizeof *rx);
  size_t len, i;
  const uint8_t *out;
  while (link_service(&link) > 0) {}
  out = fake_link_output(&len);
  for (ngot = 0, i = out_seen; i < len; i++) {
    uint8_t t, q;
    const uint8_t *p;
    long n = link_receive_byte(rx, out[i], &t, &q, &p);
    if (n >= 0 && ngot < 64) {
      got[ngot].type = t; got[ngot].seq = q; got[ngot].len = (size_t)n;
      memcpy(got[ngot].payload, p, (size_t)n);
      ngot++;
    }
  }
  out_seen = len;
  free(rx);
}

/* A board's boot: the store's records read, the program in force installed in place. */
static void boot(FlashStore *fs, FlashSim *s, LinkStorage *storage) {
  const uint8_t *img;
  uint32_t len;
  uint8_t flags;
  size_t n;
  fake_link_reset();
  fake_link_output(&n);
  out_seen = 0;
  EXPECT(init(fs, s, 0x08004000u, 49152u, 0x08010000u, 65536u));   /* nucleo_f401re's */
  link_init(&link, &vm, heap, sizeof heap, NULL, NULL, fs->cap, "virtual", "host");
  flash_store_link(fs, storage);
  link_set_storage(&link, storage);
  if (flash_store_load(fs, &img, &len, &flags)) EXPECT(link_set_program(&link, img, len, flags));
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

/* UPLOAD_BEGIN (run at boot), chunks of 37 bytes (the third sent twice: its ACK "lost"), END. */
static void upload(const uint8_t *img, size_t n, uint8_t *seq, bool end) {
  uint8_t p[4 + 64];
  size_t off;
  int i = 0;
  put32(p, (uint32_t)n);
  put32(p + 4, crc32(img, n));
  p[8] = PROGRAM_FLAG_RUN_AT_BOOT;
  send(FRAME_UPLOAD_BEGIN, (*seq)++, p, 9);
  for (off = 0; off < n; off += 37, i++) {
    size_t k = n - off < 37 ? n - off : 37;
    put32(p, (uint32_t)off);
    memcpy(p + 4, img + off, k);
    send(FRAME_UPLOAD_CHUNK, *seq, p, 4 + k);
    if (i == 2) send(FRAME_UPLOAD_CHUNK, *seq, p, 4 + k);
    (*seq)++;
  }
  if (end) send(FRAME_UPLOAD_END, (*seq)++, NULL, 0);
}

static bool printed(const char *text) {
  int i;
  for (i = 0; i < ngot; i++)
    if (got[i].type == FRAME_STDOUT && got[i].len == strlen(text) && memcmp(got[i].payload, text, got[i].len) == 0)
      return true;
  return false;
}

static void test_link_upload_reset_run(void) {
  FlashSim s;
  FlashStore fs;
  LinkStorage storage;
  uint8_t one[512], two[512], seq = 0;
  size_t n1 = build_hello(one, sizeof one, "first"), n2 = build_hello(two, sizeof two, "second");
  unsigned long steps;
  flash_sim_init(&s, SIM_STM32F401);
  boot(&fs, &s, &storage);
  EXPECT(!link_boot(&link));   /* nothing stored */
  upload(one, n1, &seq, true);
  pump();
  EXPECT(ngot > 0 && got[ngot - 1].type == FRAME_ACK);
  steps = s.steps;
  boot(&fs, &s, &storage);   /* reset */
  EXPECT(link.store == s.mem + 0x4000);   /* in place: slot 0, sector 1 */
  EXPECT(link_boot(&link));
  pump();
  EXPECT(printed("first 3\n") && got[ngot - 1].type == FRAME_DONE && got[ngot - 1].payload[0] == DONE_OK);
  /* an upload cut off midway (the link closed): the first program stays */
  upload(two, n2, &seq, false);
  pump();
  boot(&fs, &s, &storage);
  EXPECT(link_boot(&link));
  pump();
  EXPECT(printed("first 3\n"));
  upload(two, n2, &seq, true);
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  EXPECT(printed("second 3\n"));
  boot(&fs, &s, &storage);
  EXPECT(link.store == s.mem + 0x10000 && link_boot(&link));   /* slot 1, sector 4 */
  pump();
  EXPECT(printed("second 3\n"));
  /* the resent third chunk was ACKed, not appended again: the programs above ran (their CRCs held) */
  EXPECT(steps > 0 && s.errors == 0);
  flash_sim_free(&s);
}

static void test_link_storage_failure(void) {
  FlashSim s;
  FlashStore fs;
  LinkStorage storage;
  uint8_t one[512], two[512], seq = 0;
  size_t n1 = build_hello(one, sizeof one, "kept"), n2 = build_hello(two, sizeof two, "lost");
  flash_sim_init(&s, SIM_STM32F401);
  boot(&fs, &s, &storage);
  upload(one, n1, &seq, true);
  pump();
  s.steps_left = 5;   /* the chip fails during the next upload's chunks */
  upload(two, n2, &seq, true);
  pump();
  {
    int i, storage_errors = 0;   /* the chunk that failed; the later ones find no upload */
    for (i = 0; i < ngot; i++)
      if (got[i].type == FRAME_ERROR && (got[i].payload[0] | (got[i].payload[1] << 8)) == LINK_ERR_STORAGE) storage_errors++;
    EXPECT(storage_errors == 1 && got[ngot - 1].type == FRAME_ERROR);
  }
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  EXPECT(printed("kept 3\n"));
  flash_sim_power_on(&s);
  boot(&fs, &s, &storage);
  EXPECT(link_boot(&link));
  pump();
  EXPECT(printed("kept 3\n"));
  flash_sim_free(&s);
}

/* The erase at UPLOAD_BEGIN may outlast the host's wait (a 64 KB sector: ~0.55 s, 1.1 s at
 * most): the host sends it again with the same sequence number. The second is ACKed without a
 * second erase; a new BEGIN (another sequence number) erases again. */
static void test_link_resent_begin(void) {
  FlashSim s;
  FlashStore fs;
  LinkStorage storage;
  uint8_t one[512], p[9], seq = 7;
  size_t n1 = build_hello(one, sizeof one, "once");
  unsigned long after_first;
  flash_sim_init(&s, SIM_STM32F401);
  boot(&fs, &s, &storage);
  put32(p, (uint32_t)n1);
  put32(p + 4, crc32(one, n1));
  p[8] = 0;
  send(FRAME_UPLOAD_BEGIN, seq, p, 9);
  pump();
  EXPECT(ngot == 1 && got[0].type == FRAME_ACK && got[0].seq == seq);
  after_first = s.steps;
  EXPECT(after_first == 3);   /* slot A: sectors 3 (its record), 1, 2 */
  send(FRAME_UPLOAD_BEGIN, seq, p, 9);   /* resent */
  pump();
  EXPECT(ngot == 1 && got[0].type == FRAME_ACK && got[0].seq == seq && s.steps == after_first);
  seq++;
  upload(one, n1, &seq, true);   /* a new upload: its own BEGIN erases again, then it commits */
  pump();
  EXPECT(s.steps > after_first + 3 && got[ngot - 1].type == FRAME_ACK);
  send(FRAME_RUN, seq++, NULL, 0);
  pump();
  EXPECT(printed("once 3\n") && s.errors == 0);
  flash_sim_free(&s);
}

void tests_flash(void);
void tests_flash(void) {
  run_test("flash store: slots of any sizes, each whole erase blocks of the chip, apart", test_geometry);
  run_test("flash store: F405, F401, F072, SAM3X: commits in odd chunks, reboots, a full program in each slot", test_commits_and_reboots);
  run_test("flash store: power cut at every erase/program step: old or new, never a mixture", test_power_cuts);
  run_test("flash store via link: upload, reset, boot in place; interrupted upload keeps the old", test_link_upload_reset_run);
  run_test("flash store via link: a chip failure mid-upload is STORAGE, the old program stays", test_link_storage_failure);
  run_test("flash store via link: a resent UPLOAD_BEGIN is ACKed again without a second erase", test_link_resent_begin);
}
