/* SAM3X8E clocks and peripheral clocks (see hal_lld.h). UNTESTED on hardware. */
#include "hal.h"

/* Peripheral clocks: ids 0-31 are in PMC_PCER0/PCDR0, 32-44 in PMC_PCER1/PCDR1. The system
 * peripherals below id 8 (SUPC..EFC1) are always clocked. */
void sam3x_peripheral_clock_enable(uint32_t id) {
  if (id < 32U) SAM3X_PMC->PCER0 = 1U << id;
  else SAM3X_PMC->PCER1 = 1U << (id - 32U);
}

void sam3x_peripheral_clock_disable(uint32_t id) {
  if (id < 32U) SAM3X_PMC->PCDR0 = 1U << id;
  else SAM3X_PMC->PCDR1 = 1U << (id - 32U);
}

void hal_lld_init(void) {
  /* The PIO controllers clock the input sampling (reads, edge interrupts): on for all four. */
  sam3x_peripheral_clock_enable(SAM3X_ID_PIOA);
  sam3x_peripheral_clock_enable(SAM3X_ID_PIOB);
  sam3x_peripheral_clock_enable(SAM3X_ID_PIOC);
  sam3x_peripheral_clock_enable(SAM3X_ID_PIOD);
}

/* From __early_init (board.c), before the C runtime: the watchdog off, the flash slowed down
 * for the faster clock, then the crystal, the PLL and MCK, in the datasheet's order. */
void sam3x_clock_init(void) {
  sam3x_pmc_t *pmc = SAM3X_PMC;

  /* The watchdog runs from reset (16 s); WDT_MR can be written once, so this is final. */
  SAM3X_WDT->MR = WDT_MR_WDDIS;

#if SAM3X_NO_INIT == FALSE
  /* Wait states first: MCK is only raised after both banks can follow it. */
  SAM3X_EEFC0->FMR = (SAM3X_EEFC0->FMR & ~EEFC_FMR_FWS_MASK) | EEFC_FMR_FWS(SAM3X_FLASH_WS);
  SAM3X_EEFC1->FMR = (SAM3X_EEFC1->FMR & ~EEFC_FMR_FWS_MASK) | EEFC_FMR_FWS(SAM3X_FLASH_WS);

  /* The crystal (a 0x8 x 8 slow-clock start-up time, ~2 ms), the RC oscillator kept running
   * until the switch is done. */
  if ((pmc->MOR & CKGR_MOR_MOSCSEL) == 0U) {
    pmc->MOR = CKGR_MOR_KEY | CKGR_MOR_MOSCXTST(8) | CKGR_MOR_MOSCRCEN | CKGR_MOR_MOSCXTEN;
    while ((pmc->SR & PMC_SR_MOSCXTS) == 0U) {
    }
  }
  pmc->MOR = CKGR_MOR_KEY | CKGR_MOR_MOSCXTST(8) | CKGR_MOR_MOSCRCEN | CKGR_MOR_MOSCXTEN |
             CKGR_MOR_MOSCSEL;
  while ((pmc->SR & PMC_SR_MOSCSELS) == 0U) {
  }
  /* MCK from the main clock while the PLL changes. */
  pmc->MCKR = (pmc->MCKR & ~PMC_MCKR_CSS_MASK) | PMC_MCKR_CSS_MAIN;
  while ((pmc->SR & PMC_SR_MCKRDY) == 0U) {
  }

  /* PLLA = 12 MHz x (13 + 1) / 1 = 168 MHz; the lock counter at its longest. */
  pmc->PLLAR = CKGR_PLLAR_ONE | CKGR_PLLAR_MULA(SAM3X_PLLA_MUL - 1U) | CKGR_PLLAR_PLLACOUNT(0x3F) |
               CKGR_PLLAR_DIVA(1);
  while ((pmc->SR & PMC_SR_LOCKA) == 0U) {
  }

  /* The prescaler first, then the source (the datasheet's order for a switch to a PLL). */
  pmc->MCKR = PMC_MCKR_PRES_CLK_2 | PMC_MCKR_CSS_MAIN;
  while ((pmc->SR & PMC_SR_MCKRDY) == 0U) {
  }
  pmc->MCKR = PMC_MCKR_PRES_CLK_2 | PMC_MCKR_CSS_PLLA;
  while ((pmc->SR & PMC_SR_MCKRDY) == 0U) {
  }
#endif
}
