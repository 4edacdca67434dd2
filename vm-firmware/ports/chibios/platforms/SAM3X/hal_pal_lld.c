/* PAL over the SAM3X8E's PIO A-D (see hal_pal_lld.h). UNTESTED on hardware. */
#include "hal.h"

#if HAL_USE_PAL || defined(__DOXYGEN__)

#if (PAL_USE_CALLBACKS == TRUE) || (PAL_USE_WAIT == TRUE)
palevent_t _pal_events[SAM3X_PAL_EVENTS];
#endif

/* PIO_ABSR has no set/clear twin: its read-modify-write must not be interrupted. */
static void select_peripheral(ioportid_t port, ioportmask_t mask, bool b) {
  uint32_t primask = __get_PRIMASK();
  __disable_irq();
  if (b) port->ABSR |= mask;
  else port->ABSR &= ~mask;
  __set_PRIMASK(primask);
}

void _pal_lld_init(void) {
  unsigned i;
  for (i = 0U; i < 4U; i++) {
    sam3x_pio_t *pio = SAM3X_PIO(i);
    pio->OWER = 0xFFFFFFFFU;     /* palWritePort writes ODSR directly */
    pio->IDR = 0xFFFFFFFFU;
    (void)pio->ISR;              /* drop edges seen before */
  }
#if (PAL_USE_CALLBACKS == TRUE) || (PAL_USE_WAIT == TRUE)
  for (i = 0U; i < SAM3X_PAL_EVENTS; i++) _pal_init_event(i);
  nvicEnableVector(SAM3X_ID_PIOA, SAM3X_PAL_IRQ_PRIORITY);
  nvicEnableVector(SAM3X_ID_PIOB, SAM3X_PAL_IRQ_PRIORITY);
  nvicEnableVector(SAM3X_ID_PIOC, SAM3X_PAL_IRQ_PRIORITY);
  nvicEnableVector(SAM3X_ID_PIOD, SAM3X_PAL_IRQ_PRIORITY);
#endif
}

void _pal_lld_setgroupmode(ioportid_t port, ioportmask_t mask, iomode_t mode) {
  if ((mode & PAL_SAM3X_PULLUP) != 0U) port->PUER = mask;
  else port->PUDR = mask;
  if ((mode & PAL_SAM3X_OPENDRAIN) != 0U) port->MDER = mask;
  else port->MDDR = mask;
  switch (mode & PAL_SAM3X_FUNC_MASK) {
  case PAL_SAM3X_FUNC_OUTPUT:
    port->OER = mask;
    port->PER = mask;
    break;
  case PAL_SAM3X_FUNC_PERIPH_A:
  case PAL_SAM3X_FUNC_PERIPH_B:
    select_peripheral(port, mask, (mode & PAL_SAM3X_FUNC_MASK) == PAL_SAM3X_FUNC_PERIPH_B);
    port->ODR = mask;            /* the peripheral drives the pad, not the PIO */
    port->PDR = mask;
    break;
  default:
    port->ODR = mask;
    port->PER = mask;
    break;
  }
}

#if (PAL_USE_CALLBACKS == TRUE) || (PAL_USE_WAIT == TRUE)
/* Without "additional interrupt modes" a pad interrupts on both edges; with them, on the one
 * edge ESR + REHLSR (rising) or FELLSR (falling) selects. An edge seen while the pad's
 * interrupt was off may still be pending in PIO_ISR and be reported once when it is enabled
 * (reading PIO_ISR here would drop the other pads' pending edges). */
void _pal_lld_enablepadevent(ioportid_t port, iopadid_t pad, ioeventmode_t mode) {
  uint32_t bit = 1U << pad;
  port->IDR = bit;
  switch (mode & PAL_EVENT_MODE_EDGES_MASK) {
  case PAL_EVENT_MODE_RISING_EDGE:
    port->ESR = bit;
    port->REHLSR = bit;
    port->AIMER = bit;
    break;
  case PAL_EVENT_MODE_FALLING_EDGE:
    port->ESR = bit;
    port->FELLSR = bit;
    port->AIMER = bit;
    break;
  default:
    port->AIMDR = bit;
    break;
  }
  port->IER = bit;
}

void _pal_lld_disablepadevent(ioportid_t port, iopadid_t pad) {
  port->IDR = 1U << pad;
  port->AIMDR = 1U << pad;
#if PAL_USE_CALLBACKS || PAL_USE_WAIT
  _pal_clear_event(SAM3X_PIO_INDEX(port) * 32U + pad);
#endif
}

/* One vector per PIO: reading PIO_ISR clears every pad's flag, so all of them are served. */
static void serve_pio(unsigned index) {
  sam3x_pio_t *pio = SAM3X_PIO(index);
  uint32_t pending = pio->ISR & pio->IMR;
  while (pending != 0U) {
    unsigned pad = (unsigned)__builtin_ctz(pending);
    pending &= pending - 1U;
    _pal_isr_code(index * 32U + pad);
  }
}

#define PIO_HANDLER(name, index)                                            \
  OSAL_IRQ_HANDLER(name) {                                                  \
    OSAL_IRQ_PROLOGUE();                                                    \
    serve_pio(index);                                                       \
    OSAL_IRQ_EPILOGUE();                                                    \
  }

PIO_HANDLER(SAM3X_PIOA_HANDLER, 0U)
PIO_HANDLER(SAM3X_PIOB_HANDLER, 1U)
PIO_HANDLER(SAM3X_PIOC_HANDLER, 2U)
PIO_HANDLER(SAM3X_PIOD_HANDLER, 3U)
#endif

#endif /* HAL_USE_PAL */
