/* The image loader and verifier (docs/image-format.md). Nothing in an image is trusted until
 * image_verify() has passed it; image_load() then reads it without further checks. */
#include <string.h>

#include "bytecode.h"
#include "crc32.h"
#include "gen/image_format.h"
#include "loader.h"

/* ==== opcode facts ======================================================================= */

const uint8_t op_operand_size[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = size,
  VIPER_OPCODES(X)
#undef X
};
const uint8_t op_pops[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = pops,
  VIPER_OPCODES(X)
#undef X
};
const uint8_t op_pops_per_arg[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = per_arg,
  VIPER_OPCODES(X)
#undef X
};
const uint8_t op_pushes[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = pushes,
  VIPER_OPCODES(X)
#undef X
};
const char *const op_names[OP_COUNT] = {
#define X(name, code, size, pops, per_arg, pushes) [code] = #name,
  VIPER_OPCODES(X)
#undef X
};

/* Jumps and the opcodes that never fall through, from the table's flow columns. */
#define FLOW_JUMP 1
#define FLOW_TERMINATES 2
static const uint8_t op_flow[OP_COUNT] = {
#define F(name, is_jump, effect, ends) [OP_##name] = (is_jump) * FLOW_JUMP | (ends) * FLOW_TERMINATES,
  VIPER_OPCODE_FLOW(F)
#undef F
};
/* Stack effect when a jump is taken (the handler of SETUP_FINALLY gets two values pushed). */
static const int8_t op_jump_effect[OP_COUNT] = {
#define F(name, is_jump, effect, ends) [OP_##name] = effect,
  VIPER_OPCODE_FLOW(F)
#undef F
};

static bool op_is_jump(int op) { return (op_flow[op] & FLOW_JUMP) != 0; }

/* ==== reading ============================================================================ */

typedef struct Reader {
  const uint8_t *p, *end;
  const char *error;
} Reader;

static bool need(Reader *r, size_t n) {
  if (r->error != NULL) return false;
  if ((size_t)(r->end - r->p) < n) { r->error = "truncated image"; return false; }
  return true;
}
static uint8_t rd_u8(Reader *r) { return need(r, 1) ? *r->p++ : 0; }
static uint16_t rd_u16(Reader *r) {
  uint16_t v;
  if (!need(r, 2)) return 0;
  v = (uint16_t)(r->p[0] | (r->p[1] << 8));
  r->p += 2;
  return v;
}
static uint32_t rd_u32(Reader *r) {
  uint32_t v;
  if (!need(r, 4)) return 0;
  v = (uint32_t)r->p[0] | ((uint32_t)r->p[1] << 8) | ((uint32_t)r->p[2] << 16) | ((uint32_t)r->p[3] << 24);
  r->p += 4;
  return v;
}
static uint64_t rd_u64(Reader *r) {
  uint64_t lo = rd_u32(r);
  return lo | ((uint64_t)rd_u32(r) << 32);
}
static const uint8_t *rd_bytes(Reader *r, size_t n) {
  const uint8_t *p = r->p;
  if (!need(r, n)) return NULL;
  r->p += n;
  return p;
}
static bool fail(Reader *r, const char *why) {
  if (r->error == NULL) r->error = why;
  return false;
}

/* ==== verification ======================================================================= */

typedef struct Counts { uint32_t nnames, ncodes; } Counts;

