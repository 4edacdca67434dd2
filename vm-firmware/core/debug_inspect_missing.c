/* Stand-ins for debug_inspect.c until it is built into this branch: weak, so the real ones win
 * when both are linked. Each answers -2 (the link's ERROR BAD_STATE) "not built yet". Delete this
 * file once debug_inspect.c is merged. */
#include "debug.h"

#if VIPER_DEBUGGER
#define NOT_BUILT(why) (*(why) = "not built yet", -2)
#define WEAK __attribute__((weak))

WEAK long debug_reply_threads(VM *vm, uint8_t *out, size_t room, const char **why) {
  (void)vm; (void)out; (void)room;
  return NOT_BUILT(why);
}
WEAK long debug_reply_stack(VM *vm, uint32_t thread, uint16_t start, uint16_t levels, uint8_t *out,
                            size_t room, const char **why) {
  (void)vm; (void)thread; (void)start; (void)levels; (void)out; (void)room;
  return NOT_BUILT(why);
}
WEAK long debug_reply_scopes(VM *vm, uint16_t frame_id, uint8_t *out, size_t room, const char **why) {
  (void)vm; (void)frame_id; (void)out; (void)room;
  return NOT_BUILT(why);
}
WEAK long debug_reply_variables(VM *vm, uint32_t ref, uint32_t start, uint16_t count, uint8_t *out,
                                size_t room, const char **why) {
  (void)vm; (void)ref; (void)start; (void)count; (void)out; (void)room;
  return NOT_BUILT(why);
}
WEAK long debug_reply_evaluate(VM *vm, uint16_t frame_id, const uint8_t *image, size_t len, uint8_t *out,
                               size_t room, const char **why) {
  (void)vm; (void)frame_id; (void)image; (void)len; (void)out; (void)room;
  return NOT_BUILT(why);
}
WEAK void debug_inspect_forget(VM *vm) { (void)vm; }
WEAK void debug_inspect_mark(VM *vm) { (void)vm; }
#else
typedef int debug_inspect_missing_unused;   /* ISO C: a translation unit is not empty */
#endif
