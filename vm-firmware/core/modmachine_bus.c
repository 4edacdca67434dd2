/* machine.UART, machine.I2C and machine.SPI: MicroPython's classes over hal_bus.h. Reads that
 * wait (UART timeouts) give the interpreter lock up with thread_wait(), so other threads run
 * meanwhile; I2C and SPI transfers are short and run holding it. */
#include <string.h>

#include "gen/link_protocol.h"
#include "hal_bus.h"
#include "machine.h"
#include "thread.h"

enum { ENODEV_ = 19, EIO_ = 5, ETIMEDOUT_ = 110 };   /* MicroPython's errno numbers */
enum { WAIT_STEP_MS = 2 };   /* how often a waiting read looks again (data comes with the link) */

/* One layout for the three classes: the bus's number, whether it is open, and its settings. */
typedef struct ObjBus {
  Obj obj;
  uint8_t id;
  bool open;
  uint32_t baud;             /* UART and SPI baud rate, I2C frequency */
  uint8_t bits, parity, stop;   /* UART: parity as hal_uart_open's (0 none, 1 odd, 2 even) */
  int32_t timeout, timeout_char;   /* UART, ms */
  uint8_t polarity, phase, firstbit;   /* SPI */
} ObjBus;

extern const Type uart_type, i2c_type, spi_type;
#define AS_BUS(v) ((ObjBus *)AS_OBJ(v))

static const char *kind_name(int kind) { return kind == HAL_BUS_UART ? "UART" : kind == HAL_BUS_I2C ? "I2C" : "SPI"; }

/* ---- shared helpers ---------------------------------------------------------------------- */

static bool int_arg(VM *vm, Value v, const char *what, vint lo, vint hi, vint *out) {
  if (!IS_INTLIKE(v)) { vm_raise_fmt(vm, &exc_TypeError, "%s must be an int, not %t", what, v); return false; }
  *out = AS_INTLIKE(v);
  if (*out < lo || *out > hi) { vm_raise_fmt(vm, &exc_ValueError, "%s must be %d..%d, not %d", what, (int)lo, (int)hi, (int)*out); return false; }
  return true;
}

/* The board's bus of that kind and number; NULL with "no UART 3 on virtual (UART ids: 1)". */
static const HalBusInfo *bus_find(VM *vm, int kind, Value id) {
  char ids[64];
  size_t n = 0;
  int i;
  if (!IS_INTLIKE(id)) { vm_raise_fmt(vm, &exc_TypeError, "%s id must be an int, not %t", kind_name(kind), id); return NULL; }
  for (i = 0; i < hal_board.bus_count; i++) {
    const HalBusInfo *b = &hal_board.buses[i];
    if (b->kind != kind) continue;
    if ((vint)b->id == AS_INTLIKE(id)) {
      int p, npins = kind == HAL_BUS_SPI ? 3 : 2;
      for (p = 0; p < npins; p++)
        if (hal_board.pins[b->pins[p]].caps & HAL_CAP_LINK) {
          vm_raise_fmt(vm, &exc_ValueError, "pin %s is used by the link to the IDE", hal_board.pins[b->pins[p]].name);
          return NULL;
        }
      return b;
    }
    if (n + 6 < sizeof ids) {   /* "1, 2" */
      if (n > 0) { ids[n++] = ','; ids[n++] = ' '; }
      if (b->id >= 10) ids[n++] = (char)('0' + b->id / 10);
      ids[n++] = (char)('0' + b->id % 10);
    }
  }
  ids[n] = 0;
  if (n == 0) vm_raise_fmt(vm, &exc_ValueError, "no %s %d on %s (it has none)", kind_name(kind), (int)AS_INTLIKE(id), hal_board.id);
  else vm_raise_fmt(vm, &exc_ValueError, "no %s %d on %s (%s ids: %s)", kind_name(kind), (int)AS_INTLIKE(id), hal_board.id, kind_name(kind), ids);
  return NULL;
}

static ObjBus *bus_new(VM *vm, const Type *type, uint8_t id) {
  ObjBus *b = (ObjBus *)obj_alloc(vm, type, sizeof(ObjBus));
  if (b == NULL) return NULL;
  memset((uint8_t *)b + sizeof(Obj), 0, sizeof(ObjBus) - sizeof(Obj));
  b->id = id;
  return b;
}

/* OSError(errno, 'ENODEV'): prints "[Errno 19] ENODEV" as MicroPython's. */
static Value raise_errno(VM *vm, int err) {
  Value args[2];
  args[0] = INT_VAL(err);
  args[1] = str_from_cstr(vm, err == ENODEV_ ? "ENODEV" : err == ETIMEDOUT_ ? "ETIMEDOUT" : err == EIO_ ? "EIO" : "EINVAL");
  if (args[1] == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, args[1]);
  args[0] = exception_make(vm, &exc_OSError, 2, args);
  vm_pop_root(vm);
  if (args[0] == EXC_VAL) return EXC_VAL;
  vm->exc = args[0];
  return EXC_VAL;
}