static bool verify_const(Reader *r, const Counts *c, uint16_t *nconsts_unused, int depth) {
  uint8_t tag = rd_u8(r);
  uint32_t n, i;
  (void)nconsts_unused;
  if (r->error) return false;
  switch (tag) {
  case CONST_NONE: case CONST_TRUE: case CONST_FALSE: case CONST_ELLIPSIS: return true;
  case CONST_INT: rd_u64(r); break;
  case CONST_BIGINT:
    if (rd_u8(r) > 1) return fail(r, "bad bigint sign");
    n = rd_u16(r);
    rd_bytes(r, n);
    break;
  case CONST_FLOAT: rd_u64(r); break;
  case CONST_STR: {
    const uint8_t *s;
    n = rd_u32(r);
    s = rd_bytes(r, n);
    if (s != NULL && !str_utf8_valid(s, n, NULL)) return fail(r, "string constant is not UTF-8");
    break;
  }
  case CONST_BYTES: n = rd_u32(r); rd_bytes(r, n); break;
  case CONST_CODE:
    if (rd_u16(r) >= c->ncodes) return fail(r, "code constant index out of range");
    break;
  case CONST_TUPLE:
    if (depth > 8) return fail(r, "constant tuples nested too deeply");
    n = rd_u16(r);
    for (i = 0; i < n && r->error == NULL; i++) verify_const(r, c, NULL, depth + 1);
    break;
  default: return fail(r, "unknown constant tag");
  }
  return r->error == NULL;
}

#define DEPTH_NOT_START (-2)
#define DEPTH_UNKNOWN (-1)

static bool set_depth(Reader *r, int16_t *depth, uint32_t at, int d) {
  if (depth[at] == DEPTH_UNKNOWN) { depth[at] = (int16_t)d; return true; }
  if (depth[at] != d) return fail(r, "inconsistent stack depth at a jump target");
  return false;
}

