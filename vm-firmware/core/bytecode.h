/* Opcode numbers and per-opcode facts, all expanded from the generated table (gen/opcodes.h). */
#ifndef VIPER_BYTECODE_H
#define VIPER_BYTECODE_H

#include <stdint.h>

#include "gen/opcodes.h"

typedef enum {
#define X(name, code, size, pops, per_arg, pushes) OP_##name = code,
  VIPER_OPCODES(X)
#undef X
  OP_COUNT = OP_COUNT_
} Opcode;

extern const uint8_t op_operand_size[OP_COUNT];
extern const uint8_t op_pops[OP_COUNT];
extern const uint8_t op_pops_per_arg[OP_COUNT];
extern const uint8_t op_pushes[OP_COUNT];
extern const char *const op_names[OP_COUNT];

#endif
