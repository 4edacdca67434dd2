/* Program storage in a file (store_file.h). Layout: record 0, record 1, slot 0, slot 1.
 * Record: "VPST", generation, slot, length, image CRC, flags, 0, CRC of the first 28 bytes. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "crc32.h"
#include "store_file.h"

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* pwrite all of it, unless the test's crash budget runs out first. */
static bool write_at(StoreFile *s, int fd, const uint8_t *data, size_t len, off_t at) {
  if (s->crash_after >= 0 && (long)len > s->crash_after) {
    if (s->crash_after > 0 && pwrite(fd, data, (size_t)s->crash_after, at) < 0) return false;
    s->crash_after = 0;
    s->crashed = true;
    return false;
  }
  if (s->crash_after >= 0) s->crash_after -= (long)len;
  while (len > 0) {
    ssize_t n = pwrite(fd, data, len, at);
    if (n <= 0) return false;
    data += n;
    len -= (size_t)n;
    at += n;
  }
  return true;
}

bool store_open(StoreFile *s, const char *path, uint32_t cap) {
  int fd = open(path, O_RDWR | O_CREAT, 0644);
  if (fd < 0) return false;
  close(fd);
  s->path = path;
  s->cap = cap;
  s->generation = 0;
  s->slot = 1;   /* so the first commit writes slot 0 */
  s->crash_after = -1;
  s->crashed = false;
  return true;
}

static bool read_record(int fd, int which, uint8_t rec[STORE_RECORD_SIZE]) {
  if (pread(fd, rec, STORE_RECORD_SIZE, (off_t)which * STORE_RECORD_SIZE) != STORE_RECORD_SIZE) return false;
  return memcmp(rec, "VPST", 4) == 0 && get32(rec + 28) == crc32(rec, 28);
}

bool store_load(StoreFile *s, uint8_t *image, uint32_t *len, uint8_t *flags) {
  uint8_t rec[2][STORE_RECORD_SIZE];
  bool ok[2];
  int fd = open(s->path, O_RDONLY), pass, i;
  if (fd < 0) return false;
  ok[0] = read_record(fd, 0, rec[0]);
  ok[1] = read_record(fd, 1, rec[1]);
  /* newest first; fall back to the other when its slot does not match its CRC */
  for (pass = 0; pass < 2; pass++) {
    int best = -1;
    for (i = 0; i < 2; i++)
      if (ok[i] && (best < 0 || get32(rec[i] + 4) > get32(rec[best] + 4))) best = i;
    if (best < 0) break;
    ok[best] = false;
    {
      uint32_t slot = get32(rec[best] + 8), n = get32(rec[best] + 12);
      off_t at = STORE_HEADER_SIZE + (off_t)(slot & 1u) * s->cap;
      if (n > s->cap || pread(fd, image, n, at) != (ssize_t)n || crc32(image, n) != get32(rec[best] + 16)) continue;
      s->generation = get32(rec[best] + 4);
      s->slot = slot & 1u;
      *len = n;
      *flags = (uint8_t)get32(rec[best] + 20);
      close(fd);
      return true;
    }
  }
  close(fd);
  return false;
}

bool store_commit(void *store, const uint8_t *image, uint32_t len, uint32_t crc, uint8_t flags) {
  StoreFile *s = (StoreFile *)store;
  uint8_t rec[STORE_RECORD_SIZE];
  uint32_t gen = s->generation + 1, slot = s->slot ^ 1u;
  bool ok;
  int fd;
  if (len > s->cap) return false;
  fd = open(s->path, O_RDWR);
  if (fd < 0) return false;
  memset(rec, 0, sizeof rec);
  memcpy(rec, "VPST", 4);
  put32(rec + 4, gen);
  put32(rec + 8, slot);
  put32(rec + 12, len);
  put32(rec + 16, crc);
  put32(rec + 20, flags);
  put32(rec + 28, crc32(rec, 28));
  ok = write_at(s, fd, image, len, STORE_HEADER_SIZE + (off_t)slot * s->cap) && fsync(fd) == 0 &&
       write_at(s, fd, rec, sizeof rec, (off_t)(gen & 1u) * STORE_RECORD_SIZE) && fsync(fd) == 0;
  close(fd);
  if (ok) {
    s->generation = gen;
    s->slot = slot;
  }
  return ok;
}
