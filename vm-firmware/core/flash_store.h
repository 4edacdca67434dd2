/* The stored program in a chip's internal flash: two slots and a commit record at the end of
 * each. The slots may differ in size (an STM32F4's three 16 KB sectors and its 64 KB one): a
 * program may take what the smaller holds. An upload goes straight into the slot not in force
 * (erased first, its record's block first of all), chunk by chunk as it arrives; the record, written last, names its length, CRC, flags
 * and a sequence number one above the program in force. Boot takes the valid slot with the
 * highest sequence number (valid: the record's own CRC and the image's CRC match). A power
 * cut at any point leaves the program in force untouched and the new one without a valid
 * record until its last word: the old program or the new one, never a mixture. The program
 * then runs in place, where the flash is mapped. */
#ifndef VIPER_FLASH_STORE_H
#define VIPER_FLASH_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "flash.h"
#include "link.h"

#define FLASH_RECORD_SIZE 32u

typedef struct FlashStore {
  const FlashDevice *dev;
  uint32_t slot[2];          /* address of each slot (whole erase blocks) */
  uint32_t record_at[2];     /* offset of the record in each slot (its last unit-aligned bytes) */
  uint32_t record_area;      /* bytes of a record: 32 rounded up to the programming unit */
  uint32_t cap;              /* image bytes a program may have: the smaller slot less its record */
  int active;                /* the slot in force, -1: none */
  uint32_t sequence;         /* its record's sequence number */
  /* the upload being written */
  int target;                /* slot written, -1: none */
  uint32_t size, written;    /* announced, programmed so far */
  uint8_t pending[FLASH_MAX_UNIT];   /* bytes short of a programming unit */
  uint32_t pending_len;
  bool failed;               /* an erase or program failed: this upload cannot commit */
} FlashStore;

/* Where a store's two slots lie: each [start, start + size) whole erase blocks of the device,
 * the two apart (nothing else may share their blocks: an erase takes a whole block). */
typedef struct FlashSlots {
  uint32_t a_start, a_size, b_start, b_size;
} FlashSlots;

/* The store over those slots; reads the records. False (with nothing done) when the slots do
 * not fit those rules or a slot cannot hold more than its record. */
bool flash_store_init(FlashStore *fs, const FlashDevice *dev, const FlashSlots *slots);

/* The program in force, where it is mapped. False when there is none. */
bool flash_store_load(FlashStore *fs, const uint8_t **image, uint32_t *len, uint8_t *flags);

/* Upload steps (also reachable through LinkStorage, flash_store_link): begin erases the slot not
 * in force; write programs the next bytes (any length: a partial unit waits for the next
 * chunk); finish programs what waits (padded with 0xFF) and returns the mapped bytes, NULL on
 * a failure; commit writes the record. Each returns false on a failure (the program in force
 * stays). */
bool flash_store_begin(FlashStore *fs, uint32_t len);
bool flash_store_write(FlashStore *fs, const uint8_t *data, uint32_t n);
const uint8_t *flash_store_finish(FlashStore *fs);
bool flash_store_commit(FlashStore *fs, uint32_t len, uint32_t crc, uint8_t flags);

/* The LinkStorage that writes uploads in place through fs. */
void flash_store_link(FlashStore *fs, LinkStorage *out);

#endif
