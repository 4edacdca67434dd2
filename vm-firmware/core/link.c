/* The link protocol server. Frame = COBS(type | seq | payload | crc32 LE) 0x00. */
#include <string.h>

#include "crc32.h"
#include "gen/image_format.h"
#include "link.h"
#include "loader.h"
#include "port.h"

/* ==== codec ============================================================================== */

size_t link_encode_frame(uint8_t type, uint8_t seq, const uint8_t *payload, size_t len, uint8_t *wire) {
  uint8_t body[LINK_MAX_BODY];
  uint32_t crc;
  size_t n;
  if (len > LINK_MAX_PAYLOAD) return 0;
  body[0] = type;
  body[1] = seq;
  if (len > 0) memcpy(body + 2, payload, len);
  crc = crc32(body, len + 2);
  body[len + 2] = (uint8_t)crc;
  body[len + 3] = (uint8_t)(crc >> 8);
  body[len + 4] = (uint8_t)(crc >> 16);
  body[len + 5] = (uint8_t)(crc >> 24);
  n = cobs_encode(body, len + 6, wire);
  wire[n++] = 0;
  return n;
}

long link_decode_frame(const uint8_t *enc, size_t len, uint8_t *out, uint8_t *type, uint8_t *seq,
                       const uint8_t **payload) {
  long n;
  uint32_t crc;
  if (len > COBS_MAX_ENCODED(LINK_MAX_BODY) || len > LINK_MAX_BODY + 1 + LINK_MAX_BODY / 254) return -1;
  n = cobs_decode(enc, len, out);
  if (n < 6 || n > (long)LINK_MAX_BODY) return -1;
  crc = (uint32_t)out[n - 4] | ((uint32_t)out[n - 3] << 8) | ((uint32_t)out[n - 2] << 16) |
        ((uint32_t)out[n - 1] << 24);
  if (crc != crc32(out, (size_t)n - 4)) return -1;
  *type = out[0];
  *seq = out[1];
  *payload = out + 2;
  return n - 6;
}

long link_receive_byte(LinkReceiver *rx, uint8_t byte, uint8_t *type, uint8_t *seq, const uint8_t **payload) {
  long n;
  if (byte != 0) {
    if (rx->len < sizeof rx->buf) rx->buf[rx->len++] = byte;
    else rx->overflow = true;
    return -1;
  }
  if (rx->overflow) {
    rx->overflow = false;
    rx->len = 0;
    rx->dropped++;
    return -1;
  }
  if (rx->len == 0) return -1;   /* back-to-back delimiters */
  n = link_decode_frame(rx->buf, rx->len, rx->body, type, seq, payload);
  rx->len = 0;
  if (n < 0) rx->dropped++;
  return n;
}

/* ==== sending ============================================================================ */

void link_send(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *payload, size_t len) {
  size_t n = link_encode_frame(type, seq, payload, len, ls->tx);
  if (n > 0) port_link_write(ls->tx, n);
}

static void send_ack(LinkServer *ls, uint8_t seq) { link_send(ls, FRAME_ACK, seq, NULL, 0); }

static void send_error(LinkServer *ls, uint8_t seq, uint16_t code, const char *msg) {
  uint8_t p[160];
  size_t n = strlen(msg);
  if (n > sizeof p - 2) n = sizeof p - 2;
  p[0] = (uint8_t)code;
  p[1] = (uint8_t)(code >> 8);
  memcpy(p + 2, msg, n);
  link_send(ls, FRAME_ERROR, seq, p, n + 2);
}

static void put_u16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void send_info(LinkServer *ls, uint8_t seq) {
  uint8_t *p = ls->payload;
  size_t n = 0, b = strlen(ls->board_id), c = strlen(ls->chip_id);
  if (b > 255) b = 255;
  if (c > 255) c = 255;
  p[n++] = LINK_PROTOCOL_VERSION;
  put_u16(p + n, IMAGE_FORMAT_VERSION); n += 2;
  p[n++] = VIPER_VERSION_MAJOR;
  p[n++] = VIPER_VERSION_MINOR;
  p[n++] = VIPER_VERSION_PATCH;
  put_u32(p + n, (uint32_t)ls->heap_size); n += 4;
  put_u32(p + n, (uint32_t)ls->store_cap); n += 4;
  p[n++] = (uint8_t)b; memcpy(p + n, ls->board_id, b); n += b;
  p[n++] = (uint8_t)c; memcpy(p + n, ls->chip_id, c); n += c;
  link_send(ls, FRAME_INFO, seq, p, n);
}

/* ==== program output ===================================================================== */

