/* hal.h's ADC on the SAM3X8E's ADC: one software-started 12-bit conversion at a time, by
 * polling (a conversion takes ~2 µs at a 14 MHz ADC clock). UNTESTED on hardware. */
#include "ch.h"
#include "hal.h"

#include "hal_chibios.h"
#include "port.h"

#define CONVERSION_US 100u   /* a real conversion ends in a few µs; never wait forever */

static bool powered;

/* ADC clock = MCK / ((2 + 1) x 2) = 14 MHz (at most 22 MHz); start-up 768 ADC clocks (55 µs,
 * the datasheet asks 40 µs), settling 17 clocks, tracking 16, transfer 5. */
static void power_on(void) {
  if (powered) return;
  sam3x_peripheral_clock_enable(SAM3X_ID_ADC);
  SAM3X_ADC->CR = ADC_CR_SWRST;
  SAM3X_ADC->MR = ADC_MR_PRESCAL(2) | ADC_MR_STARTUP(12) | ADC_MR_SETTLING(3) |
                  ADC_MR_TRACKTIM(15) | ADC_MR_TRANSFER(1);
  SAM3X_ADC->CHDR = 0xFFFFu;
  powered = true;
}

void hal_chibios_adc_reset(void) {
  if (!powered) return;
  SAM3X_ADC->CHDR = 0xFFFFu;
  SAM3X_ADC->CR = ADC_CR_SWRST;
  sam3x_peripheral_clock_disable(SAM3X_ID_ADC);
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
  SAM3X_ADC->CHER = 1u << ch;          /* an enabled channel takes its pad from the PIO */
  (void)SAM3X_ADC->CDR[ch];            /* clears its end-of-conversion flag */
  SAM3X_ADC->CR = ADC_CR_START;
  start = port_ticks_us();
  while ((SAM3X_ADC->ISR & (1u << ch)) == 0u && port_ticks_us() - start < CONVERSION_US) {
  }
  v = SAM3X_ADC->CDR[ch] & 0xFFFu;
  SAM3X_ADC->CHDR = 1u << ch;
  return (uint16_t)((v << 4) | (v >> 8));   /* 12 bits to 0..65535, full scale to full scale */
}

uint32_t hal_adc_vref_uv(void) { return 3300000u; }   /* ADVREF is 3.3 V on the Due */