static bool verify_bytecode(Reader *r, const Counts *c, const uint8_t *code, uint32_t len,
                            uint32_t nconsts, uint32_t nlocals, uint32_t stacksize, bool is_module,
                            int16_t *depth) {
  uint32_t pc, i;
  bool changed;
  if (len == 0) return fail(r, "empty code object");
  for (i = 0; i < len; i++) depth[i] = DEPTH_NOT_START;
  /* Pass 1: opcodes, operand sizes and operand ranges; mark instruction starts. */
  for (pc = 0; pc < len;) {
    uint8_t op = code[pc];
    uint32_t size, arg = 0;
    if (op >= OP_COUNT) return fail(r, "invalid opcode");
    size = op_operand_size[op];
    if (pc + 1 + size > len) return fail(r, "instruction runs past the end of the code");
    if (size == 1) arg = code[pc + 1];
    if (size == 2) arg = (uint32_t)(code[pc + 1] | (code[pc + 2] << 8));
    depth[pc] = DEPTH_UNKNOWN;
    switch (op) {
    case OP_LOAD_CONST: if (arg >= nconsts) return fail(r, "constant index out of range"); break;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST: case OP_MAKE_CELL: case OP_LOAD_DEREF:
    case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLOSURE:
      if (arg >= nlocals) return fail(r, "local slot out of range");
      break;
    case OP_GEN_START: case OP_YIELD_VALUE: case OP_YIELD_FROM:
      if (is_module) return fail(r, "generator instruction in a module body");
      break;
    case OP_LIST_APPEND_AT: case OP_SET_ADD_AT: case OP_MAP_ADD_AT:
      if (arg == 0) return fail(r, "bad comprehension operand");
      break;
    case OP_COPY_FREE_VARS:
      /* The running function sits below the frame's slots; a module body has none. */
      if (is_module) return fail(r, "COPY_FREE_VARS in a module body");
      if (arg > nlocals) return fail(r, "more free variables than local slots");
      break;
    case OP_SET_FUNCTION_ATTR:
      if (arg < FUNC_ATTR_DEFAULTS || arg > FUNC_ATTR_CLOSURE) return fail(r, "bad SET_FUNCTION_ATTR operand");
      break;
    case OP_BUILD_SLICE: if (arg != 2 && arg != 3) return fail(r, "bad BUILD_SLICE operand"); break;
    case OP_DICT_MERGE: if (arg > 1) return fail(r, "bad DICT_MERGE operand"); break;
    case OP_CALL_EX: if (arg > 1) return fail(r, "bad CALL_EX operand"); break;
    case OP_GET_AWAITABLE: if (arg > 3) return fail(r, "bad GET_AWAITABLE operand"); break;
    case OP_IMPORT_NAME: case OP_IMPORT_FROM: case OP_LOAD_METHOD:
    case OP_LOAD_GLOBAL: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_NAME:
    case OP_STORE_NAME: case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_STORE_ATTR: case OP_DELETE_ATTR:
      if (arg >= c->nnames) return fail(r, "name index out of range");
      break;
    case OP_MAKE_FUNCTION: if (arg >= c->ncodes) return fail(r, "code index out of range"); break;
    case OP_BINARY_OP:
      if ((arg & ~(uint32_t)BINOP_INPLACE) >= BINOP_COUNT_) return fail(r, "bad BINARY_OP operand");
      break;
    case OP_UNARY_OP: if (arg >= UNOP_COUNT_) return fail(r, "bad UNARY_OP operand"); break;
    case OP_COMPARE_OP: if (arg >= CMP_COUNT_) return fail(r, "bad COMPARE_OP operand"); break;
    default: break;
    }
    pc += 1 + size;
  }
  /* Pass 2: jump targets land on instruction starts inside the code. */
  for (pc = 0; pc < len; pc += 1u + op_operand_size[code[pc]]) {
    if (op_is_jump(code[pc])) {
      long target = (long)pc + 3 + (int16_t)(code[pc + 1] | (code[pc + 2] << 8));
      if (target < 0 || target >= (long)len || depth[target] == DEPTH_NOT_START)
        return fail(r, "jump target is not an instruction in the code");
    }
  }
  /* Pass 3: the operand stack depth along every path stays within [0, stacksize]. */
  depth[0] = 0;
  do {
    changed = false;
    for (pc = 0; pc < len; pc += 1u + op_operand_size[code[pc]]) {
      uint8_t op = code[pc];
      uint32_t size = op_operand_size[op], arg = 0, next = pc + 1 + size;
      int d = depth[pc], after, pops;
      long target = 0;
      if (d < 0) continue;
      if (size == 1) arg = code[pc + 1];
      if (size == 2) arg = (uint32_t)(code[pc + 1] | (code[pc + 2] << 8));
      pops = op_pops[op] + op_pops_per_arg[op] * (int)arg;
      if (d < pops) return fail(r, "operand stack underflow");
      after = d - pops + op_pushes[op];
      if (op == OP_UNPACK_SEQUENCE) after += (int)arg * OP_PUSHES_PER_ARG_UNPACK_SEQUENCE;
      if (op == OP_UNPACK_EX) after += (int)((arg & 0xFF) + (arg >> 8)) * OP_PUSHES_PER_ARG_UNPACK_EX;
      if (op == OP_DICT_MERGE && arg == 1 && d < 4) return fail(r, "DICT_MERGE of call arguments without a callee");
      if ((op == OP_LIST_APPEND_AT || op == OP_SET_ADD_AT || op == OP_MAP_ADD_AT) && d - pops < (int)arg)
        return fail(r, "comprehension target below the operand stack");
      if (after > (int)stacksize) return fail(r, "operand stack exceeds the declared stacksize");
      if (op_is_jump(op)) {
        int jd = d + op_jump_effect[op];
        target = (long)next + (int16_t)arg;
        if (jd > (int)stacksize) return fail(r, "operand stack exceeds the declared stacksize");
        changed |= set_depth(r, depth, (uint32_t)target, jd);
        if (r->error) return false;
      }
      if (op_flow[op] & FLOW_TERMINATES) continue;
      if (next >= len) return fail(r, "execution can run past the end of the code");
      changed |= set_depth(r, depth, next, after);
      if (r->error) return false;
    }
  } while (changed);
  return true;
}

