/* The link protocol server (docs/link-protocol.md): frames in and out over port_link_*,
 * uploads into a staging buffer, runs the stored program, notices STOP while it runs. */
#ifndef VIPER_LINK_H
#define VIPER_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "cobs.h"
#include "gen/link_protocol.h"
#include "vm.h"

#define LINK_MAX_BODY   (LINK_MAX_PAYLOAD + 6)
#define LINK_MAX_WIRE   (COBS_MAX_ENCODED(LINK_MAX_BODY) + 1)

/* ---- frame codec (also used by the tests) ----------------------------------------------- */

/* Encode one frame including its 0x00 delimiter into wire (LINK_MAX_WIRE bytes); returns the
 * wire length, or 0 when the payload is too long. */
size_t link_encode_frame(uint8_t type, uint8_t seq, const uint8_t *payload, size_t len, uint8_t *wire);

/* Decode one frame body (the bytes between delimiters, without the 0x00). Returns the
 * payload length and sets *type, *seq, *payload (pointing into out), or -1 when the frame
 * must be dropped (bad COBS, too short, too long, CRC mismatch). out: LINK_MAX_BODY bytes. */
long link_decode_frame(const uint8_t *enc, size_t len, uint8_t *out, uint8_t *type, uint8_t *seq,
                       const uint8_t **payload);

/* Byte-at-a-time receiver with resynchronisation. */
typedef struct LinkReceiver {
  uint8_t buf[LINK_MAX_WIRE];
  size_t len;
  bool overflow;
  uint32_t dropped;
  uint8_t body[LINK_MAX_BODY];
} LinkReceiver;

/* Feed one byte; returns the payload length when it completed a valid frame (type, seq and
 * payload are set), else -1. */
long link_receive_byte(LinkReceiver *rx, uint8_t byte, uint8_t *type, uint8_t *seq, const uint8_t **payload);

/* ---- the server ------------------------------------------------------------------------- */

/* Where a port keeps the stored program across resets (flash, a file). Either way a crash
 * or power loss leaves the port's next boot with the previous program or the new one, never a
 * mixture. Optional: without it programs live in RAM. Two kinds:
 * - staged in RAM (store_file.c): the upload is assembled in the RAM buffer and commit()
 *   stores it whole, atomically;
 * - in place (flash_store.c): begin/write/finish/seal set, commit NULL. begin(len) prepares
 *   the slot not in force; write() programs each chunk there as it arrives (in order, any
 *   length); finish() returns where the whole upload can be read (its CRC, format and the
 *   verifier are checked there), NULL on a failure; seal() makes it the program in force.
 *   The program then runs where it is stored, so the port gives link_init no RAM buffers. */
typedef struct LinkStorage {
  bool (*commit)(void *ctx, const uint8_t *image, uint32_t len, uint32_t crc, uint8_t flags);
  bool (*begin)(void *ctx, uint32_t len);
  bool (*write)(void *ctx, const uint8_t *data, uint32_t n);
  const uint8_t *(*finish)(void *ctx);
  bool (*seal)(void *ctx, uint32_t len, uint32_t crc, uint8_t flags);
  void *ctx;
} LinkStorage;

typedef struct LinkServer {
  LinkReceiver rx;
  uint8_t in[256];
  size_t in_pos, in_len;
  bool closed;
  uint8_t tx_seq;
  uint8_t tx[LINK_MAX_WIRE];
  uint8_t payload[LINK_MAX_PAYLOAD];
  uint32_t errors_sent;
  /* the answer to the last request, resent when the host resends that request (it lost the
   * answer): every request takes effect once */
  uint8_t req_type, req_seq;
  bool have_answer;
#if VIPER_DEBUGGER
  uint8_t answer[LINK_MAX_WIRE];   /* a DEBUG_REPLY too: an evaluation must not run twice */
#else
  uint8_t answer[200];
#endif
  size_t answer_len;

  /* program storage: the stored program (a RAM buffer, or in place in flash) and the RAM
   * buffer an upload is staged in (NULL with in-place storage) */
  const uint8_t *store;
  uint8_t *store_buf, *staging;
  size_t store_cap, store_len;
  uint32_t store_crc;
  uint8_t store_flags;        /* PROGRAM_FLAG_RUN_AT_BOOT */
  bool have_program;
  const LinkStorage *storage;
  bool uploading;
  uint32_t up_size, up_crc, up_received, last_offset, last_len;
  uint8_t up_flags;
  uint8_t up_begin_seq;       /* the UPLOAD_BEGIN that started this upload */
  bool have_last_chunk;

  /* running: a program (RUN) or a REPL entry (EXEC) */
  VM *vm;
  void *heap;
  size_t heap_size;
  bool running, stop_requested;
  bool boot_cancelled;        /* a STOP, an upload, RUN or EXEC came: the boot window's skip */
  bool vm_live;               /* vm holds a namespace that EXEC goes on using */
#if VIPER_DEBUGGER
  bool evaluating;            /* a DEBUG_EVALUATE runs (it may serve the link meanwhile) */
#endif
  uint8_t out[LINK_MAX_PAYLOAD];
  size_t out_len;

  /* REPL entries: their images stay here while functions defined in them may run */
  uint8_t *arena;
  size_t arena_cap, arena_len;

  /* console input: bytes from STDIN frames until input() takes a line */
  char line[256];
  size_t line_len;
  bool waiting_input;
  int last_stdin_seq;

  const char *board_id, *chip_id;

  /* BOARD_STATE: the last one sent (sent again only when the pins changed), and when */
  uint8_t board_sent[1 + 4 * 255];
  size_t board_sent_len;
  uint32_t board_sent_ms;
} LinkServer;

/* store_a and store_b are two buffers of store_cap bytes each (both NULL when in-place storage
 * will be set: store_cap is then its slot's capacity). vm is storage for the VM that
 * runs programs over heap. arena (may be NULL) holds REPL entries. */
void link_init(LinkServer *ls, VM *vm, void *heap, size_t heap_size, uint8_t *store_a,
               uint8_t *store_b, size_t store_cap, const char *board_id, const char *chip_id);
void link_set_arena(LinkServer *ls, uint8_t *arena, size_t cap);
void link_set_storage(LinkServer *ls, const LinkStorage *storage);

/* Install a program found in the port's storage at boot (already checked by the port:
 * its CRC matched): copied into the RAM buffer, or used where it is with in-place storage
 * (image must then stay readable). Returns false if it does not fit or fails the verifier. */
bool link_set_program(LinkServer *ls, const uint8_t *image, size_t len, uint8_t flags);

/* Run the stored program if it was uploaded with "run at boot"; returns true if it ran. */
bool link_boot(LinkServer *ls);

/* Read what the port has and act on every complete frame (running a program if asked).
 * Returns 1 when bytes were processed, 0 when none were waiting, -1 when the link closed. */
int link_service(LinkServer *ls);

/* Send a frame (VM -> host). */
void link_send(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *payload, size_t len);

#endif