/* The bus's pins in BOARD_STATE: mode "bus" while it is open, unused once closed. */
static void bus_pins_show(const Type *type, uint8_t id, bool open) {
  int kind = type == &uart_type ? HAL_BUS_UART : type == &i2c_type ? HAL_BUS_I2C : HAL_BUS_SPI, i, p;
  for (i = 0; i < hal_board.bus_count; i++) {
    const HalBusInfo *b = &hal_board.buses[i];
    if (b->kind != kind || b->id != id) continue;
    for (p = 0; p < (kind == HAL_BUS_SPI ? 3 : 2); p++) link_board_pin(b->pins[p], open ? PIN_MODE_BUS : PIN_MODE_UNUSED, 0);
    link_board_changed();
  }
}

static bool check_open(VM *vm, ObjBus *b) {
  if (b->open) return true;
  vm_raise_fmt(vm, &exc_ValueError, "I/O operation on closed %s %d (init() opens it again)", OBJ_TYPE(OBJ_VAL(b))->name, b->id);
  return false;
}

/* A buffer to send: bytes-like, or (UART) a str's UTF-8. Contiguous bytes only. */
static bool read_buffer(VM *vm, Value v, bool str_ok, Buffer *buf) {
  if (str_ok && IS_STR(v)) {
    buf->data = (uint8_t *)AS_STR(v)->chars;
    buf->len = AS_STR(v)->len;
    buf->stride = buf->itemsize = 1;
    buf->writable = false;
    return true;
  }
  if (!buffer_get(vm, v, buf)) {
    vm_raise_fmt(vm, &exc_TypeError, "object with buffer protocol required, not %t", v);
    return false;
  }
  if (buf->stride != (int32_t)buf->itemsize) { vm_raise(vm, &exc_ValueError, "buffer must be contiguous"); return false; }
  buf->len *= buf->itemsize;
  return true;
}

/* A buffer to fill: bytearray, array, a writable memoryview. */
static bool write_buffer(VM *vm, Value v, Buffer *buf) {
  if (!read_buffer(vm, v, false, buf)) return false;
  if (!buf->writable) { vm_raise_fmt(vm, &exc_TypeError, "buffer must be writable (a bytearray), not %t", v); return false; }
  return true;
}

/* ==== UART ================================================================================ */

/* Its settings from (baudrate, bits, parity, stop) positional or by name, and the keywords
 * timeout and timeout_char: slot i of the keywords is args[first + i] when given positionally. */
static bool uart_settings(VM *vm, ObjBus *u, int argc, Value *args, int first) {
  static const char *const names[] = {"baudrate", "bits", "parity", "stop", "timeout", "timeout_char"};
  Value v[6];
  vint x;
  int i;
  for (i = 0; i < 6; i++) v[i] = i < 4 && first + i < argc ? args[first + i] : NATIVE_KW(args, argc, i);
  if (v[0] != UNBOUND_VAL) { if (!int_arg(vm, v[0], names[0], 1, 10000000, &x)) return false; u->baud = (uint32_t)x; }
  if (v[1] != UNBOUND_VAL) { if (!int_arg(vm, v[1], names[1], 7, 9, &x)) return false; u->bits = (uint8_t)x; }
  if (v[2] != UNBOUND_VAL) {   /* MicroPython: None, 0 (even) or 1 (odd) */
    if (IS_NONE(v[2])) u->parity = 0;
    else if (!int_arg(vm, v[2], names[2], 0, 1, &x)) return false;
    else u->parity = x == 0 ? 2 : 1;
  }
  if (v[3] != UNBOUND_VAL) { if (!int_arg(vm, v[3], names[3], 1, 2, &x)) return false; u->stop = (uint8_t)x; }
  if (v[4] != UNBOUND_VAL) { if (!int_arg(vm, v[4], names[4], 0, 0x7fffffff, &x)) return false; u->timeout = (int32_t)x; }
  if (v[5] != UNBOUND_VAL) { if (!int_arg(vm, v[5], names[5], 0, 0x7fffffff, &x)) return false; u->timeout_char = (int32_t)x; }
  return true;
}

static bool uart_open(VM *vm, ObjBus *u) {
  const char *why = hal_uart_open(u->id, u->baud, u->bits, u->parity, u->stop);
  if (why != NULL) { vm_raise_fmt(vm, &exc_ValueError, "UART %d: %s", u->id, why); return false; }
  u->open = true;
  bus_pins_show(&uart_type, u->id, true);
  return true;
}

#define UART_KW "baudrate bits parity stop timeout timeout_char"

/* UART(id, baudrate=9600, bits=8, parity=None, stop=1, *, timeout=0, timeout_char=0) */
static Value uart_make(VM *vm, int argc, Value *args) {
  const HalBusInfo *info = bus_find(vm, HAL_BUS_UART, args[0]);
  ObjBus *u;
  if (info == NULL || (u = bus_new(vm, &uart_type, info->id)) == NULL) return EXC_VAL;
  u->baud = 9600;
  u->bits = 8;
  u->stop = 1;
  if (!uart_settings(vm, u, argc, args, 1) || !uart_open(vm, u)) return EXC_VAL;
  return OBJ_VAL(u);
}