static bool verify_code(Reader *r, const Counts *c, int16_t *scratch, size_t scratch_size) {
  uint32_t nlocals, nconsts, stacksize, i, code_len, lines_len, argcount, posonly, kwonly, flags, nparams;
  const uint8_t *code;
  if (rd_u16(r) >= c->nnames) return fail(r, "code name index out of range");
  if (rd_u16(r) >= c->nnames) return fail(r, "code qualname index out of range");
  argcount = rd_u8(r);
  posonly = rd_u8(r);
  kwonly = rd_u8(r);
  flags = rd_u8(r);
  nlocals = rd_u16(r);
  if (posonly > argcount) return fail(r, "more positional-only parameters than positional ones");
  nparams = argcount + kwonly + ((flags & CODE_FLAG_VARARGS) ? 1u : 0u) + ((flags & CODE_FLAG_VARKEYWORDS) ? 1u : 0u);
  if (nparams > nlocals) return fail(r, "more parameters than local slots");
  if ((flags & CODE_FLAG_MODULE) && nparams > 0) return fail(r, "a module body has no parameters");
  for (i = 0; i < nlocals; i++)
    if (rd_u16(r) >= c->nnames) return fail(r, "local name index out of range");
  stacksize = rd_u16(r);
  if (stacksize > 4096) return fail(r, "stacksize too large");
  rd_u16(r);
  nconsts = rd_u16(r);
  for (i = 0; i < nconsts && r->error == NULL; i++) verify_const(r, c, NULL, 0);
  code_len = rd_u32(r);
  code = rd_bytes(r, code_len);
  lines_len = rd_u16(r);
  rd_bytes(r, lines_len);
  if (r->error) return false;
  if (code_len * sizeof(int16_t) > scratch_size) return fail(r, "code object too large to verify");
  return verify_bytecode(r, c, code, code_len, nconsts, nlocals, stacksize, (flags & CODE_FLAG_MODULE) != 0, scratch);
}

const char *image_verify(const uint8_t *image, size_t len, void *scratch, size_t scratch_size) {
  Reader r;
  Counts c;
  uint32_t total, crc, i, nmodules;
  const uint8_t *modules;
  if (len < IMAGE_HEADER_SIZE) return "image shorter than its header";
  if (image[0] != IMAGE_MAGIC_0 || image[1] != IMAGE_MAGIC_1 || image[2] != IMAGE_MAGIC_2 ||
      image[3] != IMAGE_MAGIC_3)
    return "not a Viper image (bad magic)";
  r.p = image + 4;
  r.end = image + len;
  r.error = NULL;
  if (rd_u16(&r) != IMAGE_FORMAT_VERSION) return "unsupported image format version";
  if (rd_u16(&r) != 0) return "unsupported image flags";
  total = rd_u32(&r);
  if (total != len) return "image length does not match its header";
  crc = rd_u32(&r);
  if (crc != crc32(image + IMAGE_HEADER_SIZE, len - IMAGE_HEADER_SIZE)) return "image CRC mismatch";

  c.nnames = rd_u16(&r);
  for (i = 0; i < c.nnames && r.error == NULL; i++) {
    uint16_t n = rd_u16(&r);
    const uint8_t *s = rd_bytes(&r, n);
    if (s != NULL && !str_utf8_valid(s, n, NULL)) return "name is not UTF-8";
  }
  nmodules = rd_u16(&r);
  if (r.error == NULL && nmodules == 0) return "image has no module";
  modules = r.p;
  rd_bytes(&r, (size_t)nmodules * 6);
  c.ncodes = rd_u16(&r);
  if (r.error) return r.error;
  for (i = 0; i < nmodules; i++) {
    const uint8_t *m = modules + i * 6;
    if ((uint32_t)(m[0] | (m[1] << 8)) >= c.nnames || (uint32_t)(m[2] | (m[3] << 8)) >= c.nnames)
      return "module name index out of range";
    if ((uint32_t)(m[4] | (m[5] << 8)) >= c.ncodes) return "module code index out of range";
  }
  for (i = 0; i < c.ncodes && r.error == NULL; i++)
    verify_code(&r, &c, (int16_t *)scratch, scratch_size);
  if (r.error) return r.error;
  if (r.p != r.end) return "trailing bytes after the last code object";
  return NULL;
}

