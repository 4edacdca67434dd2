/* hal.h's PWM over ChibiOS's PWM driver: the timers the board's mcuconf.h enables
 * (STM32_PWM_USE_TIMn, e.g. TIM1..TIM5 on an F4, TIM1/2/3/14/16/17 on an F0), active high. The
 * channels of one timer share its frequency: a new frequency restarts the timer and keeps each
 * running channel's duty. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"

#define FREQ_MIN   1u
#define FREQ_MAX   1000000u

typedef struct {
  uint8_t number;             /* TIMn */
  PWMDriver *driver;
  uint32_t clock;             /* the timer's input clock */
  PWMConfig config;           /* the driver keeps a pointer to it while started */
  uint32_t freq;              /* 0: stopped */
  uint16_t duty[4];
  uint8_t active;             /* channels driving a pin, a bit each */
} PwmTimer;

/* The enabled timers only (a PWMConfig is some 70 bytes); TIMCLK2 clocks the APB2 timers
 * (TIM1, TIM9..11, TIM15..17). */
static PwmTimer timers[] = {
#if STM32_PWM_USE_TIM1
  {1, &PWMD1, STM32_TIMCLK2, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM2
  {2, &PWMD2, STM32_TIMCLK1, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM3
  {3, &PWMD3, STM32_TIMCLK1, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM4
  {4, &PWMD4, STM32_TIMCLK1, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM5
  {5, &PWMD5, STM32_TIMCLK1, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM14
  {14, &PWMD14, STM32_TIMCLK1, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM16
  {16, &PWMD16, STM32_TIMCLK2, {0}, 0, {0}, 0},
#endif
#if STM32_PWM_USE_TIM17
  {17, &PWMD17, STM32_TIMCLK2, {0}, 0, {0}, 0},
#endif
};
#define TIMER_COUNT (sizeof timers / sizeof timers[0])

static PwmTimer *timer_of(int pin) {
  unsigned i, t = hal_board.pins[pin].pwm_timer;
  for (i = 0; i < TIMER_COUNT; i++)
    if (timers[i].number == t) return &timers[i];
  return NULL;
}

static pwmcnt_t width(const PwmTimer *t, uint16_t duty) {
  return (pwmcnt_t)(((uint64_t)t->config.period * duty + 32767u) / 65535u);
}

/* Counting clock = clock / psc with psc dividing the clock exactly (ChibiOS checks that), the
 * period at most 16 bits (TIM3/TIM4 are 16-bit timers). */
static void start(PwmTimer *t, uint32_t freq) {
  uint32_t psc = t->clock / (freq * 65536u) + 1u;
  unsigned ch;
  while (t->clock % psc != 0u) psc++;
  if (t->freq != 0u) pwmStop(t->driver);
  t->config.frequency = t->clock / psc;
  t->config.period = (t->config.frequency + freq / 2u) / freq;
  if (t->config.period < 2u) t->config.period = 2u;
  t->config.callback = NULL;
  for (ch = 0; ch < 4u; ch++) {
    t->config.channels[ch].mode = PWM_OUTPUT_ACTIVE_HIGH;
    t->config.channels[ch].callback = NULL;
  }
  pwmStart(t->driver, &t->config);
  t->freq = freq;
  for (ch = 0; ch < 4u; ch++)
    if (t->active & (1u << ch)) pwmEnableChannel(t->driver, ch, width(t, t->duty[ch]));
}

const char *hal_pwm_setup(int pin, uint32_t freq_hz) {
  PwmTimer *t = timer_of(pin);
  const HalPinInfo *p = &hal_board.pins[pin];
  if (t == NULL) return "no PWM on that pin";
  if (freq_hz < FREQ_MIN || freq_hz > FREQ_MAX) return "frequency out of range 1..1000000 Hz";
  if (t->freq != freq_hz) start(t, freq_hz);
  t->active |= (uint8_t)(1u << (p->pwm_channel - 1u));
  pwmEnableChannel(t->driver, p->pwm_channel - 1u, width(t, t->duty[p->pwm_channel - 1u]));
  hal_chibios_pin_af(pin, p->pwm_af, false);
  return NULL;
}

void hal_pwm_duty(int pin, uint16_t duty_u16) {
  PwmTimer *t = timer_of(pin);
  unsigned ch = hal_board.pins[pin].pwm_channel - 1u;
  if (t == NULL) return;
  t->duty[ch] = duty_u16;
  if (t->freq != 0u && (t->active & (1u << ch))) pwmEnableChannel(t->driver, ch, width(t, duty_u16));
}

void hal_pwm_off(int pin) {
  PwmTimer *t = timer_of(pin);
  unsigned ch = hal_board.pins[pin].pwm_channel - 1u;
  if (t == NULL) return;
  hal_chibios_pin_release(pin);
  t->duty[ch] = 0;
  if (!(t->active & (1u << ch))) return;
  t->active &= (uint8_t)~(1u << ch);
  pwmDisableChannel(t->driver, ch);
  if (t->active == 0u) {   /* the last channel: the timer stops */
    pwmStop(t->driver);
    t->freq = 0;
  }
}

void hal_chibios_pwm_reset(void) {
  unsigned i;
  for (i = 0; i < TIMER_COUNT; i++) {
    PwmTimer *t = &timers[i];
    if (t->freq != 0u) pwmStop(t->driver);
    t->freq = 0;
    t->active = 0;
    t->duty[0] = t->duty[1] = t->duty[2] = t->duty[3] = 0;
  }
}
