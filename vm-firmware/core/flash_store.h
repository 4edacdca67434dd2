/* The stored program in a chip's internal flash: two slots and a commit record at the end of
 * each. An upload goes straight into the slot not in force (erased first, its record first of
 * all), chunk by chunk as it arrives; the record, written last, names its length, CRC, flags
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
  uint32_t slot[2];          /* address of each slot (whole erase blocks, same size) */
  uint32_t slot_size;
  uint32_t record_at;        /* offset of the record in a slot (its last unit-aligned bytes) */
  uint32_t cap;              /* image bytes a slot holds */
  int active;                /* the slot in force, -1: none */
  uint32_t sequence;         /* its record's sequence number */
  /* the upload being written */
  int target;                /* slot written, -1: none */
  uint32_t size, written;    /* announced, programmed so far */
  uint8_t pending[FLASH_MAX_UNIT];   /* bytes short of a programming unit */
  uint32_t pending_len;
  bool failed;               /* an erase or program failed: this upload cannot commit */
} FlashStore;

/* Two slots over [start, start + size): each half must be whole erase blocks of the device.
 * Reads the records. False (with nothing done) when the range does not fit those rules. */
bool flash_store_init(FlashStore *fs, const FlashDevice *dev, uint32_t start, uint32_t size);

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