/* ==== loading ============================================================================ */

static Value load_const(VM *vm, Reader *r);

static Value load_int(VM *vm, bool neg, uint64_t mag) { return int_from_u64(vm, neg, mag); }

static Value load_const(VM *vm, Reader *r) {
  uint8_t tag = rd_u8(r);
  uint32_t n, i;
  switch (tag) {
  case CONST_NONE: return NONE_VAL;
  case CONST_TRUE: return TRUE_VAL;
  case CONST_FALSE: return FALSE_VAL;
  case CONST_ELLIPSIS: return ELLIPSIS_VAL;
  case CONST_INT: {
    int64_t v = (int64_t)rd_u64(r);
    return v < 0 ? load_int(vm, true, (uint64_t)0 - (uint64_t)v) : load_int(vm, false, (uint64_t)v);
  }
  case CONST_BIGINT: {
    bool neg = rd_u8(r) == 1;
    n = rd_u16(r);
    return bigint_from_le_bytes(vm, neg, rd_bytes(r, n), n);
  }
  case CONST_FLOAT: {
    uint64_t bits = rd_u64(r);
    double d;
    memcpy(&d, &bits, sizeof d);
    return float_new(vm, d);
  }
  case CONST_STR:
    n = rd_u32(r);
    return str_new(vm, (const char *)rd_bytes(r, n), n);
  case CONST_BYTES:
    n = rd_u32(r);
    return bytes_new(vm, &bytes_type, rd_bytes(r, n), n);
  case CONST_CODE:
    return OBJ_VAL(vm->codes[rd_u16(r)]);
  default: {  /* CONST_TUPLE */
    Value t;
    n = rd_u16(r);
    t = tuple_new(vm, n);
    if (t == EXC_VAL) return EXC_VAL;
    vm_push_root(vm, t);
    for (i = 0; i < n; i++) {
      Value v = load_const(vm, r);
      if (v == EXC_VAL) { vm_pop_root(vm); return EXC_VAL; }
      AS_TUPLE(t)->items[i] = v;
    }
    vm_pop_root(vm);
    return t;
  }
  }
}

static bool load_code(VM *vm, Reader *r, ObjCode *c) {
  uint32_t i, n;
  c->names = vm->names;
  c->nnames = vm->nnames;
  c->codes = vm->codes;
  c->ncodes = vm->ncodes;
  c->name = AS_STR(vm->names[rd_u16(r)]);
  c->qualname = AS_STR(vm->names[rd_u16(r)]);
  c->argcount = rd_u8(r);
  c->posonlyargcount = rd_u8(r);
  c->kwonlyargcount = rd_u8(r);
  c->flags = rd_u8(r);
  n = rd_u16(r);
  c->local_names = (Value *)raw_alloc(vm, (n ? n : 1) * sizeof(Value));
  if (c->local_names == NULL) return false;
  for (i = 0; i < n; i++) c->local_names[i] = vm->names[rd_u16(r)];
  c->nlocals = (uint16_t)n;
  c->stacksize = rd_u16(r);
  c->first_line = rd_u16(r);
  n = rd_u16(r);
  c->consts = (Value *)raw_alloc(vm, (n ? n : 1) * sizeof(Value));
  if (c->consts == NULL) return false;
  for (i = 0; i < n; i++) c->consts[i] = NONE_VAL;
  c->nconsts = (uint16_t)n;
  for (i = 0; i < n; i++) {
    Value v = load_const(vm, r);
    if (v == EXC_VAL) return false;
    c->consts[i] = v;
  }
  c->code_len = rd_u32(r);
  c->code = rd_bytes(r, c->code_len);
  c->lines_len = rd_u16(r);
  c->lines = rd_bytes(r, c->lines_len);
  return true;
}

