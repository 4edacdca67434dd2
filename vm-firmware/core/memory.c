/* All allocation goes through mem_alloc() over the fixed heap the port hands to vm_init().
 * The heap is a sequence of blocks, each an 8-byte header then its payload. Garbage is found
 * by a mark-sweep collector; define VIPER_STRESS_GC to collect before every allocation.
 * A port with memory to spare (the host VM) defines VIPER_HEAP_GROW as the bytes to start with:
 * the heap then begins that small and grows at its end, up to the size handed to vm_init(),
 * when a collection leaves it more than half full, so a small program collects a small heap
 * and touches little memory, and a big one gets the whole reservation before MemoryError. */
#include <string.h>

#include "debug.h"
#include "port.h"
#include "thread.h"
#include "vm.h"

typedef struct BlockHeader {
  uint32_t size;    /* whole block in bytes, header included, a multiple of 8 */
  uint32_t flags;
} BlockHeader;

struct FreeBlock {
  BlockHeader header;
  FreeBlock *next;
};

#define BLOCK_USED  1u
#define BLOCK_MARK  2u
#define BLOCK_OBJ   4u
#define HEADER_SIZE ((uint32_t)sizeof(BlockHeader))
#define MIN_BLOCK   ((uint32_t)sizeof(FreeBlock) < 16u ? 16u : (uint32_t)sizeof(FreeBlock))
#define ALIGN8(n)   (((n) + 7u) & ~(size_t)7u)

#define HEADER_OF(p) ((BlockHeader *)((uint8_t *)(p) - HEADER_SIZE))
#define PAYLOAD(h)   ((void *)((uint8_t *)(h) + HEADER_SIZE))

static bool in_heap(VM *vm, const void *p);

/* ==== allocation ========================================================================= */

static void *alloc_from_free_list(VM *vm, uint32_t need, bool is_obj) {
  FreeBlock **link = &vm->free_list;
  while (*link != NULL) {
    FreeBlock *block = *link;
    uint32_t size = block->header.size;
    if (size >= need) {
      if (size - need >= MIN_BLOCK) {
        FreeBlock *rest = (FreeBlock *)((uint8_t *)block + need);
        rest->header.size = size - need;
        rest->header.flags = 0;
        rest->next = block->next;
        *link = rest;
        block->header.size = need;
      } else {
        *link = block->next;
      }
      block->header.flags = BLOCK_USED | (is_obj ? BLOCK_OBJ : 0u);
      memset(PAYLOAD(&block->header), 0, block->header.size - HEADER_SIZE);
      return PAYLOAD(&block->header);
    }
    link = &block->next;
  }
  return NULL;
}

#ifdef VIPER_HEAP_GROW
/* Extend the heap at its end by at least need bytes (doubling it if the reservation allows):
 * the new space is one free block, merged with its neighbour by the next sweep. */
static bool heap_grow(VM *vm, size_t need) {
  size_t size = (size_t)(vm->heap_end - vm->heap_start);
  size_t room = (size_t)(vm->heap_limit - vm->heap_end);
  size_t add = size > need ? size : need;
  FreeBlock *block;
  if (room < need || room < MIN_BLOCK) return false;
  if (add > room || room - add < 4096) add = room;   /* no sliver left over */
  block = (FreeBlock *)vm->heap_end;
  block->header.size = (uint32_t)add;
  block->header.flags = 0;
  block->next = vm->free_list;
  vm->free_list = block;
  vm->heap_end += add;
  return true;
}
#endif

void *mem_alloc(VM *vm, size_t size, bool is_obj) {
  size_t need = ALIGN8(size + HEADER_SIZE);
  void *p;
  if (need < MIN_BLOCK) need = MIN_BLOCK;
  if (need > (size_t)(vm->heap_limit - vm->heap_start)) return NULL;
#ifdef VIPER_STRESS_GC
  if (vm->gc_ready) gc_collect(vm);
#endif
  p = alloc_from_free_list(vm, (uint32_t)need, is_obj);
  if (p == NULL && vm->gc_ready) {
    gc_collect(vm);
#ifdef VIPER_HEAP_GROW
    if (mem_free_bytes(vm) < (size_t)(vm->heap_end - vm->heap_start) / 2) heap_grow(vm, need);
#endif
    p = alloc_from_free_list(vm, (uint32_t)need, is_obj);
  }
#ifdef VIPER_HEAP_GROW
  while (p == NULL && heap_grow(vm, need)) p = alloc_from_free_list(vm, (uint32_t)need, is_obj);
#endif
  return p;
}