static Value m_uart_init(VM *vm, int argc, Value *args) {
  ObjBus *u = AS_BUS(args[0]);
  if (!uart_settings(vm, u, argc, args, 1)) return EXC_VAL;
  if (u->open) hal_uart_close(u->id);
  u->open = false;
  return uart_open(vm, u) ? NONE_VAL : EXC_VAL;
}

static Value m_bus_deinit(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  const Type *t = OBJ_TYPE(args[0]);
  (void)vm; (void)argc;
  if (b->open) {
    if (t == &uart_type) hal_uart_close(b->id);
    else if (t == &i2c_type) hal_i2c_close(b->id);
    else hal_spi_close(b->id);
    bus_pins_show(t, b->id, false);
  }
  b->open = false;
  return NONE_VAL;
}

/* Wait up to ms for a byte to read: 1 one came, 0 none in time, -1 stopped (exception raised). */
static int uart_wait(VM *vm, ObjBus *u, int32_t ms) {
  uint32_t start = port_ticks_ms();
  while (hal_uart_any(u->id) == 0) {
    uint32_t spent = port_ticks_ms() - start;
    if (spent >= (uint32_t)ms) return 0;
    if (!thread_wait(vm, (uint32_t)ms - spent < WAIT_STEP_MS ? (uint32_t)ms - spent : WAIT_STEP_MS)) return -1;
  }
  return 1;
}

/* read([n]) / readline(): up to max bytes (max < 0: as many as come), the first within
 * timeout and each next within timeout_char; a line stops after its newline. bytes, or None
 * when nothing came. */
