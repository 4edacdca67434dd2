/* viper-vm: run an image file, or serve the link protocol on stdin/stdout. */
#define _POSIX_C_SOURCE 200809L
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "loader.h"
#include "port.h"
#include "vm.h"

#define DEFAULT_HEAP (256u * 1024u)
#define DEFAULT_STORE (256u * 1024u)

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) { (void)sig; interrupted = 1; }
static bool poll_sigint(void *ctx) { (void)ctx; return interrupted != 0; }

static void console_write(void *ctx, const char *text, size_t len) {
  (void)ctx;
  port_console_write(text, len);
}

static void err(const char *s) { port_error_write(s, strlen(s)); }

static void print_traceback(VM *vm) {
  int i;
  char line[32];
  if (vm->traceback_count > 0) err("Traceback (most recent call last):\n");
  for (i = 0; i < vm->traceback_count; i++) {
    const TraceEntry *t = &vm->traceback[i];
    if (i == VIPER_TRACEBACK_MAX / 2 && vm->traceback_omitted > 0) {
      snprintf(line, sizeof line, "  [%d more frames]\n", vm->traceback_omitted);
      err(line);
    }
    err("  File \"");
    err(t->code->file->chars);
    snprintf(line, sizeof line, "\", line %u, in ", (unsigned)code_line_at(t->code, t->pc));
    err(line);
    err(t->code->name->chars);
    err("\n");
  }
  vm_format_exception(vm);
  if (vm->sb_oom) err(exception_type_name(vm->exc));
  else port_error_write(vm->sb, vm->sb_len);
  err("\n");
}

static int run_file(const char *path, size_t heap_size) {
  FILE *f = fopen(path, "rb");
  uint8_t *image;
  long size;
  void *heap;
  const char *why;
  VM *vm;
  VmResult r;
  if (f == NULL) { fprintf(stderr, "viper-vm: cannot open %s\n", path); return 2; }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  image = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
  if (image == NULL || (size > 0 && fread(image, 1, (size_t)size, f) != (size_t)size)) {
    fprintf(stderr, "viper-vm: cannot read %s\n", path);
    fclose(f);
    return 2;
  }
  fclose(f);
  heap = malloc(heap_size);
  vm = (VM *)malloc(sizeof *vm);
  if (heap == NULL || vm == NULL) { fprintf(stderr, "viper-vm: out of memory\n"); return 2; }
  why = image_verify(image, (size_t)size, heap, heap_size);
  if (why != NULL) { fprintf(stderr, "viper-vm: bad image: %s\n", why); return 2; }
  if (!vm_init(vm, heap, heap_size, console_write, NULL)) {
    fprintf(stderr, "viper-vm: heap too small\n");
    return 2;
  }
  signal(SIGINT, on_sigint);
  vm_set_poll(vm, poll_sigint, NULL);
  r = vm_run_image(vm, image, (size_t)size);
  fflush(stdout);
  if (r == VM_OK) return 0;
  print_traceback(vm);
  return r == VM_STOPPED ? 130 : 1;
}

static int serve_link(size_t heap_size, size_t store_size) {
  static LinkServer ls;
  void *heap = malloc(heap_size);
  uint8_t *a = (uint8_t *)malloc(store_size), *b = (uint8_t *)malloc(store_size);
  VM *vm = (VM *)malloc(sizeof *vm);
  if (heap == NULL || a == NULL || b == NULL || vm == NULL) { fprintf(stderr, "viper-vm: out of memory\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  link_init(&ls, vm, heap, heap_size, a, b, store_size, "virtual", "host");
  for (;;) {
    int r = link_service(&ls);
    if (r < 0) return 0;
    if (r == 0) {
      struct pollfd pfd;
      pfd.fd = 0;
      pfd.events = POLLIN;
      pfd.revents = 0;
      poll(&pfd, 1, 100);
    }
  }
}

static void usage(void) {
  fprintf(stderr,
          "usage: viper-vm [--heap BYTES] FILE.vbc   run an image\n"
          "       viper-vm [--heap BYTES] [--store BYTES] --link   serve the link protocol on stdin/stdout\n"
          "       viper-vm --version\n");
}

int main(int argc, char **argv) {
  size_t heap = DEFAULT_HEAP, store = DEFAULT_STORE;
  const char *file = NULL;
  bool link = false;
  int i;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--version") == 0) {
      printf("viper-vm " VIPER_VERSION_STRING "\n");
      return 0;
    } else if (strcmp(argv[i], "--link") == 0) {
      link = true;
    } else if ((strcmp(argv[i], "--heap") == 0 || strcmp(argv[i], "--store") == 0) && i + 1 < argc) {
      char *end;
      unsigned long v = strtoul(argv[i + 1], &end, 10);
      if (*end != '\0' || v < 8192 || v > 0x40000000ul) { usage(); return 2; }
      if (argv[i][2] == 'h') heap = v; else store = v;
      i++;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage();
      return 0;
    } else if (argv[i][0] == '-' || file != NULL) {
      usage();
      return 2;
    } else {
      file = argv[i];
    }
  }
  if (link) return serve_link(heap, store);
  if (file == NULL) { usage(); return 2; }
  return run_file(file, heap);
}
