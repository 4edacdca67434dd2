/* The link protocol server. Frame = COBS(type | seq | payload | crc32 LE) 0x00. */
#include <string.h>

#include "crc32.h"
#include "debug.h"
#include "gen/image_format.h"
#include "link.h"
#include "loader.h"
#include "machine.h"
#include "port.h"
#include "thread.h"

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
  n = cobs_decode(enc, len, out, LINK_MAX_BODY);   /* found by fuzz_frame: a long run of
                                                      * codes decoded past out */
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

/* An ACK or ERROR answering the current request: remembered for a resend. */
static void send_answer(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *payload, size_t len) {
  size_t n = link_encode_frame(type, seq, payload, len, ls->tx);
  if (n == 0) return;
  if (seq == ls->req_seq && n <= sizeof ls->answer) {
    memcpy(ls->answer, ls->tx, n);
    ls->answer_len = n;
    ls->have_answer = true;
  }
  port_link_write(ls->tx, n);
}

static void send_ack(LinkServer *ls, uint8_t seq) { send_answer(ls, FRAME_ACK, seq, NULL, 0); }

static void send_error(LinkServer *ls, uint8_t seq, uint16_t code, const char *msg) {
  uint8_t p[160];
  size_t n = strlen(msg);
  if (n > sizeof p - 2) n = sizeof p - 2;
  p[0] = (uint8_t)code;
  p[1] = (uint8_t)(code >> 8);
  memcpy(p + 2, msg, n);
  ls->errors_sent++;
  send_answer(ls, FRAME_ERROR, seq, p, n + 2);
}

static void put_u16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint8_t program_flags(const LinkServer *ls) {
  return ls->have_program ? (uint8_t)(ls->store_flags | PROGRAM_FLAG_STORED) : 0;
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
  /* version 2 */
  put_u16(p + n, LINK_MAX_PAYLOAD); n += 2;
  p[n++] = LINK_WINDOW;
  p[n++] = program_flags(ls);
  put_u32(p + n, (uint32_t)ls->arena_cap); n += 4;
  link_send(ls, FRAME_INFO, seq, p, n);
}

static void send_state(LinkServer *ls, uint8_t seq) {
  uint8_t p[22];
  p[0] = ls->waiting_input ? VM_STATE_WAITING_INPUT : ls->running ? VM_STATE_RUNNING
         : ls->uploading ? VM_STATE_UPLOADING : VM_STATE_IDLE;
  p[1] = program_flags(ls);
  put_u32(p + 2, ls->have_program ? (uint32_t)ls->store_len : 0);
  put_u32(p + 6, ls->have_program ? ls->store_crc : 0);
  put_u32(p + 10, ls->rx.dropped);
  put_u32(p + 14, ls->errors_sent);
  put_u32(p + 18, ls->up_received);
  link_send(ls, FRAME_STATE, seq, p, sizeof p);
}

/* BOARD_STATE (below): when the pins changed and 16 ms passed; when they changed; always */
typedef enum { BOARD_IF_DUE, BOARD_FINAL, BOARD_FORCE } BoardSend;
static void board_publish(LinkServer *ls, BoardSend how);

/* ==== program output and input =========================================================== */

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

/* input(): serve the link until STDIN frames brought a whole line (or STOP came). */
static long read_line(void *ctx, char *buf, size_t max) {
  LinkServer *ls = (LinkServer *)ctx;
  long result;
  flush_out(ls);   /* the prompt */
  ls->waiting_input = true;
  for (;;) {
    char *nl = (char *)memchr(ls->line, '\n', ls->line_len);
    if (nl != NULL) {
      size_t n = (size_t)(nl - ls->line), take = n, rest;
      if (take > 0 && ls->line[take - 1] == '\r') take--;
      if (take > max) take = max;
      memcpy(buf, ls->line, take);
      rest = ls->line_len - n - 1;
      memmove(ls->line, nl + 1, rest);
      ls->line_len = rest;
      result = (long)take;
      break;
    }
    if (ls->stop_requested) { result = -2; break; }
    if (ls->closed) { result = -1; break; }
    /* other threads run meanwhile; STOP ends the wait */
    if (link_service(ls) == 0 && !thread_wait(ls->vm, 20)) { result = -2; break; }
  }
  ls->waiting_input = false;
  return result;
}

static size_t put_str16(uint8_t *p, size_t room, const char *s, size_t len) {
  if (room < 2) return 0;
  if (len > room - 2) len = room - 2;
  put_u16(p, (uint32_t)len);
  memcpy(p + 2, s, len);
  return len + 2;
}

