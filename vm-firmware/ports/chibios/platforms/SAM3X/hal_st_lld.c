/* The SysTick as ChibiOS's periodic system tick (see hal_st_lld.h). UNTESTED on hardware. */
#include "hal.h"

#if OSAL_ST_MODE != OSAL_ST_MODE_PERIODIC
#error "the SAM3X HAL has the periodic system tick only (CH_CFG_ST_TIMEDELTA 0)"
#endif
#if (SAM3X_MCK / OSAL_ST_FREQUENCY) - 1U > 0x00FFFFFFU
#error "CH_CFG_ST_FREQUENCY too low for the SysTick's 24-bit counter"
#endif

OSAL_IRQ_HANDLER(SysTick_Handler) {
  OSAL_IRQ_PROLOGUE();
  osalSysLockFromISR();
  osalOsTimerHandlerI();
  osalSysUnlockFromISR();
  OSAL_IRQ_EPILOGUE();
}

void st_lld_init(void) {
  SysTick->LOAD = SAM3X_MCK / OSAL_ST_FREQUENCY - 1U;
  SysTick->VAL = 0U;
  SysTick->CTRL = SysTick_CTRL_CLKSOURCE_Msk | SysTick_CTRL_ENABLE_Msk | SysTick_CTRL_TICKINT_Msk;
  nvicSetSystemHandlerPriority(HANDLER_SYSTICK, SAM3X_ST_IRQ_PRIORITY);
}
