/* Cortex-M parameters of the SAM3X8E for ChibiOS's startup files and ARMv7-M port (written for
 * Viper). 45 peripheral ids (SUPC 0 .. CAN1 44), rounded up to the multiple of 8 vectors.S wants. */
#ifndef CMPARAMS_H
#define CMPARAMS_H

#define CORTEX_MODEL            3
#define CORTEX_HAS_FPU          0
#define CORTEX_PRIORITY_BITS    4U
#define CORTEX_NUM_VECTORS      48
#define CORTEX_MPU_REGIONS      8

#if !defined(_FROM_ASM_)
#include "sam3x_registers.h"

#if CORTEX_MODEL != __CORTEX_M
#error "CMSIS __CORTEX_M mismatch"
#endif
#if CORTEX_PRIORITY_BITS != __NVIC_PRIO_BITS
#error "CMSIS __NVIC_PRIO_BITS mismatch"
#endif
#endif

#endif /* CMPARAMS_H */
