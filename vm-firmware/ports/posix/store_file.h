/* Program storage in a file, the host stand-in for a board's flash: two slots and two commit
 * records. A commit writes the image into the slot not in use, then a record naming it with
 * a higher generation; each record carries its own CRC. A crash at any byte leaves either
 * the previous record (previous program) or the new one valid, never a mixture. */
#ifndef VIPER_STORE_FILE_H
#define VIPER_STORE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_RECORD_SIZE 32
#define STORE_HEADER_SIZE (2 * STORE_RECORD_SIZE)

typedef struct StoreFile {
  const char *path;
  uint32_t cap;          /* bytes per slot */
  uint32_t generation;   /* of the record in force (0: none) */
  uint32_t slot;         /* slot of the record in force */
  long crash_after;      /* tests: stop writing after this many bytes (-1: never) */
  bool crashed;          /* the crash budget ran out */
} StoreFile;

/* Open or create the file. Returns false when it cannot be created. */
bool store_open(StoreFile *s, const char *path, uint32_t cap);

/* The program in force: copies it into image (cap bytes), sets *len and *flags.
 * Returns false when there is none (or neither record is intact). */
bool store_load(StoreFile *s, uint8_t *image, uint32_t *len, uint8_t *flags);

/* Make image the program in force, atomically. */
bool store_commit(void *store, const uint8_t *image, uint32_t len, uint32_t crc, uint8_t flags);

#endif