#if EXCEPTION_LED_CAUSE != EXC_CHAINED_CAUSE || EXCEPTION_LED_CONTEXT != EXC_CHAINED_CONTEXT
#error "the link's chain links must be the core's"
#endif

/* One EXCEPTION frame: exc, its frames, and (how != 0) how it leads to the next one sent. */
static void send_one_exception(LinkServer *ls, Value exc, uint8_t how) {
  VM *vm = ls->vm;
  uint8_t *p = ls->payload;
  TraceEntry frames[VIPER_TRACEBACK_MAX];
  size_t n = 0, room = sizeof ls->payload, i, msg_len, name_len, count_at, count = (size_t)vm_exception_frames(vm, exc, frames);
  const char *name = exception_type_name(exc);
  vm_format_exception_value(vm, exc);   /* "Name: message" */
  name_len = strlen(name);
  msg_len = vm->sb_len > name_len + 2 ? vm->sb_len - name_len - 2 : 0;
  n += put_str16(p + n, room - n, name, name_len);
  /* keep room for the frames: each at most ~70 bytes here */
  n += put_str16(p + n, room - n > 512 ? 512 : room - n, vm->sb_oom ? "" : vm->sb + name_len + 2,
                 vm->sb_oom ? 0 : msg_len);
  count_at = n;
  p[n++] = 0;
  for (i = 0; i < count; i++) {
    const TraceEntry *t = &frames[i];
    size_t need = 4 + t->code->file->len + t->code->name->len + 2;
    if (n + need + 1 > room || need > 200) break;
    n += put_str16(p + n, room - n, t->code->file->chars, t->code->file->len);
    n += put_str16(p + n, room - n, t->code->name->chars, t->code->name->len);
    put_u16(p + n, code_line_at(t->code, t->pc));
    n += 2;
    p[count_at]++;
  }
  if (how != 0) p[n++] = how;
  link_send(ls, FRAME_EXCEPTION, ls->tx_seq++, p, n);
}

/* The uncaught exception, after those it chains back to, oldest first. */
static void send_exception(LinkServer *ls) {
  Value chain[VIPER_CHAIN_MAX];
  uint8_t how[VIPER_CHAIN_MAX];
  int i, n = vm_exception_chain(ls->vm, chain, how, VIPER_CHAIN_MAX);
  for (i = 0; i < n; i++) send_one_exception(ls, chain[i], i < n - 1 ? how[i] : 0);
}

static bool run_poll(void *ctx) {
  LinkServer *ls = (LinkServer *)ctx;
  link_service(ls);
  return ls->stop_requested || ls->closed;
}

/* A fresh VM (empty __main__), wired to the link. */
static bool fresh_vm(LinkServer *ls) {
  ls->vm_live = false;
  ls->arena_len = 0;
  machine_reset();   /* pins, PWM, timers and interrupts as after a reset; no pins in use */
  if (!vm_init(ls->vm, ls->heap, ls->heap_size, out_write, ls)) return false;
  if (!console_init(ls->vm, read_line, ls)) return false;
  vm_set_poll(ls->vm, run_poll, ls);
  ls->vm->write_err = out_write;   /* stderr (threads' tracebacks, sys.stderr) shows in the console too */
  ls->vm->write_err_ctx = ls;
  ls->vm_live = true;
  return true;
}

/* Run image in the live VM and report how it ended: STDOUT, EXCEPTION, DONE. */
static void run_image(LinkServer *ls, const uint8_t *image, size_t len, bool whole_program) {
  uint8_t status;
  VmResult r;
  ls->running = true;
  ls->stop_requested = false;
  ls->out_len = 0;
  ls->vm->interrupt = false;
#if VIPER_DEBUGGER
  debug_program_start(ls->vm);
#endif
  r = vm_run_image(ls->vm, image, len);
  ls->waiting_input = false;   /* a daemon thread cut off in input() never cleared it */
  if (whole_program && r != VM_STOPPED) vm_finish(ls->vm);   /* generators' pending cleanup */
  if (r == VM_EXCEPTION && vm_exit_status(ls->vm) >= 0) {   /* sys.exit(): the program just ends */
    if (ls->vm->sb_len > 0) { out_write(ls, ls->vm->sb, ls->vm->sb_len); out_write(ls, "\n", 1); }
    r = VM_OK;
  }
  flush_out(ls);
  board_publish(ls, BOARD_FINAL);
  if (r == VM_EXCEPTION) send_exception(ls);
  status = r == VM_OK ? DONE_OK : r == VM_EXCEPTION ? DONE_EXCEPTION : r == VM_STOPPED ? DONE_STOPPED : DONE_VM_ERROR;
  link_send(ls, FRAME_DONE, ls->tx_seq++, &status, 1);
  ls->running = false;
  ls->stop_requested = false;
}

