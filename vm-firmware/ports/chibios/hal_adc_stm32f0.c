/* hal.h's ADC on an STM32F0's ADC ("ADCv1": one ADC, channels chosen by a bit mask in CHSELR,
 * its own 14 MHz clock HSI14, a calibration before the first enable): one software-started
 * conversion at a time, by polling. Why polling and not ChibiOS's ADC driver: hal_adc_stm32.c.
 * UNTESTED on hardware (written from ST's RM0091); QEMU models no STM32F0. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "port.h"

#define SAMPLE_239_CYCLES   7u      /* SMPR code: the most accurate for any source impedance */
#define STEP_US             200u    /* calibration, enable, a conversion: each takes < 20 µs */

static bool powered;

/* Waits (a bounded time) until (reg & mask) == want: a dead ADC returns garbage, never hangs. */
static void wait_for(volatile uint32_t *reg, uint32_t mask, uint32_t want) {
  uint32_t start = port_ticks_us();
  while ((*reg & mask) != want && port_ticks_us() - start < STEP_US) {
  }
}

static void power_on(void) {
  if (powered) return;
  rccEnableADC1(true);
  ADC1->CFGR2 = 0;                      /* CKMODE 0: the asynchronous HSI14 clock (mcuconf.h) */
  ADC1->CR = ADC_CR_ADCAL;              /* calibrate while disabled */
  wait_for(&ADC1->CR, ADC_CR_ADCAL, 0u);
  ADC1->ISR = ADC_ISR_ADRDY;            /* write 1 to clear */
  ADC1->CR = ADC_CR_ADEN;
  wait_for(&ADC1->ISR, ADC_ISR_ADRDY, ADC_ISR_ADRDY);
  ADC1->CFGR1 = 0;                      /* 12 bits, right-aligned, one conversion per start */
  ADC1->SMPR = SAMPLE_239_CYCLES;       /* one sampling time for all channels */
  powered = true;
}

void hal_chibios_adc_reset(void) {
  if (!powered) return;
  ADC1->CR = ADC_CR_ADDIS;
  wait_for(&ADC1->CR, ADC_CR_ADEN, 0u);
  rccDisableADC1();
  powered = false;
}

void hal_adc_setup(int pin) {
  palSetLineMode(hal_chibios_line(pin), PAL_MODE_INPUT_ANALOG);
  power_on();
}

uint16_t hal_adc_read_u16(int pin) {
  unsigned ch = hal_board.pins[pin].adc_channel;
  uint32_t v;
  power_on();
  ADC1->CHSELR = 1u << ch;
  ADC1->ISR = ADC_ISR_EOC | ADC_ISR_EOSEQ | ADC_ISR_OVR;
  ADC1->CR |= ADC_CR_ADSTART;
  wait_for(&ADC1->ISR, ADC_ISR_EOC, ADC_ISR_EOC);
  v = ADC1->DR & 0xFFFu;
  return (uint16_t)((v << 4) | (v >> 8));   /* 12 bits to 0..65535, full scale to full scale */
}

uint32_t hal_adc_vref_uv(void) { return 3300000u; }   /* VDDA on the Nucleo-64 */