static Value uart_read_common(VM *vm, ObjBus *u, vint max, bool line) {
  size_t have = 0, room = max >= 0 ? (size_t)max : 64;
  Value out;
  int w;
  if (!check_open(vm, u) || (out = bytes_new(vm, &bytearray_type, NULL, (uint32_t)room)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, out);
  w = uart_wait(vm, u, u->timeout);
  while (w > 0) {
    size_t n;
    if (have == room) {   /* no n given: a bigger buffer */
      Value bigger = bytes_new(vm, &bytearray_type, NULL, (uint32_t)room * 2);
      if (bigger == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
      memcpy(AS_BYTES(bigger)->data, AS_BYTES(out)->data, have);
      vm_pop_root(vm);
      vm_push_root(vm, out = bigger);
      room *= 2;
    }
    n = hal_uart_read(u->id, AS_BYTES(out)->data + have, line ? 1 : room - have);
    have += n;
    if ((line && n == 1 && AS_BYTES(out)->data[have - 1] == '\n') || (max >= 0 && have == room)) break;
    if (hal_uart_any(u->id) == 0) w = uart_wait(vm, u, u->timeout_char);
  }
  if (w >= 0 && have > 0) {   /* out stays rooted while its copy is made */
    Value result = bytes_new(vm, &bytes_type, NULL, (uint32_t)have);
    if (result != EXC_VAL) memcpy(AS_BYTES(result)->data, AS_BYTES(out)->data, have);
    vm_pop_root(vm);
    return result;
  }
  vm_pop_root(vm);
  return w < 0 ? EXC_VAL : NONE_VAL;
}

static Value m_uart_read(VM *vm, int argc, Value *args) {
  vint n = -1;
  if (argc > 1 && !IS_NONE(args[1]) && !int_arg(vm, args[1], "nbytes", 0, 0x1000000, &n)) return EXC_VAL;
  if (n == 0) return check_open(vm, AS_BUS(args[0])) ? bytes_new(vm, &bytes_type, NULL, 0) : EXC_VAL;
  return uart_read_common(vm, AS_BUS(args[0]), n, false);
}

static Value m_uart_readline(VM *vm, int argc, Value *args) {
  (void)argc;
  return uart_read_common(vm, AS_BUS(args[0]), -1, true);
}

/* readinto(buf[, nbytes]) -> the count read, or None when nothing came */
static Value m_uart_readinto(VM *vm, int argc, Value *args) {
  ObjBus *u = AS_BUS(args[0]);
  Buffer buf;
  vint n;
  Value got;
  if (!check_open(vm, u) || !write_buffer(vm, args[1], &buf)) return EXC_VAL;
  n = buf.len;
  if (argc > 2 && !int_arg(vm, args[2], "nbytes", 0, buf.len, &n)) return EXC_VAL;
  if (n == 0) return INT_VAL(0);
  got = uart_read_common(vm, u, n, false);
  if (got == EXC_VAL || IS_NONE(got)) return got;
  if (!write_buffer(vm, args[1], &buf)) return EXC_VAL;   /* found again: reading allocated */
  memcpy(buf.data, AS_BYTES(got)->data, AS_BYTES(got)->len);
  return INT_VAL((vint)AS_BYTES(got)->len);
}

/* write(buf) -> bytes written (all of them, unless the port takes none for a second) */
static Value m_uart_write(VM *vm, int argc, Value *args) {
  ObjBus *u = AS_BUS(args[0]);
  Buffer buf;
  size_t done = 0;
  uint32_t last = port_ticks_ms();
  (void)argc;
  if (!check_open(vm, u) || !read_buffer(vm, args[1], true, &buf)) return EXC_VAL;
  for (;;) {
    size_t n;
    if (!read_buffer(vm, args[1], true, &buf)) return EXC_VAL;   /* again: a wait may move it */
    n = hal_uart_write(u->id, buf.data + done, buf.len - done);
    done += n;
    if (done >= buf.len) break;
    if (n > 0) last = port_ticks_ms();
    else if (port_ticks_ms() - last >= 1000) break;
    if (!thread_wait(vm, WAIT_STEP_MS)) return EXC_VAL;
  }
  return done == 0 && buf.len > 0 ? NONE_VAL : INT_VAL((vint)done);
}

static Value m_uart_any(VM *vm, int argc, Value *args) {
  ObjBus *u = AS_BUS(args[0]);
  (void)argc;
  if (!check_open(vm, u)) return EXC_VAL;
  return INT_VAL((vint)hal_uart_any(u->id));
}

/* flush()/txdone(): the ports hand written bytes on at once (hal_uart_write queues them). */
static Value m_uart_flush(VM *vm, int argc, Value *args) {
  (void)argc;
  return check_open(vm, AS_BUS(args[0])) ? NONE_VAL : EXC_VAL;
}

static Value m_uart_txdone(VM *vm, int argc, Value *args) {
  (void)argc;
  return check_open(vm, AS_BUS(args[0])) ? TRUE_VAL : EXC_VAL;
}

/* UART(1, baudrate=9600, bits=8, parity=None, stop=1, timeout=0, timeout_char=0) */
static void uart_print(VM *vm, Value v, bool repr) {
  ObjBus *u = AS_BUS(v);
  (void)repr;
  vm_sb_cstr(vm, "UART(");
  value_write(vm, INT_VAL(u->id), false);
  vm_sb_cstr(vm, ", baudrate=");
  value_write(vm, INT_VAL((vint)u->baud), false);
  vm_sb_cstr(vm, ", bits=");
  value_write(vm, INT_VAL(u->bits), false);
  vm_sb_cstr(vm, u->parity == 0 ? ", parity=None" : u->parity == 1 ? ", parity=1" : ", parity=0");
  vm_sb_cstr(vm, ", stop=");
  value_write(vm, INT_VAL(u->stop), false);
  vm_sb_cstr(vm, ", timeout=");
  value_write(vm, INT_VAL(u->timeout), false);
  vm_sb_cstr(vm, ", timeout_char=");
  value_write(vm, INT_VAL(u->timeout_char), false);
  vm_sb_cstr(vm, u->open ? ")" : ", closed)");
}

static const MethodDef uart_methods[] = {
  {"init", m_uart_init, 0, 4, UART_KW},
  {"deinit", m_bus_deinit, 0, 0, NULL},
  {"read", m_uart_read, 0, 1, NULL},
  {"readline", m_uart_readline, 0, 0, NULL},
  {"readinto", m_uart_readinto, 1, 2, NULL},
  {"write", m_uart_write, 1, 1, NULL},
  {"any", m_uart_any, 0, 0, NULL},
  {"flush", m_uart_flush, 0, 0, NULL},
  {"txdone", m_uart_txdone, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const ObjBuiltin uart_make_builtin = {{&builtin_type}, "UART", uart_make, 1, 5, UART_KW};
const Type uart_type = {{&type_type}, "UART", NULL, NULL, uart_methods, .print = uart_print, .make = &uart_make_builtin};

/* ==== I2C ================================================================================= */

static bool i2c_open(VM *vm, ObjBus *b, Value freq) {
  const char *why;
  vint f;
  if (freq != UNBOUND_VAL) {
    if (!int_arg(vm, freq, "freq", 1, 5000000, &f)) return false;
    b->baud = (uint32_t)f;
  }
  if ((why = hal_i2c_open(b->id, b->baud)) != NULL) { vm_raise_fmt(vm, &exc_ValueError, "I2C %d: %s", b->id, why); return false; }
  b->open = true;
  bus_pins_show(&i2c_type, b->id, true);
  return true;
}

/* I2C(id, *, freq=400000) */
static Value i2c_make(VM *vm, int argc, Value *args) {
  const HalBusInfo *info = bus_find(vm, HAL_BUS_I2C, args[0]);
  ObjBus *b;
  if (info == NULL || (b = bus_new(vm, &i2c_type, info->id)) == NULL) return EXC_VAL;
  b->baud = 400000;
  return i2c_open(vm, b, NATIVE_KW(args, argc, 0)) ? OBJ_VAL(b) : EXC_VAL;
}

static Value m_i2c_init(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  if (b->open) hal_i2c_close(b->id);
  b->open = false;
  return i2c_open(vm, b, NATIVE_KW(args, argc, 0)) ? NONE_VAL : EXC_VAL;
}

static bool addr_arg(VM *vm, Value v, uint8_t *addr) {
  vint a;
  if (!int_arg(vm, v, "address", 0, 127, &a)) return false;
  *addr = (uint8_t)a;
  return true;
}

static bool stop_arg(Value v) { return v == UNBOUND_VAL || value_truthy(v); }

/* One transaction; false with OSError(errno) raised. */
static bool i2c_do(VM *vm, ObjBus *b, uint8_t addr, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len, bool stop) {
  int r = hal_i2c_transfer(b->id, addr, tx, tx_len, rx, rx_len, stop);
  if (r < 0) { raise_errno(vm, -r); return false; }
  return true;
}

/* scan() -> the addresses 0x08..0x77 that answer */
static Value m_i2c_scan(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  Value list;
  int a;
  (void)argc;
  if (!check_open(vm, b) || (list = list_new(vm, 0)) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, list);
  for (a = 0x08; a <= 0x77; a++)
    if (hal_i2c_transfer(b->id, (uint8_t)a, NULL, 0, NULL, 0, true) == 0 && !list_append(vm, AS_LIST(list), INT_VAL(a))) {
      vm_pop_root(vm);
      return EXC_VAL;
    }
  vm_pop_root(vm);
  return list;
}

/* readfrom(addr, nbytes, stop=True) -> bytes */
static Value m_i2c_readfrom(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr;
  vint n;
  Value out;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) || !int_arg(vm, args[2], "nbytes", 0, 0x100000, &n)) return EXC_VAL;
  if ((out = bytes_new(vm, &bytes_type, NULL, (uint32_t)n)) == EXC_VAL) return EXC_VAL;
  if (!i2c_do(vm, b, addr, NULL, 0, AS_BYTES(out)->data, (size_t)n, stop_arg(argc > 3 ? args[3] : NATIVE_KW(args, argc, 0))))
    return EXC_VAL;
  return out;
}

/* readfrom_into(addr, buf, stop=True) */
static Value m_i2c_readfrom_into(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr;
  Buffer buf;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) || !write_buffer(vm, args[2], &buf)) return EXC_VAL;
  return i2c_do(vm, b, addr, NULL, 0, buf.data, buf.len, stop_arg(argc > 3 ? args[3] : NATIVE_KW(args, argc, 0))) ? NONE_VAL : EXC_VAL;
}

