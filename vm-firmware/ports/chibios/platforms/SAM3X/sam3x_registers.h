/* The few SAM3X8E registers this HAL uses, written for Viper from Microchip's SAM3X/SAM3A
 * datasheet (memory map, peripheral identifiers, PMC, EEFC, WDT, PIO, UART, USART, ADC chapters).
 * Only what the platform files touch is here; offsets are the datasheet's. The Cortex-M3 core
 * registers (NVIC, SCB, SysTick) come from the CMSIS core header ChibiOS ships. */
#ifndef SAM3X_REGISTERS_H
#define SAM3X_REGISTERS_H

#include <stdint.h>

/* ---- the CMSIS device description core_cm3.h needs -------------------------------------- */
typedef enum {
  NonMaskableInt_IRQn   = -14,
  HardFault_IRQn        = -13,
  MemoryManagement_IRQn = -12,
  BusFault_IRQn         = -11,
  UsageFault_IRQn       = -10,
  SVCall_IRQn           = -5,
  DebugMonitor_IRQn     = -4,
  PendSV_IRQn           = -2,
  SysTick_IRQn          = -1,
  /* Peripheral interrupts are numbered by peripheral identifier (datasheet table 9-1). */
  SAM3X_FIRST_PERIPHERAL_IRQn = 0
} IRQn_Type;

#define __CM3_REV                 0x0200U   /* r2p0 */
#define __MPU_PRESENT             1
#define __NVIC_PRIO_BITS          4
#define __Vendor_SysTickConfig    0

#include "core_cm3.h"

/* ---- peripheral identifiers (PMC clock enable bits and NVIC interrupt numbers) ---------- */
#define SAM3X_ID_SUPC     0
#define SAM3X_ID_RSTC     1
#define SAM3X_ID_RTC      2
#define SAM3X_ID_RTT      3
#define SAM3X_ID_WDT      4
#define SAM3X_ID_PMC      5
#define SAM3X_ID_EFC0     6
#define SAM3X_ID_EFC1     7
#define SAM3X_ID_UART     8
#define SAM3X_ID_PIOA     11
#define SAM3X_ID_PIOB     12
#define SAM3X_ID_PIOC     13
#define SAM3X_ID_PIOD     14
#define SAM3X_ID_USART0   17
#define SAM3X_ID_USART1   18
#define SAM3X_ID_USART2   19
#define SAM3X_ID_USART3   20
#define SAM3X_ID_TWI0     22
#define SAM3X_ID_TWI1     23
#define SAM3X_ID_SPI0     24
#define SAM3X_ID_TC0      27
#define SAM3X_ID_PWM      36
#define SAM3X_ID_ADC      37
#define SAM3X_ID_DACC     38
#define SAM3X_ID_DMAC     39
#define SAM3X_ID_UOTGHS   40
#define SAM3X_ID_TRNG     41
#define SAM3X_ID_EMAC     42
#define SAM3X_ID_CAN0     43
#define SAM3X_ID_CAN1     44
#define SAM3X_ID_COUNT    45

typedef volatile uint32_t sam3x_reg_t;

/* ---- PMC: power management controller (0x400E0600) -------------------------------------- */
typedef struct {
  sam3x_reg_t SCER, SCDR, SCSR, _r0;        /* 0x00 */
  sam3x_reg_t PCER0, PCDR0, PCSR0, UCKR;    /* 0x10 */
  sam3x_reg_t MOR, MCFR, PLLAR, _r1;        /* 0x20: CKGR_MOR, CKGR_MCFR, CKGR_PLLAR */
  sam3x_reg_t MCKR, _r2, USB, _r3;          /* 0x30 */
  sam3x_reg_t PCK[3], _r4[5];               /* 0x40 */
  sam3x_reg_t IER, IDR, SR, IMR;            /* 0x60 */
  sam3x_reg_t FSMR, FSPR, FOCR, _r5[26];    /* 0x70 */
  sam3x_reg_t WPMR, WPSR, _r6[5];           /* 0xE4 */
  sam3x_reg_t PCER1, PCDR1, PCSR1, PCR;     /* 0x100 */
} sam3x_pmc_t;