static void run_program(LinkServer *ls) {
  uint8_t status = DONE_VM_ERROR;
  if (!fresh_vm(ls)) { link_send(ls, FRAME_DONE, ls->tx_seq++, &status, 1); return; }
  run_image(ls, ls->store, ls->store_len, true);
}

/* ==== the board's pins (BOARD_STATE) and the Virtual board's input (BOARD_INPUT) ========== */

/* BOARD_STATE goes out at most this often: ~60 a second, what a screen shows. */
#define BOARD_STATE_MIN_MS 16

/* The link the board's state goes to (one per VM); NULL in standalone mode. */
static LinkServer *board_link;
/* Each pin's use as BOARD_STATE reports it (PIN_MODE_*), and its PWM duty or ADC reading. */
static uint8_t board_mode[MACHINE_MAX_PINS];
static uint16_t board_value[MACHINE_MAX_PINS];

void link_board_pin(int pin, uint8_t mode, uint16_t value) {
  if (pin < 0 || pin >= hal_board.pin_count) return;
  board_mode[pin] = mode;
  board_value[pin] = value;
}

void link_board_clear(void) { memset(board_mode, PIN_MODE_UNUSED, sizeof board_mode); }

/* u8 count, then per pin in use: u8 pin, u8 mode, u16 value (a level read now, a duty, a reading) */
static size_t board_state_payload(uint8_t *p) {
  size_t n = 1;
  int pin;
  p[0] = 0;
  for (pin = 0; pin < hal_board.pin_count; pin++) {
    uint8_t mode = board_mode[pin];
    uint16_t v;
    if (mode == PIN_MODE_UNUSED) continue;
    v = mode == PIN_MODE_PWM || mode == PIN_MODE_ADC || mode == PIN_MODE_BUS ? board_value[pin]
        : (uint16_t)(hal_pin_read(pin) ? 1 : 0);
    p[n++] = (uint8_t)pin;
    p[n++] = mode;
    put_u16(p + n, v);
    n += 2;
    p[0]++;
  }
  return n;
}

/* Send BOARD_STATE if the pins changed since the last one and the rate allows (always when
 * forced: SNAPSHOT; regardless of the rate when final: the program's last state goes out before
 * its DONE); then what the Virtual board's UART sent, as UART_OUT. Called whenever the
 * link is served, so a change held back by the rate goes out at the next call: the running
 * program's polls, the main thread's wake-ups (VIPER_PUMP_MS) while every thread sleeps, the
 * idle loop. */
static void board_publish(LinkServer *ls, BoardSend how) {
  uint8_t p[sizeof ls->board_sent];
  size_t n;
  uint32_t now = port_ticks_ms();
  bool force = how == BOARD_FORCE;
  if (how != BOARD_IF_DUE || now - ls->board_sent_ms >= BOARD_STATE_MIN_MS) {
    n = board_state_payload(p);
    if (force || n != ls->board_sent_len || memcmp(p, ls->board_sent, n) != 0) {
      link_send(ls, FRAME_BOARD_STATE, ls->tx_seq++, p, n);
      memcpy(ls->board_sent, p, n);
      ls->board_sent_len = n;
      ls->board_sent_ms = now;
    }
  }
  while ((n = hal_board_output(ls->payload, sizeof ls->payload)) > 0)
    link_send(ls, FRAME_UART_OUT, ls->tx_seq++, ls->payload, n);
}

void link_board_changed(void) {
  if (board_link != NULL) board_publish(board_link, BOARD_IF_DUE);
}

static bool is_uart(uint8_t id) {
  int i;
  for (i = 0; i < hal_board.bus_count; i++)
    if (hal_board.buses[i].kind == HAL_BUS_UART && hal_board.buses[i].id == id) return true;
  return false;
}

