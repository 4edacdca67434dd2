/* ChibiOS/RT 7.0 kernel configuration for Viper (written for Viper; every setting RT 7.0
 * requires is here, see os/rt/include/chchecks.h). The VM thread and the Python threads
 * (thread_chibios.c), the serial driver's interrupts, a periodic system tick. */
#ifndef CHCONF_H
#define CHCONF_H

#define _CHIBIOS_RT_CONF_
#define _CHIBIOS_RT_CONF_VER_7_0_

/* ---- time ------------------------------------------------------------------------------- */
/* A periodic 1 kHz SysTick (CH_CFG_ST_TIMEDELTA 0): port_ticks_ms() counts ticks as
 * milliseconds, and under QEMU 7.2 the tickless mode's TIM2 compare interrupt never fires. */
#define CH_CFG_SMP_MODE                     FALSE
#define CH_CFG_ST_RESOLUTION                32
#define CH_CFG_ST_FREQUENCY                 1000
#define CH_CFG_INTERVALS_SIZE               32
#define CH_CFG_TIME_TYPES_SIZE              32
#define CH_CFG_ST_TIMEDELTA                 0

/* ---- kernel ----------------------------------------------------------------------------- */
#define CH_CFG_TIME_QUANTUM                 0
#define CH_CFG_NO_IDLE_THREAD               FALSE
#define CH_CFG_OPTIMIZE_SPEED               TRUE

/* Sleep in WFI when idle: on a board it saves power; under QEMU with -icount sleep=off the
 * virtual clock jumps to the next tick, so idle time costs nothing. */
#define CORTEX_ENABLE_WFI_IDLE              TRUE

/* ---- subsystems: only what the HAL's serial driver and the threads use ------------------- */
#define CH_CFG_USE_TM                       FALSE
#define CH_CFG_USE_TIMESTAMP                FALSE
#define CH_CFG_USE_REGISTRY                 FALSE
#define CH_CFG_USE_WAITEXIT                 TRUE    /* reaping Python threads */
#define CH_CFG_USE_SEMAPHORES               TRUE
#define CH_CFG_USE_SEMAPHORES_PRIORITY      FALSE
#define CH_CFG_USE_MUTEXES                  TRUE
#define CH_CFG_USE_MUTEXES_RECURSIVE        FALSE
#define CH_CFG_USE_CONDVARS                 FALSE
#define CH_CFG_USE_CONDVARS_TIMEOUT         FALSE
#define CH_CFG_USE_EVENTS                   TRUE    /* the link's bytes, threads' wakes */
#define CH_CFG_USE_EVENTS_TIMEOUT           TRUE
#define CH_CFG_USE_MESSAGES                 FALSE
#define CH_CFG_USE_MESSAGES_PRIORITY        FALSE
#define CH_CFG_USE_DYNAMIC                  FALSE

/* ---- OS library: only the core allocator, under newlib's malloc (strtod uses it); the VM
 * has its own heap. MEMCORE_SIZE 0: the RAM the linker left unused. ------------------------ */
#define CH_CFG_USE_MAILBOXES                FALSE
#define CH_CFG_USE_MEMCORE                  TRUE
#define CH_CFG_MEMCORE_SIZE                 0
#define CH_CFG_USE_HEAP                     FALSE
#define CH_CFG_USE_MEMPOOLS                 FALSE
#define CH_CFG_USE_OBJ_FIFOS                FALSE
#define CH_CFG_USE_PIPES                    FALSE
#define CH_CFG_USE_OBJ_CACHES               FALSE
#define CH_CFG_USE_DELEGATES                FALSE
#define CH_CFG_USE_JOBS                     FALSE
#define CH_CFG_USE_FACTORY                  FALSE
#define CH_CFG_FACTORY_MAX_NAMES_LENGTH     8
#define CH_CFG_FACTORY_OBJECTS_REGISTRY     FALSE
#define CH_CFG_FACTORY_GENERIC_BUFFERS      FALSE
#define CH_CFG_FACTORY_SEMAPHORES           FALSE
#define CH_CFG_FACTORY_MAILBOXES            FALSE
#define CH_CFG_FACTORY_OBJ_FIFOS            FALSE
#define CH_CFG_FACTORY_PIPES                FALSE

/* ---- debug: off in firmware; VIPER_CH_DEBUG=1 turns the kernel's checks on -------------- */
#if defined(VIPER_CH_DEBUG) && VIPER_CH_DEBUG
#define CH_DBG_SYSTEM_STATE_CHECK           TRUE
#define CH_DBG_ENABLE_CHECKS                TRUE
#define CH_DBG_ENABLE_ASSERTS               TRUE
#define CH_DBG_ENABLE_STACK_CHECK           TRUE
#define CH_DBG_FILL_THREADS                 TRUE
#else
#define CH_DBG_SYSTEM_STATE_CHECK           FALSE
#define CH_DBG_ENABLE_CHECKS                FALSE
#define CH_DBG_ENABLE_ASSERTS               FALSE
#define CH_DBG_ENABLE_STACK_CHECK           FALSE
#define CH_DBG_FILL_THREADS                 FALSE
#endif
#define CH_DBG_STATISTICS                   FALSE
#define CH_DBG_TRACE_MASK                   CH_DBG_TRACE_MASK_DISABLED
#define CH_DBG_TRACE_BUFFER_SIZE            128
#define CH_DBG_THREADS_PROFILING            FALSE

/* ---- hooks: none ------------------------------------------------------------------------ */
#define CH_CFG_SYSTEM_EXTRA_FIELDS
#define CH_CFG_SYSTEM_INIT_HOOK()           {}
#define CH_CFG_OS_INSTANCE_EXTRA_FIELDS
#define CH_CFG_OS_INSTANCE_INIT_HOOK(oip)   {}
#define CH_CFG_THREAD_EXTRA_FIELDS
#define CH_CFG_THREAD_INIT_HOOK(tp)         {}
#define CH_CFG_THREAD_EXIT_HOOK(tp)         {}
#define CH_CFG_CONTEXT_SWITCH_HOOK(ntp, otp) {}
#define CH_CFG_IRQ_PROLOGUE_HOOK()          {}
#define CH_CFG_IRQ_EPILOGUE_HOOK()          {}
#define CH_CFG_IDLE_ENTER_HOOK()            {}
#define CH_CFG_IDLE_LEAVE_HOOK()            {}
#define CH_CFG_IDLE_LOOP_HOOK()             {}
#define CH_CFG_SYSTEM_TICK_HOOK()           {}
#define CH_CFG_SYSTEM_HALT_HOOK(reason)     {}
#define CH_CFG_TRACE_HOOK(tep)              {}
#define CH_CFG_RUNTIME_FAULTS_HOOK(mask)    {}

#endif /* CHCONF_H */