/* writeto(addr, buf, stop=True) -> the bytes acknowledged */
static Value m_i2c_writeto(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr;
  Buffer buf;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) || !read_buffer(vm, args[2], false, &buf)) return EXC_VAL;
  if (!i2c_do(vm, b, addr, buf.data, buf.len, NULL, 0, stop_arg(argc > 3 ? args[3] : NATIVE_KW(args, argc, 0)))) return EXC_VAL;
  return INT_VAL((vint)buf.len);
}

/* writevto(addr, vector, stop=True) -> the bytes acknowledged: the buffers of vector, one after
 * the other, in one write */
static Value m_i2c_writevto(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr;
  Value parts, whole;
  uint32_t i, total = 0, at = 0;
  bool ok;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) || (parts = value_to_list(vm, args[2])) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, parts);
  for (i = 0; i < AS_LIST(parts)->len; i++) {
    Buffer buf;
    if (!read_buffer(vm, AS_LIST(parts)->items[i], false, &buf)) { vm_pop_root(vm); return EXC_VAL; }
    total += buf.len;
  }
  if ((whole = bytes_new(vm, &bytes_type, NULL, total)) == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
  vm_push_root(vm, whole);
  for (i = 0; i < AS_LIST(parts)->len; i++) {   /* no allocation from here: the pointers hold */
    Buffer buf;
    read_buffer(vm, AS_LIST(parts)->items[i], false, &buf);
    if (buf.len > 0) memcpy(AS_BYTES(whole)->data + at, buf.data, buf.len);
    at += buf.len;
  }
  ok = i2c_do(vm, b, addr, AS_BYTES(whole)->data, total, NULL, 0, stop_arg(argc > 3 ? args[3] : NATIVE_KW(args, argc, 0)));
  vm_pop_root(vm);
  vm_pop_root(vm);
  return ok ? INT_VAL((vint)total) : EXC_VAL;
}

/* memaddr as addrsize/8 bytes, most significant first, into out; the count, or 0 raised. */
static size_t memaddr_bytes(VM *vm, Value memaddr, Value addrsize, uint8_t out[4]) {
  vint m, bits = 8;
  size_t n, i;
  if (addrsize != UNBOUND_VAL && !int_arg(vm, addrsize, "addrsize", 8, 32, &bits)) return 0;
  if (bits % 8 != 0) { vm_raise(vm, &exc_ValueError, "addrsize must be 8, 16, 24 or 32"); return 0; }
  n = (size_t)bits / 8;
  if (!int_arg(vm, memaddr, "memaddr", 0, n == 4 ? 0x7fffffff : ((vint)1 << bits) - 1, &m)) return 0;
  for (i = 0; i < n; i++) out[i] = (uint8_t)((uint32_t)m >> (8 * (n - 1 - i)));
  return n;
}