void mem_free(VM *vm, void *ptr) {
  FreeBlock *block;
  if (ptr == NULL) return;
  block = (FreeBlock *)HEADER_OF(ptr);
  block->header.flags = 0;
  block->next = vm->free_list;
  vm->free_list = block;
}

Obj *obj_alloc(VM *vm, const Type *type, size_t size) {
  Obj *obj = (Obj *)mem_alloc(vm, size, true);
  if (obj == NULL) {
    vm_raise(vm, &exc_MemoryError, NULL);
    return NULL;
  }
  obj->type = type;
  return obj;
}

void *raw_alloc(VM *vm, size_t size) {
  void *p = mem_alloc(vm, size, false);
  if (p == NULL) vm_raise(vm, &exc_MemoryError, NULL);
  return p;
}

/* The bytes of the heap block holding object v or raw block p (0: not in the heap). */
size_t mem_size_of_raw(VM *vm, const void *p) {
  return p != NULL && in_heap(vm, p) ? HEADER_OF(p)->size : 0;
}

size_t mem_size_of(VM *vm, Value v) { return IS_OBJ(v) ? mem_size_of_raw(vm, (const void *)AS_OBJ(v)) : 0; }

size_t mem_free_bytes(VM *vm) {
  size_t total = 0;
  FreeBlock *b;
  for (b = vm->free_list; b != NULL; b = b->next) total += b->header.size - HEADER_SIZE;
  return total;
}

/* ==== mark =============================================================================== */

static bool in_heap(VM *vm, const void *p) {
  const uint8_t *b = (const uint8_t *)p;
  return b >= vm->heap_start + HEADER_SIZE && b < vm->heap_end && ((uintptr_t)b & 7u) == 0;
}

void gc_mark_raw(VM *vm, const void *ptr) {
  if (ptr != NULL && in_heap(vm, ptr)) HEADER_OF(ptr)->flags |= BLOCK_MARK;
}

bool gc_is_marked(VM *vm, Value v) {
  return !IS_OBJ(v) || !in_heap(vm, (const void *)v) || (HEADER_OF(v)->flags & BLOCK_MARK) != 0;
}

void gc_mark_value(VM *vm, Value v) {
  BlockHeader *h;
  if (!IS_OBJ(v) || !in_heap(vm, (const void *)v)) return;
  h = HEADER_OF(v);
  if (h->flags & BLOCK_MARK) return;
  h->flags |= BLOCK_MARK;
  if (!(h->flags & BLOCK_OBJ) || AS_OBJ(v)->type->trace == NULL) return;
  if (vm->grey_count < VIPER_GC_GREY_MAX) vm->grey[vm->grey_count++] = AS_OBJ(v);
  else vm->grey_overflow = true;
}

static void drain_grey(VM *vm) {
  while (vm->grey_count > 0) {
    Obj *obj = vm->grey[--vm->grey_count];
    obj->type->trace(vm, obj);
  }
}

/* The grey stack overflowed: some marked objects were not traced. Trace every marked object
 * again until nothing new turns up. */
static void rescan_marked(VM *vm) {
  while (vm->grey_overflow) {
    uint8_t *p = vm->heap_start;
    vm->grey_overflow = false;
    while (p < vm->heap_end) {
      BlockHeader *h = (BlockHeader *)p;
      if ((h->flags & (BLOCK_USED | BLOCK_MARK | BLOCK_OBJ)) == (BLOCK_USED | BLOCK_MARK | BLOCK_OBJ)) {
        Obj *obj = (Obj *)PAYLOAD(h);
        if (obj->type->trace != NULL) obj->type->trace(vm, obj);
        drain_grey(vm);
      }
      p += h->size;
    }
  }
}

#if VIPER_DEBUG
/* A push/pop/restore of the temporary roots out of bounds (vm.h): a bug in the C code. */
void vm_root_fail(const char *what) {
  static char text[96] = "GC root stack: ";
  strncat(text, what, sizeof text - strlen(text) - 1);
  port_fatal(text);
}
#endif

