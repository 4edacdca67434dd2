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

typedef struct LinkServer {
  LinkReceiver rx;
  uint8_t in[256];
  size_t in_pos, in_len;
  bool closed;
  uint8_t tx_seq;
  uint8_t tx[LINK_MAX_WIRE];
  uint8_t payload[LINK_MAX_PAYLOAD];

  /* program storage: the stored program and the staging buffer of an upload */
  uint8_t *store, *staging;
  size_t store_cap, store_len;
  bool have_program;
  bool uploading;
  uint32_t up_size, up_crc, up_received, last_offset, last_len;
  bool have_last_chunk;

  /* running */
  VM *vm;
  void *heap;
  size_t heap_size;
  bool running, stop_requested;
  uint8_t out[LINK_MAX_PAYLOAD];
  size_t out_len;

  const char *board_id, *chip_id;
} LinkServer;

/* store_a and store_b are two buffers of store_cap bytes each. vm is storage for the VM that
 * runs programs over heap. */
void link_init(LinkServer *ls, VM *vm, void *heap, size_t heap_size, uint8_t *store_a,
               uint8_t *store_b, size_t store_cap, const char *board_id, const char *chip_id);

/* Read what the port has and act on every complete frame (running a program if asked).
 * Returns 1 when bytes were processed, 0 when none were waiting, -1 when the link closed. */
int link_service(LinkServer *ls);

/* Send a frame (VM -> host). */
void link_send(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *payload, size_t len);

#endif