/* readfrom_mem(addr, memaddr, nbytes, *, addrsize=8) -> bytes: memaddr written, then read after
 * a repeated start */
static Value m_i2c_readfrom_mem(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr, ma[4];
  size_t malen;
  vint n;
  Value out;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) ||
      (malen = memaddr_bytes(vm, args[2], NATIVE_KW(args, argc, 0), ma)) == 0 ||
      !int_arg(vm, args[3], "nbytes", 0, 0x100000, &n)) return EXC_VAL;
  if ((out = bytes_new(vm, &bytes_type, NULL, (uint32_t)n)) == EXC_VAL) return EXC_VAL;
  return i2c_do(vm, b, addr, ma, malen, AS_BYTES(out)->data, (size_t)n, true) ? out : EXC_VAL;
}

static Value m_i2c_readfrom_mem_into(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr, ma[4];
  size_t malen;
  Buffer buf;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) ||
      (malen = memaddr_bytes(vm, args[2], NATIVE_KW(args, argc, 0), ma)) == 0 || !write_buffer(vm, args[3], &buf))
    return EXC_VAL;
  return i2c_do(vm, b, addr, ma, malen, buf.data, buf.len, true) ? NONE_VAL : EXC_VAL;
}

/* writeto_mem(addr, memaddr, buf, *, addrsize=8): memaddr and buf in one write */
static Value m_i2c_writeto_mem(VM *vm, int argc, Value *args) {
  ObjBus *b = AS_BUS(args[0]);
  uint8_t addr, ma[4];
  size_t malen;
  Buffer buf;
  Value whole;
  bool ok;
  if (!check_open(vm, b) || !addr_arg(vm, args[1], &addr) ||
      (malen = memaddr_bytes(vm, args[2], NATIVE_KW(args, argc, 0), ma)) == 0 || !read_buffer(vm, args[3], false, &buf))
    return EXC_VAL;
  if ((whole = bytes_new(vm, &bytes_type, NULL, (uint32_t)(malen + buf.len))) == EXC_VAL) return EXC_VAL;
  if (!read_buffer(vm, args[3], false, &buf)) return EXC_VAL;   /* the allocation may have moved it */
  memcpy(AS_BYTES(whole)->data, ma, malen);
  if (buf.len > 0) memcpy(AS_BYTES(whole)->data + malen, buf.data, buf.len);
  vm_push_root(vm, whole);
  ok = i2c_do(vm, b, addr, AS_BYTES(whole)->data, malen + buf.len, NULL, 0, true);
  vm_pop_root(vm);
  return ok ? NONE_VAL : EXC_VAL;
}

static void i2c_print(VM *vm, Value v, bool repr) {
  ObjBus *b = AS_BUS(v);
  (void)repr;
  vm_sb_cstr(vm, "I2C(");
  value_write(vm, INT_VAL(b->id), false);
  vm_sb_cstr(vm, ", freq=");
  value_write(vm, INT_VAL((vint)b->baud), false);
  vm_sb_cstr(vm, b->open ? ")" : ", closed)");
}

static const MethodDef i2c_methods[] = {
  {"init", m_i2c_init, 0, 0, "freq"},
  {"deinit", m_bus_deinit, 0, 0, NULL},
  {"scan", m_i2c_scan, 0, 0, NULL},
  {"readfrom", m_i2c_readfrom, 2, 3, "stop"},
  {"readfrom_into", m_i2c_readfrom_into, 2, 3, "stop"},
  {"writeto", m_i2c_writeto, 2, 3, "stop"},
  {"writevto", m_i2c_writevto, 2, 3, "stop"},
  {"readfrom_mem", m_i2c_readfrom_mem, 3, 3, "addrsize"},
  {"readfrom_mem_into", m_i2c_readfrom_mem_into, 3, 3, "addrsize"},
  {"writeto_mem", m_i2c_writeto_mem, 3, 3, "addrsize"},
  {NULL, NULL, 0, 0, NULL},
};

static const ObjBuiltin i2c_make_builtin = {{&builtin_type}, "I2C", i2c_make, 1, 1, "freq"};
const Type i2c_type = {{&type_type}, "I2C", NULL, NULL, i2c_methods, .print = i2c_print, .make = &i2c_make_builtin};

/* ==== SPI ================================================================================= */

enum { SPI_MSB = 0, SPI_LSB = 1 };
#define SPI_KW "baudrate polarity phase bits firstbit"