/* NULL when a BOARD_INPUT payload is well formed for this board, else why not. */
static const char *check_board_input(const uint8_t *p, size_t len) {
  if (len < 1) return "BOARD_INPUT needs a kind";
  switch (p[0]) {
  case BOARD_INPUT_SNAPSHOT:
    return len == 1 ? NULL : "SNAPSHOT takes nothing more";
  case BOARD_INPUT_PIN_LEVEL:
    if (len != 3) return "PIN_LEVEL needs a pin and a level";
    if (p[1] >= hal_board.pin_count) return "no such pin";
    return p[2] <= 1 ? NULL : "a level is 0 or 1";
  case BOARD_INPUT_ANALOG:
    if (len != 4) return "ANALOG needs a pin and a value";
    if (p[1] >= hal_board.pin_count) return "no such pin";
    return hal_board.pins[p[1]].caps & HAL_CAP_ADC ? NULL : "that pin has no ADC";
  case BOARD_INPUT_SENSOR:
    if (len == 6 && p[5] > 1) return "SENSOR's connected byte must be 0 or 1";
    return len == 5 || len == 6 ? NULL : "SENSOR needs a temperature and a humidity (and may say whether it is connected)";
  case BOARD_INPUT_UART_RX:
    if (len < 2) return "UART_RX needs a bus id";
    return is_uart(p[1]) ? NULL : "no such UART";
  case BOARD_INPUT_PULSES:
    if (len != 8) return "PULSES needs a pin, a count and a period";
    if (p[1] >= hal_board.pin_count) return "no such pin";
    return get_u32(p + 4) > 0 ? NULL : "a period is at least 1 us";
  default:
    return "unknown BOARD_INPUT kind";
  }
}

static void handle_board_input(LinkServer *ls, uint8_t seq, const uint8_t *p, size_t len) {
  const char *why = check_board_input(p, len);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, why); return; }
  if (p[0] == BOARD_INPUT_SNAPSHOT) {
    send_ack(ls, seq);
    board_publish(ls, BOARD_FORCE);
    return;
  }
  why = hal_board_input(p, len);   /* a real board's pins cannot be pressed from the IDE */
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_STATE, why); return; }
  send_ack(ls, seq);
}

/* ==== requests =========================================================================== */

/* NULL when the header names this VM's image format; else why not (in ls->payload). */
static const char *check_format(const uint8_t *image, size_t len) {
  static const char magic[4] = {IMAGE_MAGIC_0, IMAGE_MAGIC_1, IMAGE_MAGIC_2, IMAGE_MAGIC_3};
  unsigned version;
  if (len < IMAGE_HEADER_SIZE || memcmp(image, magic, 4) != 0) return NULL;   /* the verifier says */
  version = (unsigned)image[4] | ((unsigned)image[5] << 8);
  if (version == IMAGE_FORMAT_VERSION) return NULL;
  /* short and fixed: the IDE adds what to do */
  return version > IMAGE_FORMAT_VERSION ? "image format is newer than this VM: update the VM on the board"
                                        : "image format is older than this VM: update the IDE";
}

static bool in_place(const LinkServer *ls) { return ls->storage != NULL && ls->storage->begin != NULL; }

static void storage_failed(LinkServer *ls, uint8_t seq) {
  ls->uploading = false;
  send_error(ls, seq, LINK_ERR_STORAGE, "could not write program storage; the previous program stays");
}

static void handle_upload_end(LinkServer *ls, uint8_t seq) {
  const char *why;
  const uint8_t *image = ls->staging;
  ls->uploading = false;
  if (ls->up_received != ls->up_size) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, "upload incomplete"); return; }
  if (in_place(ls) && (image = ls->storage->finish(ls->storage->ctx)) == NULL) { storage_failed(ls, seq); return; }
  if (crc32(image, ls->up_size) != ls->up_crc) {
    send_error(ls, seq, LINK_ERR_CRC_MISMATCH, "image CRC mismatch");
    return;
  }
  why = check_format(image, ls->up_size);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_IMAGE_VERSION, why); return; }
  /* No program runs now, so the VM heap is free to serve as the verifier's scratch. */
  ls->vm_live = false;
  why = image_verify(image, ls->up_size, ls->heap, ls->heap_size);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, why); return; }
  if (in_place(ls)) {
    if (!ls->storage->seal(ls->storage->ctx, ls->up_size, ls->up_crc, ls->up_flags)) { storage_failed(ls, seq); return; }
    ls->store = image;
  } else {
    uint8_t *t;
    if (ls->storage != NULL && ls->storage->commit != NULL &&
        !ls->storage->commit(ls->storage->ctx, ls->staging, ls->up_size, ls->up_crc, ls->up_flags)) {
      storage_failed(ls, seq);
      return;
    }
    t = ls->store_buf;
    ls->store = ls->store_buf = ls->staging;
    ls->staging = t;
  }
  ls->store_len = ls->up_size;
  ls->store_crc = ls->up_crc;
  ls->store_flags = ls->up_flags;
  ls->have_program = true;
  send_ack(ls, seq);
}