#define SAM3X_PMC                 ((sam3x_pmc_t *)0x400E0600U)

#define CKGR_MOR_MOSCXTEN         (1U << 0)     /* main crystal oscillator enable */
#define CKGR_MOR_MOSCRCEN         (1U << 3)     /* main on-chip RC oscillator enable */
#define CKGR_MOR_MOSCXTST(n)      ((uint32_t)(n) << 8)  /* crystal start-up time, x8 slow clocks */
#define CKGR_MOR_KEY              (0x37U << 16) /* every write needs it */
#define CKGR_MOR_MOSCSEL          (1U << 24)    /* main clock = the crystal */
#define CKGR_PLLAR_DIVA(n)        ((uint32_t)(n) << 0)
#define CKGR_PLLAR_PLLACOUNT(n)   ((uint32_t)(n) << 8)
#define CKGR_PLLAR_MULA(n)        ((uint32_t)(n) << 16) /* PLLA = main x (MULA + 1) / DIVA */
#define CKGR_PLLAR_ONE            (1U << 29)    /* must be written 1 */
#define PMC_MCKR_CSS_MASK         (3U << 0)
#define PMC_MCKR_CSS_MAIN         (1U << 0)
#define PMC_MCKR_CSS_PLLA         (2U << 0)
#define PMC_MCKR_PRES_MASK        (7U << 4)
#define PMC_MCKR_PRES_CLK_2       (1U << 4)
#define PMC_SR_MOSCXTS            (1U << 0)
#define PMC_SR_LOCKA              (1U << 1)
#define PMC_SR_MCKRDY             (1U << 3)
#define PMC_SR_MOSCSELS           (1U << 16)

/* ---- EEFC: enhanced embedded flash controllers (bank 0 0x400E0A00, bank 1 0x400E0C00) --- */
typedef struct {
  sam3x_reg_t FMR, FCR, FSR, FRR;
} sam3x_eefc_t;

#define SAM3X_EEFC0               ((sam3x_eefc_t *)0x400E0A00U)
#define SAM3X_EEFC1               ((sam3x_eefc_t *)0x400E0C00U)
#define EEFC_FMR_FWS(n)           ((uint32_t)(n) << 8)  /* flash wait states */
#define EEFC_FMR_FWS_MASK         (0xFU << 8)

/* ---- WDT: watchdog timer (0x400E1A50); its mode register can be written once ------------- */
typedef struct {
  sam3x_reg_t CR, MR, SR;
} sam3x_wdt_t;

#define SAM3X_WDT                 ((sam3x_wdt_t *)0x400E1A50U)
#define WDT_MR_WDDIS              (1U << 15)

/* ---- RSTC: reset controller (0x400E1A00) ------------------------------------------------- */
typedef struct {
  sam3x_reg_t CR, SR, MR;
} sam3x_rstc_t;

#define SAM3X_RSTC                ((sam3x_rstc_t *)0x400E1A00U)

/* ---- PIO: parallel I/O controllers A-D (0x400E0E00, 0x200 apart) ------------------------ */
typedef struct {
  sam3x_reg_t PER, PDR, PSR, _r0;           /* 0x00 */
  sam3x_reg_t OER, ODR, OSR, _r1;           /* 0x10 */
  sam3x_reg_t IFER, IFDR, IFSR, _r2;        /* 0x20 */
  sam3x_reg_t SODR, CODR, ODSR, PDSR;       /* 0x30 */
  sam3x_reg_t IER, IDR, IMR, ISR;           /* 0x40 */
  sam3x_reg_t MDER, MDDR, MDSR, _r3;        /* 0x50: multi-driver (open drain) */
  sam3x_reg_t PUDR, PUER, PUSR, _r4;        /* 0x60: pull-up */
  sam3x_reg_t ABSR, _r5[3];                 /* 0x70: peripheral A (0) / B (1) */
  sam3x_reg_t SCIFSR, DIFSR, IFDGSR, SCDR;  /* 0x80 */
  sam3x_reg_t _r6[4];                       /* 0x90 */
  sam3x_reg_t OWER, OWDR, OWSR, _r7;        /* 0xA0: output write enable (for ODSR) */
  sam3x_reg_t AIMER, AIMDR, AIMMR, _r8;     /* 0xB0: additional interrupt modes */
  sam3x_reg_t ESR, LSR, ELSR, _r9;          /* 0xC0: edge / level select */
  sam3x_reg_t FELLSR, REHLSR, FRLHSR, _r10; /* 0xD0: falling-low / rising-high select */
  sam3x_reg_t LOCKSR, WPMR, WPSR;           /* 0xE0 */
} sam3x_pio_t;