/* Each code object takes the file of the module whose tree reaches it. */
static void assign_files(VM *vm) {
  bool changed = true;
  uint32_t i, pc, k;
  while (changed) {
    changed = false;
    for (i = 0; i < vm->ncodes; i++) {
      ObjCode *c = vm->codes[i];
      if (c->file == NULL) continue;
      for (pc = 0; pc < c->code_len; pc += 1u + op_operand_size[c->code[pc]]) {
        if (c->code[pc] == OP_MAKE_FUNCTION) {
          ObjCode *f = vm->codes[c->code[pc + 1] | (c->code[pc + 2] << 8)];
          if (f->file == NULL) { f->file = c->file; changed = true; }
        }
      }
      for (k = 0; k < c->nconsts; k++) {
        if (IS_TYPE(c->consts[k], &code_type) && AS_CODE(c->consts[k])->file == NULL) {
          AS_CODE(c->consts[k])->file = c->file;
          changed = true;
        }
      }
    }
  }
}

bool image_load(VM *vm, const uint8_t *image, size_t len) {
  Reader r;
  uint32_t i, n, nmodules;
  const uint8_t *modules;
  r.p = image + IMAGE_HEADER_SIZE;
  r.end = image + len;
  r.error = NULL;
  n = rd_u16(&r);
  vm->names = (Value *)raw_alloc(vm, (n ? n : 1) * sizeof(Value));
  if (vm->names == NULL) return false;
  for (i = 0; i < n; i++) {
    uint16_t sl = rd_u16(&r);
    Value s = str_intern(vm, (const char *)rd_bytes(&r, sl), sl);
    if (s == EXC_VAL) return false;
    vm->names[i] = s;
    vm->nnames = i + 1;
  }
  nmodules = rd_u16(&r);
  modules = rd_bytes(&r, (size_t)nmodules * 6);
  n = rd_u16(&r);
  vm->codes = (ObjCode **)raw_alloc(vm, (n ? n : 1) * sizeof(ObjCode *));
  if (vm->codes == NULL) return false;
  for (i = 0; i < n; i++) {
    vm->codes[i] = (ObjCode *)obj_alloc(vm, &code_type, sizeof(ObjCode));
    if (vm->codes[i] == NULL) return false;
    vm->ncodes = i + 1;
  }
  for (i = 0; i < n; i++)
    if (!load_code(vm, &r, vm->codes[i])) return false;
  for (i = nmodules; i > 0; i--) {
    const uint8_t *m = modules + (i - 1) * 6;
    vm->codes[m[4] | (m[5] << 8)]->file = AS_STR(vm->names[m[2] | (m[3] << 8)]);
  }
  vm->main_code = (uint32_t)(modules[4] | (modules[5] << 8));
  /* The other modules of the image, by name, for IMPORT_NAME. */
  if (vm->module_codes == NULL) {
    Value d = dict_new(vm);
    if (d == EXC_VAL) return false;
    vm->module_codes = AS_DICT(d);
  }
  for (i = 1; i < nmodules; i++) {
    const uint8_t *m = modules + i * 6;
    if (!dict_set(vm, vm->module_codes, vm->names[m[0] | (m[1] << 8)], OBJ_VAL(vm->codes[m[4] | (m[5] << 8)])))
      return false;
  }
  assign_files(vm);
  for (i = 0; i < n; i++)
    if (vm->codes[i]->file == NULL) vm->codes[i]->file = vm->codes[vm->main_code]->file;
  return true;
}

uint32_t code_line_at(const ObjCode *code, uint32_t pc) {
  uint32_t addr = 0, i;
  int32_t line = code->first_line;
  for (i = 0; i + 1 < code->lines_len; i += 2) {
    addr += code->lines[i];
    if (addr > pc) break;
    line += (int8_t)code->lines[i + 1];
  }
  return (uint32_t)line;
}
