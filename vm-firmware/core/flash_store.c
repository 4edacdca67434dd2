/* Program storage in internal flash (flash_store.h). Record, at the end of each slot:
 * "VPFS", sequence, image length, image CRC, flags, 0, 0, CRC of the first 28 bytes. */
#include <string.h>

#include "crc32.h"
#include "flash_store.h"

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

bool flash_block_at(const FlashDevice *dev, uint32_t addr, uint32_t *start, uint32_t *size) {
  uint32_t at = dev->base, r, i;
  if (addr < dev->base) return false;
  for (r = 0; r < dev->region_count; r++)
    for (i = 0; i < dev->regions[r].count; i++, at += dev->regions[r].size)
      if (addr - at < dev->regions[r].size) { *start = at; *size = dev->regions[r].size; return true; }
  return false;
}

int flash_block_index(const FlashDevice *dev, uint32_t addr) {
  uint32_t at = dev->base, r, i;
  int index = 0;
  for (r = 0; r < dev->region_count; r++)
    for (i = 0; i < dev->regions[r].count; i++, at += dev->regions[r].size, index++)
      if (at == addr) return index;
  return -1;
}

static const uint8_t *mapped(const FlashStore *fs, uint32_t addr) {
  return fs->dev->map + (addr - fs->dev->base);
}

/* Is [start, start + size) whole blocks? */
static bool whole_blocks(const FlashDevice *dev, uint32_t start, uint32_t size) {
  uint32_t at = start, b, n;
  while (at - start < size) {
    if (!flash_block_at(dev, at, &b, &n) || b != at) return false;
    at += n;
  }
  return at - start == size;
}

/* The slot's record when it is intact and its image matches its CRC; else NULL. */
static const uint8_t *valid_record(const FlashStore *fs, int slot) {
  const uint8_t *rec = mapped(fs, fs->slot[slot] + fs->record_at[slot]);
  uint32_t len = get32(rec + 8);
  if (memcmp(rec, "VPFS", 4) != 0 || get32(rec + 28) != crc32(rec, 28)) return NULL;
  if (len > fs->cap || crc32(mapped(fs, fs->slot[slot]), len) != get32(rec + 12)) return NULL;
  return rec;
}

bool flash_store_init(FlashStore *fs, const FlashDevice *dev, const FlashSlots *slots) {
  uint32_t unit = dev->unit, rec_area, a = slots->a_start, b = slots->b_start;
  uint32_t a_size = slots->a_size, b_size = slots->b_size, smaller;
  int i;
  if (unit == 0 || unit > FLASH_MAX_UNIT || (unit & (unit - 1)) != 0 ||
      !whole_blocks(dev, a, a_size) || !whole_blocks(dev, b, b_size) ||
      (a < b ? b - a < a_size : a - b < b_size))   /* they overlap */
    return false;
  rec_area = (FLASH_RECORD_SIZE + unit - 1) / unit * unit;
  smaller = a_size < b_size ? a_size : b_size;
  if (smaller <= rec_area) return false;
  memset(fs, 0, sizeof *fs);
  fs->dev = dev;
  fs->slot[0] = a;
  fs->slot[1] = b;
  fs->record_at[0] = a_size - rec_area;
  fs->record_at[1] = b_size - rec_area;
  fs->record_area = rec_area;
  fs->cap = smaller - rec_area;
  fs->active = -1;
  fs->target = -1;
  for (i = 0; i < 2; i++) {
    const uint8_t *rec = valid_record(fs, i);
    if (rec != NULL && (fs->active < 0 || get32(rec + 4) > fs->sequence)) {
      fs->active = i;
      fs->sequence = get32(rec + 4);
    }
  }
  return true;
}

bool flash_store_load(FlashStore *fs, const uint8_t **image, uint32_t *len, uint8_t *flags) {
  const uint8_t *rec;
  if (fs->active < 0 || (rec = valid_record(fs, fs->active)) == NULL) return false;
  *image = mapped(fs, fs->slot[fs->active]);
  *len = get32(rec + 8);
  *flags = (uint8_t)get32(rec + 16);
  return true;
}

/* Program one chunk and read it back: a chip that reports success but holds other bits
 * (a worn cell) must not get a record. */
static bool program(FlashStore *fs, uint32_t addr, const uint8_t *data, uint32_t len) {
  if (fs->failed || !fs->dev->program(fs->dev->ctx, addr, data, len) ||
      memcmp(mapped(fs, addr), data, len) != 0)
    fs->failed = true;
  return !fs->failed;
}