static void mark_roots(VM *vm) {
  uint32_t i;
  threads_mark(vm);   /* the running thread's stacks and exceptions (the VM's own fields), then the others' */
  gc_mark_value(vm, OBJ_VAL(vm->builtins));
  gc_mark_value(vm, OBJ_VAL(vm->globals));
  if (vm->modules != NULL) gc_mark_value(vm, OBJ_VAL(vm->modules));
  if (vm->module_codes != NULL) gc_mark_value(vm, OBJ_VAL(vm->module_codes));
  gc_mark_value(vm, vm->memory_error);
  {
    ObjGenerator *g;
    for (g = vm->gen_finalize; g != NULL; g = g->next_final) gc_mark_value(vm, OBJ_VAL(g));
  }
  weakref_mark_roots(vm);
#if VIPER_DEBUGGER
  debug_inspect_mark(vm);
#endif
  gc_mark_raw(vm, vm->sb);
  gc_mark_raw(vm, vm->interned);
  if (vm->interned != NULL)
    for (i = 0; i <= vm->intern_mask; i++) gc_mark_value(vm, vm->interned[i]);
  gc_mark_raw(vm, vm->names);
  for (i = 0; i < vm->nnames; i++) gc_mark_value(vm, vm->names[i]);
  gc_mark_raw(vm, vm->codes);
  for (i = 0; vm->codes != NULL && i < vm->ncodes; i++) gc_mark_value(vm, OBJ_VAL(vm->codes[i]));
}

/* ==== sweep ============================================================================== */

static void sweep(VM *vm) {
  uint8_t *p = vm->heap_start;
  FreeBlock *run = NULL;          /* the free block being grown by coalescing */
  FreeBlock **tail = &vm->free_list;
  while (p < vm->heap_end) {
    BlockHeader *h = (BlockHeader *)p;
    uint32_t size = h->size;
    if ((h->flags & BLOCK_USED) && (h->flags & BLOCK_MARK)) {
      h->flags &= ~BLOCK_MARK;
      run = NULL;
    } else if (run != NULL) {
      run->header.size += size;
    } else {
      run = (FreeBlock *)h;
      run->header.flags = 0;
      *tail = run;
      tail = &run->next;
    }
    p += size;
  }
  *tail = NULL;
}

/* A generator unreachable while suspended in try/with stays alive on vm->gen_finalize until
 * generator.c closes it at a safe point (CPython closes it when it is dropped). */
void gc_queue_generators(VM *vm, bool all) {
  uint8_t *p;
  bool kept = false;
  for (p = vm->heap_start; p < vm->heap_end; p += ((BlockHeader *)p)->size) {
    BlockHeader *h = (BlockHeader *)p;
    ObjGenerator *g = (ObjGenerator *)PAYLOAD(h);
    if ((h->flags & (BLOCK_USED | BLOCK_OBJ)) != (BLOCK_USED | BLOCK_OBJ) || (g->obj.type != &generator_type && g->obj.type != &coroutine_type)) continue;
    if ((!all && (h->flags & BLOCK_MARK)) || !GEN_NEEDS_FINALIZER(g)) continue;
    g->queued = 1;
    g->next_final = vm->gen_finalize;
    vm->gen_finalize = g;
    if (!all) { gc_mark_value(vm, OBJ_VAL(g)); kept = true; }
  }
  if (kept) {
    drain_grey(vm);
    rescan_marked(vm);
  }
}

void gc_collect(VM *vm) {
  vm->grey_count = 0;
  vm->grey_overflow = false;
  mark_roots(vm);
  drain_grey(vm);
  rescan_marked(vm);
  gc_queue_generators(vm, false);
  weakref_clear_dead(vm);
  drain_grey(vm);   /* what the callbacks of the dead ones hold */
  rescan_marked(vm);
  sweep(vm);
}

/* ==== setup ============================================================================== */

bool mem_init(VM *vm, void *heap, size_t size);

bool mem_init(VM *vm, void *heap, size_t size) {
  uintptr_t start = ((uintptr_t)heap + 7u) & ~(uintptr_t)7u;
  uintptr_t end = ((uintptr_t)heap + size) & ~(uintptr_t)7u;
  FreeBlock *block;
  if (end <= start || end - start < 4096 || end - start > 0x7FFFFFF0u) return false;
  vm->heap_start = (uint8_t *)start;
  vm->heap_limit = (uint8_t *)end;
#ifdef VIPER_HEAP_GROW
  if (end - start > (uintptr_t)(VIPER_HEAP_GROW)) end = start + ((uintptr_t)(VIPER_HEAP_GROW) & ~(uintptr_t)7u);
#endif
  vm->heap_end = (uint8_t *)end;
  block = (FreeBlock *)start;
  block->header.size = (uint32_t)(end - start);
  block->header.flags = 0;
  block->next = NULL;
  vm->free_list = block;
  return true;
}