#define SAM3X_PIOA                ((sam3x_pio_t *)0x400E0E00U)
#define SAM3X_PIOB                ((sam3x_pio_t *)0x400E1000U)
#define SAM3X_PIOC                ((sam3x_pio_t *)0x400E1200U)
#define SAM3X_PIOD                ((sam3x_pio_t *)0x400E1400U)
#define SAM3X_PIO(n)              ((sam3x_pio_t *)(0x400E0E00U + 0x200U * (uint32_t)(n)))

/* ---- UART (0x400E0800) and USART0-3 (0x40098000, 0x4000 apart): the same first registers - */
typedef struct {
  sam3x_reg_t CR, MR, IER, IDR;             /* 0x00 */
  sam3x_reg_t IMR, SR, RHR, THR;            /* 0x10: SR is US_CSR on a USART */
  sam3x_reg_t BRGR;                         /* 0x20 */
} sam3x_uart_t;

#define SAM3X_UART                ((sam3x_uart_t *)0x400E0800U)
#define SAM3X_USART0              ((sam3x_uart_t *)0x40098000U)
#define SAM3X_USART1              ((sam3x_uart_t *)0x4009C000U)
#define SAM3X_USART2              ((sam3x_uart_t *)0x400A0000U)
#define SAM3X_USART3              ((sam3x_uart_t *)0x400A4000U)
#define UART_CR_RSTRX             (1U << 2)
#define UART_CR_RSTTX             (1U << 3)
#define UART_CR_RXEN              (1U << 4)
#define UART_CR_RXDIS             (1U << 5)
#define UART_CR_TXEN              (1U << 6)
#define UART_CR_TXDIS             (1U << 7)
#define UART_CR_RSTSTA            (1U << 8)
#define UART_MR_PAR_NONE          (4U << 9)
#define US_MR_CHRL_8              (3U << 6)     /* USART only: 8 data bits (the UART has 8) */
#define UART_SR_RXRDY             (1U << 0)
#define UART_SR_TXRDY             (1U << 1)
#define UART_SR_OVRE              (1U << 5)
#define UART_SR_FRAME             (1U << 6)
#define UART_SR_PARE              (1U << 7)
#define UART_SR_TXEMPTY           (1U << 9)

/* ---- ADC (0x400C0000) --------------------------------------------------------------------- */
typedef struct {
  sam3x_reg_t CR, MR, SEQR1, SEQR2;         /* 0x00 */
  sam3x_reg_t CHER, CHDR, CHSR, _r0;        /* 0x10 */
  sam3x_reg_t LCDR, IER, IDR, IMR;          /* 0x20 */
  sam3x_reg_t ISR, _r1, _r2, OVER;          /* 0x30 */
  sam3x_reg_t EMR, CWR, CGR, COR;           /* 0x40 */
  sam3x_reg_t CDR[16];                      /* 0x50 */
} sam3x_adc_t;

#define SAM3X_ADC                 ((sam3x_adc_t *)0x400C0000U)
#define ADC_CR_SWRST              (1U << 0)
#define ADC_CR_START              (1U << 1)
#define ADC_MR_PRESCAL(n)         ((uint32_t)(n) << 8)  /* ADC clock = MCK / ((PRESCAL + 1) x 2) */
#define ADC_MR_STARTUP(n)         ((uint32_t)(n) << 16)
#define ADC_MR_SETTLING(n)        ((uint32_t)(n) << 20)
#define ADC_MR_TRACKTIM(n)        ((uint32_t)(n) << 24)
#define ADC_MR_TRANSFER(n)        ((uint32_t)(n) << 28)

#endif
