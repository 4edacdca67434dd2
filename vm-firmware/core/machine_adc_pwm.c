/* machine.ADC (an analog input: ADC('A0').read_u16() is 0..65535) and machine.PWM (a PWM output:
 * PWM('D9', freq=1000, duty_u16=32768); pins of one timer share its frequency). */
#include <math.h>

#include "gen/link_protocol.h"
#include "machine.h"

typedef struct ObjAdc { Obj obj; uint8_t pin; } ObjAdc;
typedef struct ObjPwm { Obj obj; uint8_t pin; uint16_t duty; uint32_t freq; } ObjPwm;   /* freq 0: not yet set */
#define AS_ADC(v) ((ObjAdc *)AS_OBJ(v))
#define AS_PWM(v) ((ObjPwm *)AS_OBJ(v))

/* "ADC(Pin('A0'))", "PWM(Pin('D9'), ..." */
static void print_head(VM *vm, const char *cls, int pin) {
  vm_sb_cstr(vm, cls);
  vm_sb_cstr(vm, "(Pin('");
  vm_sb_cstr(vm, hal_board.pins[pin].name);
  vm_sb_cstr(vm, "')");
}

/* ==== ADC ================================================================================= */

static Value adc_make(VM *vm, int argc, Value *args) {
  int pin = machine_pin_arg(vm, args[0]);
  ObjAdc *adc;
  (void)argc;
  if (pin < 0) return EXC_VAL;
  if (!(hal_board.pins[pin].caps & HAL_CAP_ADC)) return machine_raise_no_cap(vm, pin, HAL_CAP_ADC, "ADC");
  if ((adc = (ObjAdc *)obj_alloc(vm, &machine_adc_type, sizeof(ObjAdc))) == NULL) return EXC_VAL;
  adc->pin = (uint8_t)pin;
  machine_pin_release(pin);
  hal_adc_setup(pin);
  machine_pin_use[pin] = MACHINE_USE_ADC;
  link_board_pin(pin, PIN_MODE_ADC, 0);
  link_board_changed();
  return OBJ_VAL(adc);
}

static bool adc_read(VM *vm, int pin, uint16_t *out) {
  if (machine_pin_use[pin] != MACHINE_USE_ADC) {
    vm_raise_fmt(vm, &exc_ValueError, "pin %s is no longer an ADC input", hal_board.pins[pin].name);
    return false;
  }
  *out = hal_adc_read_u16(pin);
  link_board_pin(pin, PIN_MODE_ADC, *out);
  link_board_changed();
  return true;
}

static Value m_read_u16(VM *vm, int argc, Value *args) {
  uint16_t v;
  (void)argc;
  return adc_read(vm, AS_ADC(args[0])->pin, &v) ? INT_VAL(v) : EXC_VAL;
}

/* read_uv(): the reading in µV of the reference */
static Value m_read_uv(VM *vm, int argc, Value *args) {
  uint16_t v;
  (void)argc;
  if (!adc_read(vm, AS_ADC(args[0])->pin, &v)) return EXC_VAL;
  return INT_VAL((vint)((int64_t)v * hal_adc_vref_uv() / 65535));
}

static void adc_print(VM *vm, Value v, bool repr) {
  (void)repr;
  print_head(vm, "ADC", AS_ADC(v)->pin);
  vm_sb_cstr(vm, ")");
}

