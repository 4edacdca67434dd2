/* ChibiOS system tick for the SAM3X8E: the Cortex-M3 SysTick, periodic at CH_CFG_ST_FREQUENCY
 * (Viper uses 1000 Hz, no tickless mode), clocked by MCK. Written for Viper; UNTESTED on hardware. */
#ifndef HAL_ST_LLD_H
#define HAL_ST_LLD_H

#if !defined(SAM3X_ST_IRQ_PRIORITY)
#define SAM3X_ST_IRQ_PRIORITY     8
#endif

#ifdef __cplusplus
extern "C" {
#endif
  void st_lld_init(void);
#ifdef __cplusplus
}
#endif

#endif /* HAL_ST_LLD_H */