static void flush_out(LinkServer *ls) {
  if (ls->out_len == 0) return;
  link_send(ls, FRAME_STDOUT, ls->tx_seq++, ls->out, ls->out_len);
  ls->out_len = 0;
}

static void out_write(void *ctx, const char *text, size_t len) {
  LinkServer *ls = (LinkServer *)ctx;
  bool newline = memchr(text, '\n', len) != NULL;
  while (len > 0) {
    size_t room = sizeof ls->out - ls->out_len, n = len;
    if (n > room) {
      n = room;
      /* do not split a UTF-8 sequence across frames */
      while (n > 0 && n < len && ((uint8_t)text[n] & 0xC0) == 0x80) n--;
      if (n == 0 && ls->out_len == 0) n = room;
    }
    memcpy(ls->out + ls->out_len, text, n);
    ls->out_len += n;
    text += n;
    len -= n;
    if (len > 0) flush_out(ls);
  }
  if (newline) flush_out(ls);
}

static size_t put_str16(uint8_t *p, size_t room, const char *s, size_t len) {
  if (room < 2) return 0;
  if (len > room - 2) len = room - 2;
  put_u16(p, (uint32_t)len);
  memcpy(p + 2, s, len);
  return len + 2;
}

static void send_exception(LinkServer *ls) {
  VM *vm = ls->vm;
  uint8_t *p = ls->payload;
  size_t n = 0, room = sizeof ls->payload, i, msg_len, name_len, count_at;
  const char *name = exception_type_name(vm->exc);
  vm_format_exception(vm);   /* "Name: message" */
  name_len = strlen(name);
  msg_len = vm->sb_len > name_len + 2 ? vm->sb_len - name_len - 2 : 0;
  n += put_str16(p + n, room - n, name, name_len);
  /* keep room for the frames: each at most ~70 bytes here */
  n += put_str16(p + n, room - n > 512 ? 512 : room - n, vm->sb_oom ? "" : vm->sb + name_len + 2,
                 vm->sb_oom ? 0 : msg_len);
  count_at = n;
  p[n++] = 0;
  for (i = 0; i < (size_t)vm->traceback_count; i++) {
    const TraceEntry *t = &vm->traceback[i];
    size_t need = 4 + t->code->file->len + t->code->name->len + 2;
    if (n + need > room || need > 200) break;
    n += put_str16(p + n, room - n, t->code->file->chars, t->code->file->len);
    n += put_str16(p + n, room - n, t->code->name->chars, t->code->name->len);
    put_u16(p + n, code_line_at(t->code, t->pc));
    n += 2;
    p[count_at]++;
  }
  link_send(ls, FRAME_EXCEPTION, ls->tx_seq++, p, n);
}

static bool run_poll(void *ctx) {
  LinkServer *ls = (LinkServer *)ctx;
  link_service(ls);
  return ls->stop_requested || ls->closed;
}

static void run_program(LinkServer *ls) {
  uint8_t status;
  VmResult r;
  ls->running = true;
  ls->stop_requested = false;
  ls->out_len = 0;
  if (!vm_init(ls->vm, ls->heap, ls->heap_size, out_write, ls)) {
    r = VM_ERROR;
  } else {
    vm_set_poll(ls->vm, run_poll, ls);
    r = vm_run_image(ls->vm, ls->store, ls->store_len);
  }
  flush_out(ls);
  if (r == VM_EXCEPTION) send_exception(ls);
  status = r == VM_OK ? DONE_OK : r == VM_EXCEPTION ? DONE_EXCEPTION : r == VM_STOPPED ? DONE_STOPPED : DONE_VM_ERROR;
  link_send(ls, FRAME_DONE, ls->tx_seq++, &status, 1);
  ls->running = false;
  ls->stop_requested = false;
}

/* ==== requests =========================================================================== */

static void handle_upload_end(LinkServer *ls, uint8_t seq) {
  const char *why;
  uint8_t *t;
  ls->uploading = false;
  if (ls->up_received != ls->up_size) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, "upload incomplete"); return; }
  if (crc32(ls->staging, ls->up_size) != ls->up_crc) {
    send_error(ls, seq, LINK_ERR_CRC_MISMATCH, "image CRC mismatch");
    return;
  }
  /* No program runs now, so the VM heap is free to serve as the verifier's scratch. */
  why = image_verify(ls->staging, ls->up_size, ls->heap, ls->heap_size);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, why); return; }
  t = ls->store;
  ls->store = ls->staging;
  ls->staging = t;
  ls->store_len = ls->up_size;
  ls->have_program = true;
  send_ack(ls, seq);
}

