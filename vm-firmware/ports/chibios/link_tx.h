/* Writing to a link whose other end may stop reading: a USB CDC port with the cable in but
 * nothing on the host reading it (the IDE not running) takes no bytes, and a write that waited
 * for it each time would slow a printing program to one line per timeout. After one write the
 * host did not take in time the link counts as stalled: later writes take what fits at once and
 * drop the rest, until one finds room (someone read since) or the port restarts (the host
 * configured the device again: link_tx_reset). Kept free of ChibiOS so the host tests run it
 * (tests/test_link_tx.c); port_chibios.c writes through it. */
#ifndef VIPER_LINK_TX_H
#define VIPER_LINK_TX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Queues up to len bytes, at once (wait false) or waiting up to the link's timeout for room;
 * returns how many it took. */
typedef size_t (*LinkTxWriteFn)(void *ctx, const uint8_t *data, size_t len, bool wait);

typedef struct LinkTx {
  volatile bool stalled;   /* also cleared from the USB interrupt (link_tx_reset) */
} LinkTx;

static inline void link_tx_reset(LinkTx *tx) { tx->stalled = false; }

/* Returns how many of the len bytes went out; the rest are dropped. */
static inline size_t link_tx_write(LinkTx *tx, LinkTxWriteFn write, void *ctx, const uint8_t *data, size_t len) {
  size_t done = 0;
  if (len == 0u) return 0;
  if (tx->stalled) {
    done = write(ctx, data, len, false);
    if (done == 0u) return 0;
    tx->stalled = false;
  }
  if (done < len) {
    done += write(ctx, data + done, len - done, true);
    tx->stalled = done < len;
  }
  return done;
}

#endif