static void handle_exec(LinkServer *ls, uint8_t seq, const uint8_t *p, size_t len) {
  size_t at, scratch_at;
  const char *why;
  if (ls->arena == NULL) { send_error(ls, seq, LINK_ERR_UNKNOWN_TYPE, "this VM has no REPL"); return; }
  if (len == 0) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "EXEC needs an image"); return; }
  why = check_format(p, len);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_IMAGE_VERSION, why); return; }
  if (!ls->vm_live && !fresh_vm(ls)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "heap too small"); return; }
  for (;;) {
    at = (ls->arena_len + 7u) & ~(size_t)7u;
    scratch_at = (at + len + 7u) & ~(size_t)7u;
    /* the verifier's scratch: 2 bytes per code byte, at most the entry's size */
    if (scratch_at + 2 * len <= ls->arena_cap) break;
    if (ls->arena_len == 0) { send_error(ls, seq, LINK_ERR_TOO_BIG, "REPL entry too large"); return; }
    /* the arena is full: start a new namespace (the IDE is told by the message) */
    if (!fresh_vm(ls)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "heap too small"); return; }
    out_write(ls, "[REPL memory full: variables were cleared]\n", 43);
    flush_out(ls);
  }
  memcpy(ls->arena + at, p, len);
  why = image_verify(ls->arena + at, len, ls->arena + scratch_at, ls->arena_cap - scratch_at);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, why); return; }
  ls->arena_len = at + len;
  send_ack(ls, seq);
  run_image(ls, ls->arena + at, len, false);
}

static void handle_stdin(LinkServer *ls, uint8_t seq, const uint8_t *p, size_t len) {
  if (ls->last_stdin_seq == seq) { send_ack(ls, seq); return; }   /* resent: ACK was lost */
  if (len > sizeof ls->line - ls->line_len) { send_error(ls, seq, LINK_ERR_BUSY, "input buffer full"); return; }
  memcpy(ls->line + ls->line_len, p, len);
  ls->line_len += len;
  ls->last_stdin_seq = seq;
  send_ack(ls, seq);
}

#if VIPER_DEBUGGER
/* ==== the debugger (docs/link-protocol.md#debugging) ====================================== */

static uint16_t get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

/* The engine stopped the program: tell the host, then serve the link until it resumes, detaches,
 * stops the program or goes away. */
static bool debug_stopped(void *ctx, VM *vm, uint8_t reason, uint32_t thread, ObjCode *code, uint32_t line,
                          Value exc) {
  LinkServer *ls = (LinkServer *)ctx;
  uint8_t *p = ls->payload;
  size_t n = 0, room = sizeof ls->payload;
  flush_out(ls);
  board_publish(ls, BOARD_FINAL);
  p[n++] = reason;
  put_u32(p + n, thread); n += 4;
  n += put_str16(p + n, 256, code->file->chars, code->file->len);
  put_u16(p + n, line); n += 2;
  if (reason == DEBUG_STOP_EXCEPTION || reason == DEBUG_STOP_RAISED) {
    const char *name = exception_type_name(exc);
    size_t name_len = strlen(name), msg_len;
    vm_format_exception_value(vm, exc);   /* "Name: message" */
    msg_len = !vm->sb_oom && vm->sb_len > name_len + 2 ? vm->sb_len - name_len - 2 : 0;
    n += put_str16(p + n, 256, name, name_len);
    n += put_str16(p + n, room - n, msg_len > 0 ? vm->sb + name_len + 2 : "", msg_len);
  }
  link_send(ls, FRAME_DEBUG_STOPPED, ls->tx_seq++, p, n);
  while (debug_is_stopped(vm) && !ls->stop_requested && !ls->closed)
    if (link_service(ls) == 0) port_link_wait(20);
  if (ls->closed) debug_set(vm, 0);
  return !ls->stop_requested;
}

/* A DEBUG_REPLY built by debug_inspect.c into ls->payload, or the ERROR it gives. */
static void send_debug_reply(LinkServer *ls, uint8_t seq, long n, const char *why) {
  if (n >= 0) send_answer(ls, FRAME_DEBUG_REPLY, seq, ls->payload, (size_t)n);
  else send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, why != NULL ? why : "bad request");
}

