/* hal.h's ADC on an STM32F4's ADC1: one software-started conversion at a time, by polling.
 *
 * Why not ChibiOS's ADC driver: it always converts through DMA, which QEMU 7.2 does not model
 * (a conversion would never end there), and machine.ADC.read_u16() wants one sample, which the
 * chip converts in ~25 µs at the longest sampling time: polling costs nothing a driver saves. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "port.h"

#define SAMPLE_480_CYCLES   7u      /* SMPRx code: the most accurate for any source impedance */
#define CONVERSION_US       200u    /* a real conversion takes ~25 µs; QEMU never sets EOC */

static bool powered;

static void power_on(void) {
  if (powered) return;
  rccEnableADC1(true);
  ADC->CCR = ADC_CCR_ADCPRE_0;        /* ADC clock = PCLK2 / 4: at most 21 MHz (max 36) */
  ADC1->CR1 = 0;                      /* 12 bits, one channel */
  ADC1->CR2 = ADC_CR2_ADON;
  powered = true;
}

void hal_chibios_adc_reset(void) {
  if (!powered) return;
  ADC1->CR2 = 0;
  rccDisableADC1();
  powered = false;
}

void hal_adc_setup(int pin) {
  palSetLineMode(hal_chibios_line(pin), PAL_MODE_INPUT_ANALOG);
  power_on();
}

uint16_t hal_adc_read_u16(int pin) {
  unsigned ch = hal_board.pins[pin].adc_channel;
  uint32_t start, v;
  power_on();
  if (ch < 10u) ADC1->SMPR2 = (ADC1->SMPR2 & ~(7u << (3u * ch))) | (SAMPLE_480_CYCLES << (3u * ch));
  else ADC1->SMPR1 = (ADC1->SMPR1 & ~(7u << (3u * (ch - 10u)))) | (SAMPLE_480_CYCLES << (3u * (ch - 10u)));
  ADC1->SQR1 = 0;                     /* one conversion in the sequence */
  ADC1->SQR3 = ch;
  ADC1->SR = 0;
  ADC1->CR2 |= ADC_CR2_SWSTART;
  start = port_ticks_us();
  while ((ADC1->SR & ADC_SR_EOC) == 0u && port_ticks_us() - start < CONVERSION_US) {
  }
  v = ADC1->DR & 0xFFFu;
  return (uint16_t)((v << 4) | (v >> 8));   /* 12 bits to 0..65535, full scale to full scale */
}

uint32_t hal_adc_vref_uv(void) { return 3300000u; }   /* VDDA on both boards */