static const MethodDef adc_methods[] = {
  {"read_u16", m_read_u16, 0, 0, NULL},
  {"read_uv", m_read_uv, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const ObjBuiltin adc_make_builtin = {{&builtin_type}, "ADC", adc_make, 1, 1, NULL};
const Type machine_adc_type = {{&type_type}, "ADC", NULL, NULL, adc_methods, .print = adc_print, .make = &adc_make_builtin};

/* ==== PWM ================================================================================= */

static bool pwm_duty(VM *vm, ObjPwm *p, Value v) {
  vint duty;
  if (!machine_int_arg(vm, v, "duty_u16", 0, 65535, &duty)) return false;
  if (machine_pin_use[p->pin] != MACHINE_USE_PWM) { vm_raise(vm, &exc_ValueError, "PWM is off: call init() first"); return false; }
  hal_pwm_duty(p->pin, (uint16_t)duty);
  p->duty = (uint16_t)duty;
  link_board_pin(p->pin, PIN_MODE_PWM, (uint16_t)duty);
  link_board_changed();
  return true;
}

/* The pin's timer at freq (a float is cut to an int), the duty set again; ValueError naming the
 * range when the timer cannot give it. */
static bool pwm_freq(VM *vm, ObjPwm *p, Value v) {
  const char *why;
  int pin = p->pin;
  if (IS_FLOAT(v) && isfinite(AS_FLOAT(v)) && fabs(AS_FLOAT(v)) < 1e15) v = INT_VAL((vint)AS_FLOAT(v));
  if (!IS_INTLIKE(v) || AS_INTLIKE(v) <= 0 || AS_INTLIKE(v) > 0x7FFFFFFF) {
    why = hal_pwm_setup(pin, 0);   /* the HAL's message names the range */
    vm_raise(vm, &exc_ValueError, why != NULL ? why : "PWM frequency out of range");
    return false;
  }
  if ((why = hal_pwm_setup(pin, (uint32_t)AS_INTLIKE(v))) != NULL) { vm_raise(vm, &exc_ValueError, why); return false; }
  if (machine_pin_use[pin] != MACHINE_USE_PWM) link_board_pin(pin, PIN_MODE_PWM, 0);
  machine_pin_use[pin] = MACHINE_USE_PWM;
  link_board_changed();
  p->freq = (uint32_t)AS_INTLIKE(v);
  return pwm_duty(vm, p, INT_VAL(p->duty));
}

/* duty_ns(ns): the duty for a pulse of ns at the frequency, within 0..65535 */
static bool pwm_duty_ns(VM *vm, ObjPwm *p, Value v) {
  int64_t duty;
  if (IS_FLOAT(v)) {
    duty = (int64_t)floor(AS_FLOAT(v) * p->freq * 65535.0 / 1e9);
  } else if (IS_INTLIKE(v)) {
    int64_t n = (int64_t)AS_INTLIKE(v) * p->freq * 65535;   /* floor division, as Python's // */
    duty = n / 1000000000 - (n % 1000000000 != 0 && n < 0);
  } else {
    vm_raise_fmt(vm, &exc_TypeError, "duty_ns must be a number, not %t", v);
    return false;
  }
  return pwm_duty(vm, p, INT_VAL(duty < 0 ? 0 : duty > 65535 ? 65535 : (vint)duty));
}

/* init(*, freq=..., duty_u16=..., duty_ns=...): freq defaults to the one it had, else 1000 Hz;
 * without a duty it keeps its own */
static bool pwm_init(VM *vm, ObjPwm *p, Value freq, Value duty_u16, Value duty_ns) {
  if (freq == UNBOUND_VAL || IS_NONE(freq)) freq = INT_VAL(p->freq != 0 ? (vint)p->freq : 1000);
  if (!pwm_freq(vm, p, freq)) return false;
  if (duty_u16 != UNBOUND_VAL && !IS_NONE(duty_u16)) return pwm_duty(vm, p, duty_u16);
  if (duty_ns != UNBOUND_VAL && !IS_NONE(duty_ns)) return pwm_duty_ns(vm, p, duty_ns);
  return pwm_duty(vm, p, INT_VAL(p->duty));
}

#define PWM_KW "freq duty_u16 duty_ns"

/* PWM(dest, *, freq=..., duty_u16=..., duty_ns=...) */
static Value pwm_make(VM *vm, int argc, Value *args) {
  int pin = machine_pin_arg(vm, args[0]);
  ObjPwm *p;
  bool ok;
  if (pin < 0) return EXC_VAL;
  if (!(hal_board.pins[pin].caps & HAL_CAP_PWM)) return machine_raise_no_cap(vm, pin, HAL_CAP_PWM, "PWM");
  if ((p = (ObjPwm *)obj_alloc(vm, &machine_pwm_type, sizeof(ObjPwm))) == NULL) return EXC_VAL;
  p->pin = (uint8_t)pin;
  p->duty = 0;
  p->freq = 0;
  vm_push_root(vm, OBJ_VAL(p));
  ok = pwm_init(vm, p, NATIVE_KW(args, argc, 0), NATIVE_KW(args, argc, 1), NATIVE_KW(args, argc, 2));
  vm_pop_root(vm);
  return ok ? OBJ_VAL(p) : EXC_VAL;
}

static Value m_pwm_init(VM *vm, int argc, Value *args) {
  return pwm_init(vm, AS_PWM(args[0]), NATIVE_KW(args, argc, 0), NATIVE_KW(args, argc, 1), NATIVE_KW(args, argc, 2))
             ? NONE_VAL : EXC_VAL;
}

static Value m_freq(VM *vm, int argc, Value *args) {
  ObjPwm *p = AS_PWM(args[0]);
  if (argc < 2 || IS_NONE(args[1])) return p->freq != 0 ? INT_VAL((vint)p->freq) : NONE_VAL;
  return pwm_freq(vm, p, args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_duty_u16(VM *vm, int argc, Value *args) {
  ObjPwm *p = AS_PWM(args[0]);
  if (argc < 2 || IS_NONE(args[1])) return INT_VAL(p->duty);
  return pwm_duty(vm, p, args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_duty_ns(VM *vm, int argc, Value *args) {
  ObjPwm *p = AS_PWM(args[0]);
  if (argc < 2 || IS_NONE(args[1])) return INT_VAL((vint)((int64_t)p->duty * 1000000000 / ((int64_t)p->freq * 65535)));
  return pwm_duty_ns(vm, p, args[1]) ? NONE_VAL : EXC_VAL;
}

static Value m_deinit(VM *vm, int argc, Value *args) {
  int pin = AS_PWM(args[0])->pin;
  (void)vm; (void)argc;
  if (machine_pin_use[pin] == MACHINE_USE_PWM) {
    hal_pwm_off(pin);
    machine_pin_use[pin] = MACHINE_USE_NONE;
    link_board_pin(pin, PIN_MODE_UNUSED, 0);
    link_board_changed();
  }
  return NONE_VAL;
}

/* PWM(Pin('D9'), freq=1000, duty_u16=16384) */
static void pwm_print(VM *vm, Value v, bool repr) {
  ObjPwm *p = AS_PWM(v);
  (void)repr;
  print_head(vm, "PWM", p->pin);
  vm_sb_cstr(vm, ", freq=");
  value_write(vm, INT_VAL((vint)p->freq), false);
  vm_sb_cstr(vm, ", duty_u16=");
  value_write(vm, INT_VAL(p->duty), false);
  vm_sb_cstr(vm, ")");
}

static const MethodDef pwm_methods[] = {
  {"init", m_pwm_init, 0, 0, PWM_KW},
  {"freq", m_freq, 0, 1, NULL},
  {"duty_u16", m_duty_u16, 0, 1, NULL},
  {"duty_ns", m_duty_ns, 0, 1, NULL},
  {"deinit", m_deinit, 0, 0, NULL},
  {NULL, NULL, 0, 0, NULL},
};

static const ObjBuiltin pwm_make_builtin = {{&builtin_type}, "PWM", pwm_make, 1, 1, PWM_KW};
const Type machine_pwm_type = {{&type_type}, "PWM", NULL, NULL, pwm_methods, .print = pwm_print, .make = &pwm_make_builtin};