bool flash_store_begin(FlashStore *fs, uint32_t len) {
  uint32_t slot, at, b, n;
  int target = fs->active == 0 ? 1 : 0;
  fs->target = -1;
  if (len > fs->cap) return false;
  slot = fs->slot[target];
  fs->failed = false;
  /* the record's block first: from then on the slot is invalid until its new record */
  if (!flash_block_at(fs->dev, slot + fs->record_at[target], &b, &n) || !fs->dev->erase(fs->dev->ctx, b))
    return false;
  for (at = slot; at < b; at += n) {
    if (!flash_block_at(fs->dev, at, &at, &n) || !fs->dev->erase(fs->dev->ctx, at)) return false;
  }
  fs->target = target;
  fs->size = len;
  fs->written = 0;
  fs->pending_len = 0;
  return true;
}

bool flash_store_write(FlashStore *fs, const uint8_t *data, uint32_t n) {
  uint32_t unit = fs->dev->unit, base;
  if (fs->target < 0 || fs->failed || n > fs->size - fs->written - fs->pending_len) return false;
  base = fs->slot[fs->target];
  while (n > 0) {
    uint32_t at = base + fs->written, block, bsize, run;
    if (fs->pending_len > 0 || n < unit) {   /* fill the partial unit */
      uint32_t take = unit - fs->pending_len < n ? unit - fs->pending_len : n;
      memcpy(fs->pending + fs->pending_len, data, take);
      fs->pending_len += take;
      data += take;
      n -= take;
      if (fs->pending_len < unit) break;
      if (!program(fs, at, fs->pending, unit)) return false;
      fs->written += unit;
      fs->pending_len = 0;
      continue;
    }
    /* whole units straight from the chunk, never across an erase block */
    if (!flash_block_at(fs->dev, at, &block, &bsize)) return false;
    run = n / unit * unit;
    if (run > block + bsize - at) run = block + bsize - at;
    if (!program(fs, at, data, run)) return false;
    fs->written += run;
    data += run;
    n -= run;
  }
  return true;
}

const uint8_t *flash_store_finish(FlashStore *fs) {
  uint32_t unit = fs->dev->unit;
  if (fs->target < 0 || fs->failed) return NULL;
  if (fs->pending_len > 0) {
    memset(fs->pending + fs->pending_len, 0xFF, unit - fs->pending_len);
    if (!program(fs, fs->slot[fs->target] + fs->written, fs->pending, unit)) return NULL;
    fs->written += fs->pending_len;
    fs->pending_len = 0;
  }
  return mapped(fs, fs->slot[fs->target]);
}

bool flash_store_commit(FlashStore *fs, uint32_t len, uint32_t crc, uint8_t flags) {
  uint8_t rec[FLASH_MAX_UNIT];
  uint32_t area = fs->record_area;
  if (fs->target < 0 || fs->failed || len != fs->size || fs->written != len || fs->pending_len > 0)
    return false;
  memset(rec, 0xFF, area);
  memcpy(rec, "VPFS", 4);
  put32(rec + 4, fs->sequence + 1);
  put32(rec + 8, len);
  put32(rec + 12, crc);
  put32(rec + 16, flags);
  put32(rec + 20, 0);
  put32(rec + 24, 0);
  put32(rec + 28, crc32(rec, 28));
  if (!program(fs, fs->slot[fs->target] + fs->record_at[fs->target], rec, area)) return false;
  fs->active = fs->target;
  fs->sequence++;
  fs->target = -1;
  return valid_record(fs, fs->active) != NULL;
}

static bool link_begin(void *ctx, uint32_t len) { return flash_store_begin((FlashStore *)ctx, len); }
static bool link_write(void *ctx, const uint8_t *data, uint32_t n) { return flash_store_write((FlashStore *)ctx, data, n); }
static const uint8_t *link_finish(void *ctx) { return flash_store_finish((FlashStore *)ctx); }
static bool link_seal(void *ctx, uint32_t len, uint32_t crc, uint8_t flags) {
  return flash_store_commit((FlashStore *)ctx, len, crc, flags);
}

void flash_store_link(FlashStore *fs, LinkStorage *out) {
  memset(out, 0, sizeof *out);
  out->begin = link_begin;
  out->write = link_write;
  out->finish = link_finish;
  out->seal = link_seal;
  out->ctx = fs;
}