/* A verified image's code objects: names, modules, then the count. */
static uint32_t image_code_count(const uint8_t *image) {
  const uint8_t *q = image + IMAGE_HEADER_SIZE;
  uint32_t i, n = get_u16(q);
  for (q += 2, i = 0; i < n; i++) q += 2 + get_u16(q);
  q += 2 + 6 * (size_t)get_u16(q);
  return get_u16(q);
}

/* DEBUG_EVALUATE's image goes in the REPL arena's free space, verified as EXEC's is. It stays
 * there when it makes functions (a lambda may outlive the stop); else the space is used again. */
static void handle_debug_evaluate(LinkServer *ls, uint8_t seq, const uint8_t *p, size_t len) {
  size_t at, scratch_at, n = len - 2;
  const char *why = NULL;
  long r;
  if (ls->arena == NULL) { send_error(ls, seq, LINK_ERR_BAD_STATE, "this VM has no room to evaluate"); return; }
  if (ls->evaluating) { send_error(ls, seq, LINK_ERR_BUSY, "an evaluation is running"); return; }   /* its image is in the arena */
  if (n == 0) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_EVALUATE needs an image"); return; }
  why = check_format(p + 2, n);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_IMAGE_VERSION, why); return; }
  at = (ls->arena_len + 7u) & ~(size_t)7u;
  scratch_at = (at + n + 7u) & ~(size_t)7u;
  if (scratch_at + 2 * n > ls->arena_cap) { send_error(ls, seq, LINK_ERR_TOO_BIG, "no room left to evaluate"); return; }
  memcpy(ls->arena + at, p + 2, n);
  why = image_verify(ls->arena + at, n, ls->arena + scratch_at, ls->arena_cap - scratch_at);
  if (why != NULL) { send_error(ls, seq, LINK_ERR_BAD_IMAGE, why); return; }
  if (image_code_count(ls->arena + at) > 1) ls->arena_len = at + n;
  ls->evaluating = true;
  r = debug_reply_evaluate(ls->vm, get_u16(p), ls->arena + at, n, ls->payload, sizeof ls->payload, &why);
  ls->evaluating = false;
  flush_out(ls);   /* what it printed comes before its answer */
  send_debug_reply(ls, seq, r, why);
}

static void handle_debug(LinkServer *ls, uint8_t seq, uint8_t type, const uint8_t *p, size_t len) {
  VM *vm = ls->vm;
  const char *why = NULL;
  long r;
  switch (type) {
  case FRAME_DEBUG_SET:
    if (len != 1) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_SET needs one byte of flags"); return; }
    if (p[0] & ~(DEBUG_FLAG_ATTACHED | DEBUG_FLAG_BREAK_UNCAUGHT | DEBUG_FLAG_BREAK_RAISED)) {
      send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "unknown debug flags");
      return;
    }
    send_ack(ls, seq);
    debug_set(vm, p[0]);
    return;
  case FRAME_DEBUG_BREAKPOINTS: {
    uint16_t lines[VIPER_DEBUG_BREAKPOINTS];
    size_t file_len, count, i;
    if (len < 3 || (file_len = get_u16(p)) + 3 > len ||
        len != file_len + 3 + 2 * (size_t)(count = p[2 + file_len])) {
      send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_BREAKPOINTS needs a file, a count and its lines");
      return;
    }
    if (count > VIPER_DEBUG_BREAKPOINTS) { send_error(ls, seq, LINK_ERR_TOO_BIG, "too many breakpoints for this VM"); return; }
    for (i = 0; i < count; i++) lines[i] = get_u16(p + file_len + 3 + 2 * i);
    why = debug_set_breakpoints(vm, (const char *)p + 2, file_len, lines, count);
    if (why != NULL) { send_error(ls, seq, LINK_ERR_TOO_BIG, why); return; }
    send_ack(ls, seq);
    return;
  }
  case FRAME_DEBUG_PAUSE:
    if (len != 0) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_PAUSE takes nothing"); return; }
    if (!ls->running) { send_error(ls, seq, LINK_ERR_BAD_STATE, "no program is running"); return; }
    if (debug_is_stopped(vm)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "the program is stopped already"); return; }
    if (!debug_pause(vm)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "the debugger is not attached (DEBUG_SET)"); return; }
    send_ack(ls, seq);
    return;
  case FRAME_DEBUG_RESUME:
    if (len != 5 || p[0] > DEBUG_RESUME_STEP_OUT) {
      send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_RESUME needs how (0-3) and a thread");
      return;
    }
    if (!debug_is_stopped(vm)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "the program is not stopped"); return; }
    if (!debug_resume(vm, p[0], get_u32(p + 1))) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "no such thread"); return; }
    send_ack(ls, seq);
    return;
  default:
    break;
  }
  /* the inspection requests: a stopped program only */
  if (!debug_is_stopped(vm)) { send_error(ls, seq, LINK_ERR_BAD_STATE, "the program is not stopped"); return; }
  switch (type) {
  case FRAME_DEBUG_THREADS:
    if (len != 0) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_THREADS takes nothing"); return; }
    r = debug_reply_threads(vm, ls->payload, sizeof ls->payload, &why);
    break;
  case FRAME_DEBUG_STACK:
    if (len != 8) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_STACK needs a thread, a start and levels"); return; }
    r = debug_reply_stack(vm, get_u32(p), get_u16(p + 4), get_u16(p + 6), ls->payload, sizeof ls->payload, &why);
    break;
  case FRAME_DEBUG_SCOPES:
    if (len != 2) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_SCOPES needs a frame id"); return; }
    r = debug_reply_scopes(vm, get_u16(p), ls->payload, sizeof ls->payload, &why);
    break;
  case FRAME_DEBUG_VARIABLES:
    if (len != 10) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_VARIABLES needs a reference, a start and a count"); return; }
    r = debug_reply_variables(vm, get_u32(p), get_u32(p + 4), get_u16(p + 8), ls->payload, sizeof ls->payload, &why);
    break;
  default: /* FRAME_DEBUG_EVALUATE */
    if (len < 2) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "DEBUG_EVALUATE needs a frame id and an image"); return; }
    handle_debug_evaluate(ls, seq, p, len);
    return;
  }
  send_debug_reply(ls, seq, r, why);
}
#endif

