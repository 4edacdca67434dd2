/* The USB link's writes when the host stops reading (ports/chibios/link_tx.h), against a fake
 * queue: `room` bytes fit now; a waiting write also gets what the reader frees meanwhile. */
#include <string.h>

#include "harness.h"
#include "../ports/chibios/link_tx.h"

typedef struct FakeQueue {
  size_t room;          /* bytes that fit at once */
  size_t read_per_wait; /* bytes a reader frees while a write waits (0: nobody reads) */
  size_t taken;         /* bytes taken in all */
  int waits, calls;
} FakeQueue;

static size_t fake_write(void *ctx, const uint8_t *data, size_t len, bool wait) {
  FakeQueue *q = ctx;
  size_t n;
  (void)data;
  q->calls++;
  if (wait) { q->waits++; q->room += q->read_per_wait; }
  n = len < q->room ? len : q->room;
  q->room -= n;
  q->taken += n;
  return n;
}

static void test_reader_present(void) {
  LinkTx tx = {false};
  FakeQueue q = {512, 4096, 0, 0, 0};
  uint8_t frame[1000];
  memset(frame, 0x55, sizeof frame);
  EXPECT(link_tx_write(&tx, fake_write, &q, frame, sizeof frame) == 1000);
  EXPECT(!tx.stalled);
  EXPECT(link_tx_write(&tx, fake_write, &q, frame, 0) == 0);
  EXPECT(q.calls == 1);
}

static void test_nobody_reads_then_someone_does(void) {
  LinkTx tx = {false};
  FakeQueue q = {512, 0, 0, 0, 0};
  uint8_t frame[1000];
  int i;
  memset(frame, 0xAA, sizeof frame);
  /* the queue fills, the wait times out: what fitted went, the link is stalled */
  EXPECT(link_tx_write(&tx, fake_write, &q, frame, sizeof frame) == 512);
  EXPECT(tx.stalled);
  EXPECT(q.waits == 1);
  /* stalled: a hundred prints cost no more waits and go nowhere */
  for (i = 0; i < 100; i++) EXPECT(link_tx_write(&tx, fake_write, &q, frame, 20) == 0);
  EXPECT(q.waits == 1);
  EXPECT(q.taken == 512);
  /* the IDE opens the port and reads: the next write finds room and waits again as usual */
  q.room = 256;
  q.read_per_wait = 4096;
  EXPECT(link_tx_write(&tx, fake_write, &q, frame, sizeof frame) == 1000);
  EXPECT(!tx.stalled);
  EXPECT(q.waits == 2);
}

static void test_replug_resets(void) {
  LinkTx tx = {false};
  FakeQueue q = {0, 0, 0, 0, 0};
  uint8_t byte = 0;
  EXPECT(link_tx_write(&tx, fake_write, &q, &byte, 1) == 0);
  EXPECT(tx.stalled);
  link_tx_reset(&tx);   /* the host configured the device again */
  q.room = 64;
  EXPECT(link_tx_write(&tx, fake_write, &q, &byte, 1) == 1);
  EXPECT(q.waits == 2);   /* not stalled: it was allowed to wait */
}

void tests_link_tx(void) {
  run_test("link tx: a reading host takes every byte", test_reader_present);
  run_test("link tx: nobody reading costs one wait, then writes drop until room appears", test_nobody_reads_then_someone_does);
  run_test("link tx: the host configuring the device again ends a stall", test_replug_resets);
}