static void handle_frame(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *p, size_t len) {
  switch (type) {
  case FRAME_HELLO:
    send_info(ls, seq);
    return;
  case FRAME_STOP:
    send_ack(ls, seq);
    if (ls->running) ls->stop_requested = true;
    return;
  case FRAME_RESET:
    send_ack(ls, seq);
    ls->uploading = false;
    if (ls->running) ls->stop_requested = true;
    return;
  case FRAME_STDIN:
    return;
  case FRAME_UPLOAD_BEGIN: case FRAME_UPLOAD_CHUNK: case FRAME_UPLOAD_END: case FRAME_RUN:
    if (ls->running) { send_error(ls, seq, LINK_ERR_BUSY, "a program is running"); return; }
    break;
  default:
    send_error(ls, seq, LINK_ERR_UNKNOWN_TYPE, "unknown frame type");
    return;
  }
  switch (type) {
  case FRAME_UPLOAD_BEGIN: {
    uint32_t size;
    if (len != 8) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "UPLOAD_BEGIN needs size and CRC"); return; }
    size = get_u32(p);
    if (size > ls->store_cap) { ls->uploading = false; send_error(ls, seq, LINK_ERR_TOO_BIG, "image larger than program storage"); return; }
    ls->uploading = true;
    ls->up_size = size;
    ls->up_crc = get_u32(p + 4);
    ls->up_received = 0;
    ls->have_last_chunk = false;
    send_ack(ls, seq);
    return;
  }
  case FRAME_UPLOAD_CHUNK: {
    uint32_t offset, n;
    if (!ls->uploading) { send_error(ls, seq, LINK_ERR_BAD_STATE, "no upload in progress"); return; }
    if (len < 4) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "UPLOAD_CHUNK needs an offset"); return; }
    offset = get_u32(p);
    n = (uint32_t)len - 4;
    if (ls->have_last_chunk && offset == ls->last_offset && n == ls->last_len &&
        offset + n == ls->up_received) {
      send_ack(ls, seq);   /* a resent chunk whose ACK was lost */
      return;
    }
    if (offset != ls->up_received) { send_error(ls, seq, LINK_ERR_BAD_OFFSET, "chunk offset is not the bytes received so far"); return; }
    if (n > ls->up_size - ls->up_received) { send_error(ls, seq, LINK_ERR_TOO_BIG, "chunk runs past the announced size"); return; }
    memcpy(ls->staging + offset, p + 4, n);
    ls->up_received += n;
    ls->last_offset = offset;
    ls->last_len = n;
    ls->have_last_chunk = true;
    send_ack(ls, seq);
    return;
  }
  case FRAME_UPLOAD_END:
    if (!ls->uploading) { send_error(ls, seq, LINK_ERR_BAD_STATE, "no upload in progress"); return; }
    handle_upload_end(ls, seq);
    return;
  default: /* FRAME_RUN */
    if (!ls->have_program) { send_error(ls, seq, LINK_ERR_NO_PROGRAM, "no program stored"); return; }
    send_ack(ls, seq);
    run_program(ls);
    return;
  }
}

/* ==== service loop ======================================================================= */

void link_init(LinkServer *ls, VM *vm, void *heap, size_t heap_size, uint8_t *store_a,
               uint8_t *store_b, size_t store_cap, const char *board_id, const char *chip_id) {
  memset(ls, 0, sizeof *ls);
  ls->vm = vm;
  ls->heap = heap;
  ls->heap_size = heap_size;
  ls->store = store_a;
  ls->staging = store_b;
  ls->store_cap = store_cap;
  ls->board_id = board_id;
  ls->chip_id = chip_id;
}

int link_service(LinkServer *ls) {
  if (ls->closed) return -1;
  if (ls->in_pos >= ls->in_len) {
    int n = port_link_read(ls->in, sizeof ls->in);
    if (n < 0) { ls->closed = true; return -1; }
    if (n == 0) return 0;
    ls->in_pos = 0;
    ls->in_len = (size_t)n;
  }
  /* ls->in_pos, not a local: a RUN below re-enters through the poll hook and goes on
   * consuming the same buffer (so a STOP right behind RUN is seen). */
  while (ls->in_pos < ls->in_len) {
    uint8_t type, seq;
    const uint8_t *payload;
    long n = link_receive_byte(&ls->rx, ls->in[ls->in_pos++], &type, &seq, &payload);
    if (n >= 0) {
      /* the payload lives in rx.body, which the next frame overwrites: copy it. */
      uint8_t copy[LINK_MAX_PAYLOAD];
      memcpy(copy, payload, (size_t)n);
      handle_frame(ls, type, seq, copy, (size_t)n);
    }
  }
  return 1;
}
