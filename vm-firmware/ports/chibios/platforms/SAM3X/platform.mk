# Viper's minimal ChibiOS HAL for the SAM3X8E (clocks, PAL over PIO, Serial over UART/USART,
# SysTick). SAM3X_DIR is this folder, relative to ports/chibios (set by the board's board.mk).
PLATFORMSRC := $(CHIBIOS)/os/hal/ports/common/ARMCMx/nvic.c \
               $(SAM3X_DIR)/hal_lld.c \
               $(SAM3X_DIR)/hal_pal_lld.c \
               $(SAM3X_DIR)/hal_serial_lld.c \
               $(SAM3X_DIR)/hal_st_lld.c

PLATFORMINC := $(CHIBIOS)/os/hal/ports/common/ARMCMx \
               $(SAM3X_DIR)

ALLCSRC += $(PLATFORMSRC)
ALLINC  += $(PLATFORMINC)