/* baudrate (positional or by name), polarity, phase, bits, firstbit */
static bool spi_settings(VM *vm, ObjBus *s, int argc, Value *args) {
  Value v[5];
  vint x;
  int i;
  for (i = 0; i < 5; i++) v[i] = NATIVE_KW(args, argc, i);
  if (argc > 1) v[0] = args[1];
  if (v[0] != UNBOUND_VAL) { if (!int_arg(vm, v[0], "baudrate", 1, 100000000, &x)) return false; s->baud = (uint32_t)x; }
  if (v[1] != UNBOUND_VAL) { if (!int_arg(vm, v[1], "polarity", 0, 1, &x)) return false; s->polarity = (uint8_t)x; }
  if (v[2] != UNBOUND_VAL) { if (!int_arg(vm, v[2], "phase", 0, 1, &x)) return false; s->phase = (uint8_t)x; }
  if (v[3] != UNBOUND_VAL && (!IS_INTLIKE(v[3]) || AS_INTLIKE(v[3]) != 8)) {
    vm_raise_fmt(vm, &exc_ValueError, "bits must be 8, not %v", v[3]);
    return false;
  }
  if (v[4] != UNBOUND_VAL) {
    if (!IS_INTLIKE(v[4]) || (AS_INTLIKE(v[4]) != SPI_MSB && AS_INTLIKE(v[4]) != SPI_LSB)) {
      vm_raise_fmt(vm, &exc_ValueError, "firstbit must be SPI.MSB or SPI.LSB, not %v", v[4]);
      return false;
    }
    s->firstbit = (uint8_t)AS_INTLIKE(v[4]);
  }
  return true;
}

static bool spi_open(VM *vm, ObjBus *s) {
  const char *why = hal_spi_open(s->id, s->baud, s->polarity, s->phase);
  if (why != NULL) { vm_raise_fmt(vm, &exc_ValueError, "SPI %d: %s", s->id, why); return false; }
  s->open = true;
  bus_pins_show(&spi_type, s->id, true);
  return true;
}

/* SPI(id, baudrate=1000000, *, polarity=0, phase=0, bits=8, firstbit=SPI.MSB) */
static Value spi_make(VM *vm, int argc, Value *args) {
  const HalBusInfo *info = bus_find(vm, HAL_BUS_SPI, args[0]);
  ObjBus *s;
  if (info == NULL || (s = bus_new(vm, &spi_type, info->id)) == NULL) return EXC_VAL;
  s->baud = 1000000;
  return spi_settings(vm, s, argc, args) && spi_open(vm, s) ? OBJ_VAL(s) : EXC_VAL;
}

static Value m_spi_init(VM *vm, int argc, Value *args) {
  ObjBus *s = AS_BUS(args[0]);
  if (!spi_settings(vm, s, argc, args)) return EXC_VAL;
  if (s->open) hal_spi_close(s->id);
  s->open = false;
  return spi_open(vm, s) ? NONE_VAL : EXC_VAL;
}

static uint8_t reverse_bits(uint8_t b) {
  b = (uint8_t)((b & 0xF0) >> 4 | (b & 0x0F) << 4);
  b = (uint8_t)((b & 0xCC) >> 2 | (b & 0x33) << 2);
  return (uint8_t)((b & 0xAA) >> 1 | (b & 0x55) << 1);
}

/* A full-duplex transfer of len bytes (tx NULL: fill), LSB first done here by reversing each
 * byte both ways. tx and rx may be the same memory. */
static bool spi_do(VM *vm, ObjBus *s, uint8_t *tx, uint8_t *rx, size_t len, uint8_t fill) {
  size_t i;
  bool ok;
  if (s->firstbit == SPI_LSB) {
    fill = reverse_bits(fill);
    if (tx != NULL) for (i = 0; i < len; i++) tx[i] = reverse_bits(tx[i]);
  }
  ok = hal_spi_transfer(s->id, tx, rx, len, fill);
  if (s->firstbit == SPI_LSB) {
    if (tx != NULL && tx != rx) for (i = 0; i < len; i++) tx[i] = reverse_bits(tx[i]);   /* the caller's bytes as they were */
    if (rx != NULL) for (i = 0; i < len; i++) rx[i] = reverse_bits(rx[i]);
  }
  if (!ok) raise_errno(vm, ETIMEDOUT_);
  return ok;
}

static bool fill_arg(VM *vm, Value v, uint8_t *fill) {
  vint x = 0;
  if (v != UNBOUND_VAL && !int_arg(vm, v, "write", 0, 255, &x)) return false;
  *fill = (uint8_t)x;
  return true;
}

/* read(nbytes, write=0) -> bytes */
static Value m_spi_read(VM *vm, int argc, Value *args) {
  ObjBus *s = AS_BUS(args[0]);
  vint n;
  uint8_t fill;
  Value out;
  if (!check_open(vm, s) || !int_arg(vm, args[1], "nbytes", 0, 0x100000, &n) ||
      !fill_arg(vm, argc > 2 ? args[2] : NATIVE_KW(args, argc, 0), &fill)) return EXC_VAL;
  if ((out = bytes_new(vm, &bytes_type, NULL, (uint32_t)n)) == EXC_VAL) return EXC_VAL;
  return spi_do(vm, s, NULL, AS_BYTES(out)->data, (size_t)n, fill) ? out : EXC_VAL;
}

