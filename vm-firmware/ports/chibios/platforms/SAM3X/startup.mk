# ChibiOS's generic ARMv7-M GCC startup (crt0_v7m.S, vectors.S, crt1.c, rules*.ld) for the
# SAM3X8E; the chip's own part (cmparams.h, the linker script) is in this folder.
# SAM3X_DIR is this folder, relative to ports/chibios (set by the board's board.mk).
STARTUPSRC = $(CHIBIOS)/os/common/startup/ARMCMx/compilers/GCC/crt1.c
STARTUPASM = $(CHIBIOS)/os/common/startup/ARMCMx/compilers/GCC/crt0_v7m.S \
             $(CHIBIOS)/os/common/startup/ARMCMx/compilers/GCC/vectors.S
STARTUPINC = $(CHIBIOS)/os/common/portability/GCC \
             $(CHIBIOS)/os/common/startup/ARMCMx/compilers/GCC \
             $(SAM3X_DIR) \
             $(CHIBIOS)/os/common/ext/ARM/CMSIS/Core/Include
STARTUPLD  = $(CHIBIOS)/os/common/startup/ARMCMx/compilers/GCC/ld

ALLXASMSRC += $(STARTUPASM)
ALLCSRC    += $(STARTUPSRC)
ALLINC     += $(STARTUPINC)