static void soft_reset(LinkServer *ls) {
#if VIPER_DEBUGGER
  debug_set(ls->vm, 0);   /* a stopped program goes on, to see the stop below */
#endif
  ls->uploading = false;
  ls->line_len = 0;
  ls->last_stdin_seq = -1;
  if (ls->running) ls->stop_requested = true;
  else { ls->vm_live = false; ls->arena_len = 0; }
}

static void handle_frame(LinkServer *ls, uint8_t type, uint8_t seq, const uint8_t *p, size_t len) {
  if (type != FRAME_STDIN) ls->last_stdin_seq = -1;
  if (type == FRAME_HELLO || type == FRAME_STATUS) {
    ls->have_answer = false;
  } else if (type < 0x80) {
    if (ls->have_answer && type == ls->req_type && seq == ls->req_seq) {
      port_link_write(ls->answer, ls->answer_len);   /* a resend: answer again, act once */
      return;
    }
    ls->have_answer = false;
    ls->req_type = type;
    ls->req_seq = seq;
  }
  switch (type) {
  case FRAME_HELLO:
    send_info(ls, seq);
    return;
  case FRAME_STATUS:
    send_state(ls, seq);
    return;
  case FRAME_STOP:
    send_ack(ls, seq);
    ls->boot_cancelled = true;
    if (ls->running) ls->stop_requested = true;
    return;
  case FRAME_RESET:
    send_ack(ls, seq);
    soft_reset(ls);
    return;
  case FRAME_STDIN:
    handle_stdin(ls, seq, p, len);
    return;
  case FRAME_BOARD_INPUT:   /* while a program runs, too: a button pressed */
    handle_board_input(ls, seq, p, len);
    return;
#if VIPER_DEBUGGER
  case FRAME_DEBUG_SET: case FRAME_DEBUG_BREAKPOINTS: case FRAME_DEBUG_PAUSE: case FRAME_DEBUG_RESUME:
  case FRAME_DEBUG_THREADS: case FRAME_DEBUG_STACK: case FRAME_DEBUG_SCOPES: case FRAME_DEBUG_VARIABLES:
  case FRAME_DEBUG_EVALUATE:
    handle_debug(ls, seq, type, p, len);
    return;
#endif
  case FRAME_UPLOAD_BEGIN: case FRAME_UPLOAD_CHUNK: case FRAME_UPLOAD_END: case FRAME_RUN: case FRAME_EXEC:
    if (ls->running) { send_error(ls, seq, LINK_ERR_BUSY, "a program is running"); return; }
    ls->boot_cancelled = true;   /* the host has taken over: the boot program must not follow */
    break;
  default:
    send_error(ls, seq, LINK_ERR_UNKNOWN_TYPE, "unknown frame type");
    return;
  }
  switch (type) {
  case FRAME_UPLOAD_BEGIN: {
    uint32_t size;
    if (len != 8 && len != 9) { send_error(ls, seq, LINK_ERR_BAD_PAYLOAD, "UPLOAD_BEGIN needs size and CRC"); return; }
    size = get_u32(p);
    if (size > ls->store_cap) { ls->uploading = false; send_error(ls, seq, LINK_ERR_TOO_BIG, "image larger than program storage"); return; }
    /* resent (its ACK came later than the host waited: erasing a 64 KB sector or a SAM3X slot
     * takes over a second): the slot is erased and nothing written yet, so ACK it again, as
     * the first, without erasing twice */
    if (ls->uploading && seq == ls->up_begin_seq && ls->up_received == 0 && !ls->have_last_chunk &&
        size == ls->up_size && get_u32(p + 4) == ls->up_crc) {
      send_ack(ls, seq);
      return;
    }
    ls->uploading = false;
    /* in place: erase the slot not in force now, before the first chunk (it may take a while:
     * the host waits for this ACK). Nothing runs from that slot: RUN's namespace, which EXEC
     * goes on using, is the program in force's. */
    if (in_place(ls)) {
      if (!ls->storage->begin(ls->storage->ctx, size)) { storage_failed(ls, seq); return; }
    }
    ls->uploading = true;
    ls->up_size = size;
    ls->up_crc = get_u32(p + 4);
    ls->up_flags = len == 9 ? (uint8_t)(p[8] & PROGRAM_FLAG_RUN_AT_BOOT) : 0;
    ls->up_received = 0;
    ls->up_begin_seq = seq;
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
    if (in_place(ls)) {
      if (!ls->storage->write(ls->storage->ctx, p + 4, n)) { storage_failed(ls, seq); return; }
    } else {
      memcpy(ls->staging + offset, p + 4, n);
    }
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
  case FRAME_EXEC:
    handle_exec(ls, seq, p, len);
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
  ls->store = ls->store_buf = store_a;
  ls->staging = store_b;
  ls->store_cap = store_cap;
  ls->board_id = board_id;
  ls->chip_id = chip_id;
  ls->last_stdin_seq = -1;
  ls->board_sent_len = 1;   /* as if an empty table had been sent: no pin in use, nothing to say */
  board_link = ls;
#if VIPER_DEBUGGER
  debug_set_host(vm, debug_stopped, ls);
  debug_set(vm, 0);
#endif
}

void link_set_arena(LinkServer *ls, uint8_t *arena, size_t cap) {
  ls->arena = arena;
  ls->arena_cap = cap;
  ls->arena_len = 0;
}

void link_set_storage(LinkServer *ls, const LinkStorage *storage) { ls->storage = storage; }

bool link_set_program(LinkServer *ls, const uint8_t *image, size_t len, uint8_t flags) {
  if (len > ls->store_cap || check_format(image, len) != NULL ||
      image_verify(image, len, ls->heap, ls->heap_size) != NULL)
    return false;
  if (ls->store_buf != NULL) {
    memcpy(ls->store_buf, image, len);
    ls->store = ls->store_buf;
  } else {
    ls->store = image;   /* in place */
  }
  ls->store_len = len;
  ls->store_crc = crc32(image, len);
  ls->store_flags = (uint8_t)(flags & PROGRAM_FLAG_RUN_AT_BOOT);
  ls->have_program = true;
  ls->vm_live = false;
  return true;
}

bool link_boot(LinkServer *ls) {
  if (!ls->have_program || !(ls->store_flags & PROGRAM_FLAG_RUN_AT_BOOT)) return false;
  run_program(ls);
  return true;
}

int link_service(LinkServer *ls) {
  if (ls->closed) return -1;
  board_publish(ls, BOARD_IF_DUE);
  if (ls->in_pos >= ls->in_len) {
    int n = port_link_read(ls->in, sizeof ls->in);
    if (n < 0) {
      ls->closed = true;
#if VIPER_DEBUGGER
      debug_set(ls->vm, 0);   /* nobody to debug for: the program goes on (or ends, as without one) */
#endif
      return -1;
    }
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