/* readinto(buf, write=0) */
static Value m_spi_readinto(VM *vm, int argc, Value *args) {
  ObjBus *s = AS_BUS(args[0]);
  Buffer buf;
  uint8_t fill;
  if (!check_open(vm, s) || !write_buffer(vm, args[1], &buf) ||
      !fill_arg(vm, argc > 2 ? args[2] : NATIVE_KW(args, argc, 0), &fill)) return EXC_VAL;
  return spi_do(vm, s, NULL, buf.data, buf.len, fill) ? NONE_VAL : EXC_VAL;
}

/* A copy of buf's bytes that the transfer may change (LSB first reverses them in place). */
static Value tx_copy(VM *vm, Value v) {
  Buffer buf;
  Value copy;
  if (!read_buffer(vm, v, false, &buf)) return EXC_VAL;
  if ((copy = bytes_new(vm, &bytes_type, NULL, buf.len)) == EXC_VAL) return EXC_VAL;
  if (!read_buffer(vm, v, false, &buf)) return EXC_VAL;
  if (buf.len > 0) memcpy(AS_BYTES(copy)->data, buf.data, buf.len);
  return copy;
}

/* write(buf) */
static Value m_spi_write(VM *vm, int argc, Value *args) {
  ObjBus *s = AS_BUS(args[0]);
  Value tx;
  bool ok;
  (void)argc;
  if (!check_open(vm, s) || (tx = tx_copy(vm, args[1])) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, tx);
  ok = spi_do(vm, s, AS_BYTES(tx)->data, NULL, AS_BYTES(tx)->len, 0);
  vm_pop_root(vm);
  return ok ? NONE_VAL : EXC_VAL;
}

/* write_readinto(write_buf, read_buf): the same length; they may be the same buffer */
static Value m_spi_write_readinto(VM *vm, int argc, Value *args) {
  ObjBus *s = AS_BUS(args[0]);
  Buffer rbuf;
  Value tx;
  bool ok;
  (void)argc;
  if (!check_open(vm, s) || (tx = tx_copy(vm, args[1])) == EXC_VAL) return EXC_VAL;
  vm_push_root(vm, tx);
  if (!write_buffer(vm, args[2], &rbuf)) { vm_pop_root(vm); return EXC_VAL; }
  if (rbuf.len != AS_BYTES(tx)->len) { vm_pop_root(vm); return vm_raise(vm, &exc_ValueError, "buffers must be the same length"); }
  ok = spi_do(vm, s, AS_BYTES(tx)->data, rbuf.data, rbuf.len, 0);
  vm_pop_root(vm);
  return ok ? NONE_VAL : EXC_VAL;
}

static void spi_print(VM *vm, Value v, bool repr) {
  ObjBus *s = AS_BUS(v);
  (void)repr;
  vm_sb_cstr(vm, "SPI(");
  value_write(vm, INT_VAL(s->id), false);
  vm_sb_cstr(vm, ", baudrate=");
  value_write(vm, INT_VAL((vint)s->baud), false);
  vm_sb_cstr(vm, ", polarity=");
  value_write(vm, INT_VAL(s->polarity), false);
  vm_sb_cstr(vm, ", phase=");
  value_write(vm, INT_VAL(s->phase), false);
  vm_sb_cstr(vm, ", bits=8, firstbit=");
  vm_sb_cstr(vm, s->firstbit == SPI_LSB ? "SPI.LSB" : "SPI.MSB");
  vm_sb_cstr(vm, s->open ? ")" : ", closed)");
}

static const MethodDef spi_methods[] = {
  {"init", m_spi_init, 0, 1, SPI_KW},
  {"deinit", m_bus_deinit, 0, 0, NULL},
  {"read", m_spi_read, 1, 2, "write"},
  {"readinto", m_spi_readinto, 1, 2, "write"},
  {"write", m_spi_write, 1, 1, NULL},
  {"write_readinto", m_spi_write_readinto, 2, 2, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const TypeConst spi_consts[] = {{"MSB", SPI_MSB}, {"LSB", SPI_LSB}, {NULL, 0}};
static const ObjBuiltin spi_make_builtin = {{&builtin_type}, "SPI", spi_make, 1, 2, SPI_KW};
const Type spi_type = {{&type_type}, "SPI", NULL, NULL, spi_methods, .print = spi_print, .make = &spi_make_builtin,
                       .consts = spi_consts};

/* ==== the machine module's part =========================================================== */

bool machine_bus_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value));
bool machine_bus_fill(VM *vm, ObjDict *d, bool (*put)(VM *, ObjDict *, const char *, Value)) {
  return put(vm, d, "UART", OBJ_VAL(&uart_type)) && put(vm, d, "I2C", OBJ_VAL(&i2c_type)) &&
         put(vm, d, "SPI", OBJ_VAL(&spi_type));
}
