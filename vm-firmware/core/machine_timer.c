/* machine.Timer: Timer(-1, mode=Timer.PERIODIC, period=100, callback=f) calls f(timer) every
 * 100 ms (or once), from the callbacks' thread. Id -1 takes a free timer, from the top (explicit
 * ids usually start at 0). */
#include "machine.h"

enum { ONE_SHOT = 0, PERIODIC = 1 };

typedef struct ObjTimer { Obj obj; int8_t id, requested; } ObjTimer;
#define AS_TIMER(v) ((ObjTimer *)AS_OBJ(v))

static bool claimed[MACHINE_MAX_TIMERS];

void machine_timers_reset(void) {
  int i;
  for (i = 0; i < MACHINE_MAX_TIMERS; i++) claimed[i] = false;
}

int machine_timer_count(void) {
  int n = hal_timer_count();
  return n > MACHINE_MAX_TIMERS ? MACHINE_MAX_TIMERS : n;
}

void machine_timer_stop(int id) { hal_timer_stop(id); }

/* The timer id asks for (-1: a free one); -1 with ValueError when there is none. */
static int claim(VM *vm, Value id) {
  int n = machine_timer_count(), i;
  if (!IS_INTLIKE(id)) { vm_raise_fmt(vm, &exc_TypeError, "Timer id must be an int, not %t", id); return -1; }
  if (AS_INTLIKE(id) == -1) {
    for (i = n - 1; i >= 0; i--)
      if (!claimed[i]) { claimed[i] = true; return i; }
    vm_raise_fmt(vm, &exc_ValueError, "no free Timer: %s has %d", hal_board.id, n);
    return -1;
  }
  if (AS_INTLIKE(id) < 0 || AS_INTLIKE(id) >= n) {
    vm_raise_fmt(vm, &exc_ValueError, "no Timer %d on %s (Timer ids: 0..%d, or -1)", (int)AS_INTLIKE(id), hal_board.id, n - 1);
    return -1;
  }
  claimed[AS_INTLIKE(id)] = true;
  return (int)AS_INTLIKE(id);
}

static bool number_arg(VM *vm, Value v, const char *what, double *out) {
  if (IS_INTLIKE(v)) *out = (double)AS_INTLIKE(v);
  else if (IS_FLOAT(v)) *out = AS_FLOAT(v);
  else { vm_raise_fmt(vm, &exc_TypeError, "%s must be a number, not %t", what, v); return false; }
  return true;
}

/* init(*, mode=Timer.PERIODIC, period=-1, freq=None, callback=None): period in ms, or freq in Hz */
static bool timer_init(VM *vm, Value self, Value mode, Value period, Value freq, Value callback) {
  int id = AS_TIMER(self)->id;
  double x, us;
  bool periodic;
  if (freq != UNBOUND_VAL && !IS_NONE(freq)) {
    if (!number_arg(vm, freq, "freq", &x)) return false;
    if (!(x > 0)) { vm_raise(vm, &exc_ValueError, "freq must be more than 0"); return false; }
    us = 1000000.0 / x;
  } else {
    x = -1;
    if (period != UNBOUND_VAL && !number_arg(vm, period, "period", &x)) return false;
    if (!(x >= 0)) { vm_raise(vm, &exc_ValueError, "Timer needs a period (ms) or a freq (Hz)"); return false; }
    us = x * 1000.0;
  }
  if (us < 1) us = 1;
  if (us > 0x7FFFFFFF) { vm_raise(vm, &exc_ValueError, "period (us) out of range 1..2147483647"); return false; }
  if (mode != UNBOUND_VAL && mode != INT_VAL(ONE_SHOT) && mode != INT_VAL(PERIODIC)) {
    vm_raise(vm, &exc_ValueError, "mode must be Timer.ONE_SHOT or Timer.PERIODIC");
    return false;
  }
  periodic = mode != INT_VAL(ONE_SHOT);
  hal_timer_stop(id);
  if (callback == UNBOUND_VAL || IS_NONE(callback) ? !machine_callback_clear(vm, MACHINE_EVENT_TIMER, id)
                                                   : !machine_callback_set(vm, MACHINE_EVENT_TIMER, id, callback, self, NONE_VAL))
    return false;
  machine_events_open();
  if (!hal_timer_start(id, (uint32_t)us, periodic)) { vm_raise(vm, &exc_ValueError, "this Timer cannot have that period"); return false; }
  return true;
}

#define TIMER_KW "mode period freq callback"
#define KW(i) NATIVE_KW(args, argc, i)

/* Timer(id=-1, *, mode=Timer.PERIODIC, period=-1, freq=None, callback=None): started when given
 * a period, freq or callback; the timer is given back when that fails. */
static Value timer_make(VM *vm, int argc, Value *args) {
  Value id = argc > 0 ? args[0] : INT_VAL(-1);
  int n = claim(vm, id);
  ObjTimer *t;
  bool ok = true;
  if (n < 0) return EXC_VAL;
  if ((t = (ObjTimer *)obj_alloc(vm, &machine_timer_type, sizeof(ObjTimer))) == NULL) { claimed[n] = false; return EXC_VAL; }
  t->id = (int8_t)n;
  t->requested = (int8_t)AS_INTLIKE(id);
  if ((KW(1) != UNBOUND_VAL && KW(1) != INT_VAL(-1)) || (KW(2) != UNBOUND_VAL && !IS_NONE(KW(2))) ||
      (KW(3) != UNBOUND_VAL && !IS_NONE(KW(3)))) {
    vm_push_root(vm, OBJ_VAL(t));
    ok = timer_init(vm, OBJ_VAL(t), KW(0), KW(1), KW(2), KW(3));
    vm_pop_root(vm);
    if (!ok) {
      hal_timer_stop(n);
      claimed[n] = false;
    }
  }
  return ok ? OBJ_VAL(t) : EXC_VAL;
}

static Value m_init(VM *vm, int argc, Value *args) {
  return timer_init(vm, args[0], KW(0), KW(1), KW(2), KW(3)) ? NONE_VAL : EXC_VAL;
}

static Value m_deinit(VM *vm, int argc, Value *args) {
  int id = AS_TIMER(args[0])->id;
  (void)argc;
  if (!machine_callback_clear(vm, MACHINE_EVENT_TIMER, id)) return EXC_VAL;
  hal_timer_stop(id);
  claimed[id] = false;
  return NONE_VAL;
}

static void timer_print(VM *vm, Value v, bool repr) {
  (void)repr;
  vm_sb_cstr(vm, "Timer(");
  value_write(vm, INT_VAL(AS_TIMER(v)->requested), false);
  vm_sb_cstr(vm, ")");
}

static const MethodDef timer_methods[] = {
  {"init", m_init, 0, 0, TIMER_KW},
  {"deinit", m_deinit, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const TypeConst timer_consts[] = {{"ONE_SHOT", ONE_SHOT}, {"PERIODIC", PERIODIC}, {NULL, 0}};
static const ObjBuiltin timer_make_builtin = {{&builtin_type}, "Timer", timer_make, 0, 1, TIMER_KW};
const Type machine_timer_type = {{&type_type}, "Timer", NULL, NULL, timer_methods, .print = timer_print,
                                 .make = &timer_make_builtin, .consts = timer_consts};
