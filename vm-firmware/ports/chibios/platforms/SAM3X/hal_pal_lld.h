/* ChibiOS PAL over the SAM3X8E's PIO controllers A-D (32 pads each), written for Viper.
 * UNTESTED on hardware. Modes: input, input with pull-up, push-pull or open-drain output (the
 * PIO's multi-driver), peripheral A or B. The chip has pull-ups only: PAL_MODE_INPUT_PULLDOWN
 * is a plain input. Events: every pad has its own edge interrupt (one vector per PIO). */
#ifndef HAL_PAL_LLD_H
#define HAL_PAL_LLD_H

#if HAL_USE_PAL || defined(__DOXYGEN__)

#define PAL_NEW_INIT

/* iomode_t: bits 0-1 the function, bit 2 the pull-up, bit 3 open drain. */
#define PAL_SAM3X_FUNC_MASK       3U
#define PAL_SAM3X_FUNC_INPUT      0U
#define PAL_SAM3X_FUNC_OUTPUT     1U
#define PAL_SAM3X_FUNC_PERIPH_A   2U
#define PAL_SAM3X_FUNC_PERIPH_B   3U
#define PAL_SAM3X_PULLUP          (1U << 2)
#define PAL_SAM3X_OPENDRAIN       (1U << 3)

#undef PAL_MODE_RESET
#undef PAL_MODE_UNCONNECTED
#undef PAL_MODE_INPUT
#undef PAL_MODE_INPUT_PULLUP
#undef PAL_MODE_INPUT_PULLDOWN
#undef PAL_MODE_INPUT_ANALOG
#undef PAL_MODE_OUTPUT_PUSHPULL
#undef PAL_MODE_OUTPUT_OPENDRAIN
/* The chip's reset state: a PIO input with its pull-up on. */
#define PAL_MODE_RESET            (PAL_SAM3X_FUNC_INPUT | PAL_SAM3X_PULLUP)
#define PAL_MODE_UNCONNECTED      (PAL_SAM3X_FUNC_INPUT | PAL_SAM3X_PULLUP)
#define PAL_MODE_INPUT            PAL_SAM3X_FUNC_INPUT
#define PAL_MODE_INPUT_PULLUP     (PAL_SAM3X_FUNC_INPUT | PAL_SAM3X_PULLUP)
#define PAL_MODE_INPUT_PULLDOWN   PAL_SAM3X_FUNC_INPUT
#define PAL_MODE_INPUT_ANALOG     PAL_SAM3X_FUNC_INPUT   /* the ADC takes the pad when its channel is on */
#define PAL_MODE_OUTPUT_PUSHPULL  PAL_SAM3X_FUNC_OUTPUT
#define PAL_MODE_OUTPUT_OPENDRAIN (PAL_SAM3X_FUNC_OUTPUT | PAL_SAM3X_OPENDRAIN)
#define PAL_MODE_PERIPHERAL_A     PAL_SAM3X_FUNC_PERIPH_A
#define PAL_MODE_PERIPHERAL_B     PAL_SAM3X_FUNC_PERIPH_B

#define PAL_IOPORTS_WIDTH         32U
#define PAL_WHOLE_PORT            ((ioportmask_t)0xFFFFFFFFU)

typedef uint32_t ioportmask_t;
typedef uint32_t iomode_t;
typedef uint32_t ioeventmode_t;
typedef sam3x_pio_t *ioportid_t;
typedef uint32_t iopadid_t;
/* A line is the port's address (0x200-aligned) with the pad in its low 5 bits. */
typedef uint32_t ioline_t;

#define PAL_LINE(port, pad)       ((ioline_t)((uint32_t)(port)) | ((uint32_t)(pad)))
#define PAL_PORT(line)            ((sam3x_pio_t *)(((uint32_t)(line)) & 0xFFFFFFE0U))
#define PAL_PAD(line)             ((uint32_t)((uint32_t)(line) & 0x1FU))
#define PAL_NOLINE                0U

#define IOPORT1                   SAM3X_PIOA
#define IOPORT2                   SAM3X_PIOB
#define IOPORT3                   SAM3X_PIOC
#define IOPORT4                   SAM3X_PIOD
#define GPIOA                     SAM3X_PIOA
#define GPIOB                     SAM3X_PIOB
#define GPIOC                     SAM3X_PIOC
#define GPIOD                     SAM3X_PIOD

/* Index of a port (A = 0) and of its pads' events (port x 32 + pad). */
#define SAM3X_PIO_INDEX(port)     ((((uint32_t)(port)) - 0x400E0E00U) >> 9)
#define SAM3X_PAL_EVENTS          (4U * 32U)

#define pal_lld_init()                      _pal_lld_init()
#define pal_lld_readport(port)              ((ioportmask_t)(port)->PDSR)
#define pal_lld_readlatch(port)             ((ioportmask_t)(port)->ODSR)
/* ODSR takes writes on the pads whose OWSR bit is set: all of them (_pal_lld_init). */
#define pal_lld_writeport(port, bits)       ((port)->ODSR = (uint32_t)(bits))
#define pal_lld_setport(port, bits)         ((port)->SODR = (uint32_t)(bits))
#define pal_lld_clearport(port, bits)       ((port)->CODR = (uint32_t)(bits))
#define pal_lld_writepad(port, pad, bit)                                    \
  do {                                                                      \
    if ((bit) != 0U) (port)->SODR = 1U << (pad);                            \
    else (port)->CODR = 1U << (pad);                                        \
  } while (false)
#define pal_lld_setgroupmode(port, mask, offset, mode)                      \
  _pal_lld_setgroupmode(port, (uint32_t)(mask) << (offset), mode)

#define pal_lld_enablepadevent(port, pad, mode)                             \
  _pal_lld_enablepadevent(port, pad, mode)
#define pal_lld_disablepadevent(port, pad)                                  \
  _pal_lld_disablepadevent(port, pad)
#define pal_lld_get_pad_event(port, pad)                                    \
  &_pal_events[SAM3X_PIO_INDEX(port) * 32U + (pad)]
#define pal_lld_get_line_event(line)                                        \
  &_pal_events[SAM3X_PIO_INDEX(PAL_PORT(line)) * 32U + PAL_PAD(line)]
#define pal_lld_ispadeventenabled(port, pad)                                \
  (((port)->IMR & (1U << (pad))) != 0U)

#if (PAL_USE_CALLBACKS == TRUE) || (PAL_USE_WAIT == TRUE)
extern palevent_t _pal_events[SAM3X_PAL_EVENTS];
#endif

#ifdef __cplusplus
extern "C" {
#endif
  void _pal_lld_init(void);
  void _pal_lld_setgroupmode(ioportid_t port, ioportmask_t mask, iomode_t mode);
  void _pal_lld_enablepadevent(ioportid_t port, iopadid_t pad, ioeventmode_t mode);
  void _pal_lld_disablepadevent(ioportid_t port, iopadid_t pad);
#ifdef __cplusplus
}
#endif

#endif /* HAL_USE_PAL */

#endif /* HAL_PAL_LLD_H */
