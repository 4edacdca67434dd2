/* Simulated flash (flash_sim.h). A step is one block erase or one programming unit (an
 * STM32F4 word, an STM32F0 half-word, a SAM3X page). A power cut strikes at the start of step
 * `steps_left` and leaves that step half-done: an erase with part of the block at 0xFF, one byte
 * partly erased and the rest untouched; a program with part of the unit written and one byte
 * partly programmed; a SAM3X erase-and-write-page cut in either half. */
#include <stdlib.h>
#include <string.h>

#include "flash_sim.h"

/* a number from the step's index, so each cut leaves its own half-done pattern */
static uint32_t mix(uint32_t x) {
  x ^= x >> 16; x *= 0x7feb352du; x ^= x >> 15; x *= 0x846ca68bu; x ^= x >> 16;
  return x;
}

enum { STEP_OK, STEP_CUT, STEP_DEAD };

/* STEP_CUT: the power goes during this step (the caller leaves it half-done). */
static int step(FlashSim *s) {
  if (s->dead) return STEP_DEAD;
  if (s->steps_left == 0) { s->dead = true; return STEP_CUT; }
  if (s->steps_left > 0) s->steps_left--;
  s->steps++;
  return STEP_OK;
}

static void half_erase(FlashSim *s, uint8_t *p, uint32_t n) {
  uint32_t r = mix((uint32_t)s->steps), k = r % n;
  memset(p, 0xFF, k);
  p[k] |= (uint8_t)(r >> 8);   /* some of its bits erased */
}

static void half_program(FlashSim *s, uint8_t *p, const uint8_t *data, uint32_t n) {
  uint32_t r = mix((uint32_t)s->steps + 77u), k = r % n, i;
  for (i = 0; i < k; i++) p[i] &= data[i];
  p[k] &= (uint8_t)(data[k] | (r >> 8));   /* some of its bits programmed */
}

static bool erase(void *ctx, uint32_t addr) {
  FlashSim *s = (FlashSim *)ctx;
  uint32_t start, size;
  uint8_t *p;
  if (!flash_block_at(&s->dev, addr, &start, &size) || start != addr) { s->errors++; return false; }
  p = s->mem + (addr - s->dev.base);
  switch (step(s)) {
  case STEP_CUT: half_erase(s, p, size); return false;
  case STEP_DEAD: return false;
  default: break;
  }
  memset(p, 0xFF, size);
  return true;
}

static bool program_unit(FlashSim *s, uint8_t *p, const uint8_t *data, uint32_t unit) {
  uint32_t i;
  if (s->chip == SIM_SAM3X8E) {   /* EWP: the page is erased, then written from the latch */
    switch (step(s)) {
    case STEP_CUT:
      if (mix((uint32_t)s->steps) & 1u) half_erase(s, p, unit);
      else { memset(p, 0xFF, unit); half_program(s, p, data, unit); }
      return false;
    case STEP_DEAD: return false;
    default: break;
    }
    memcpy(p, data, unit);
    return true;
  }
  if (s->dead) return false;
  if (s->chip == SIM_STM32F072 && (p[0] != 0xFF || p[1] != 0xFF)) {   /* PGERR: nothing written */
    s->errors++;
    return false;
  }
  for (i = 0; i < unit; i++)
    if (data[i] & ~p[i]) { s->errors++; break; }   /* a 0 cannot become 1: the store never asks */
  switch (step(s)) {
  case STEP_CUT: half_program(s, p, data, unit); return false;
  case STEP_DEAD: return false;
  default: break;
  }
  for (i = 0; i < unit; i++) p[i] &= data[i];
  return true;
}

static bool program(void *ctx, uint32_t addr, const uint8_t *data, uint32_t len) {
  FlashSim *s = (FlashSim *)ctx;
  uint32_t start, size, unit = s->dev.unit, at;
  if (addr % unit != 0 || len % unit != 0 || len == 0 || !flash_block_at(&s->dev, addr, &start, &size) ||
      addr + len > start + size) {
    s->errors++;
    return false;
  }
  if (s->chip == SIM_SAM3X8E && (addr - s->dev.base) / 0x40000u != (addr + len - 1 - s->dev.base) / 0x40000u) {
    s->errors++;   /* one EEFC per bank */
    return false;
  }
  for (at = 0; at < len; at += unit)
    if (!program_unit(s, s->mem + (addr + at - s->dev.base), data + at, unit)) return false;
  return true;
}

void flash_sim_init(FlashSim *s, SimChip chip) {
  memset(s, 0, sizeof *s);
  s->chip = chip;
  s->steps_left = -1;
  s->dev.base = 0x08000000u;
  s->regions[0].count = 4; s->regions[0].size = 16384;
  s->regions[1].count = 1; s->regions[1].size = 65536;
  s->regions[2].size = 131072;
  s->dev.region_count = 3;
  s->dev.unit = 4;
  switch (chip) {
  case SIM_STM32F405: s->regions[2].count = 7; s->size = 1024u * 1024u; break;
  case SIM_STM32F401: s->regions[2].count = 3; s->size = 512u * 1024u; break;
  case SIM_STM32F072:
    s->regions[0].count = 64; s->regions[0].size = 2048;
    s->dev.region_count = 1; s->dev.unit = 2; s->size = 128u * 1024u;
    break;
  case SIM_SAM3X8E:
    s->dev.base = 0x80000u;
    s->regions[0].count = 2048; s->regions[0].size = 256;
    s->dev.region_count = 1; s->dev.unit = 256; s->size = 512u * 1024u;
    break;
  }
  s->mem = (uint8_t *)malloc(s->size);
  memset(s->mem, 0xFF, s->size);   /* as shipped: erased */
  s->dev.map = s->mem;
  s->dev.regions = s->regions;
  s->dev.erase = erase;
  s->dev.program = program;
  s->dev.ctx = s;
}

void flash_sim_free(FlashSim *s) { free(s->mem); s->mem = NULL; }

void flash_sim_power_on(FlashSim *s) {
  s->dead = false;
  s->steps_left = -1;
}
