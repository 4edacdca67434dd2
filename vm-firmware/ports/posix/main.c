/* viper-vm: run an image file, or serve the link protocol on stdin/stdout or on a
 * pseudo-terminal it opens itself (the Virtual board as a serial port). */
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "hal.h"
#include "link.h"
#include "machine.h"
#include "loader.h"
#include "port.h"
#include "port_posix.h"
#include "store_file.h"
#include "thread.h"
#include "vm.h"

/* The heap starts small and grows on demand up to this (memory.c, VIPER_HEAP_GROW): a desktop
 * program does not run out; --heap emulates a board's RAM. */
#define DEFAULT_HEAP (64u * 1024u * 1024u)
#define DEFAULT_STORE (256u * 1024u)
#define REPL_ARENA (64u * 1024u)

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) { (void)sig; interrupted = 1; }
static bool poll_sigint(void *ctx) { (void)ctx; return interrupted != 0; }

static void console_write(void *ctx, const char *text, size_t len) {
  (void)ctx;
  port_console_write(text, len);
}

/* input() in standalone mode: a line from stdin (other threads run meanwhile). */
static long stdin_read(void *ctx, char *buf, size_t max) {
  VM *vm = (VM *)ctx;
  ObjThread *self;
  size_t n = 0;
  int c;
  fflush(stdout);
  self = thread_allow_begin(vm);
  while ((c = getchar()) != EOF && c != '\n' && !interrupted)
    if (n < max) buf[n++] = (char)c;
  thread_allow_end(vm, self);
  if (interrupted) return -2;
  if (c == EOF && n == 0) return -1;
  if (n > 0 && buf[n - 1] == '\r') n--;
  return (long)n;
}

static void err(const char *s) { port_error_write(s, strlen(s)); }

/* One exception of the chain, as CPython prints it. */
static void print_one(VM *vm, Value exc) {
  TraceEntry frames[VIPER_TRACEBACK_MAX];
  int i, n = vm_exception_frames(vm, exc, frames);
  char line[32];
  if (n > 0) err("Traceback (most recent call last):\n");
  for (i = 0; i < n; i++) {
    const TraceEntry *t = &frames[i];
    if (exc == vm->exc && i == VIPER_TRACEBACK_MAX / 2 && vm->traceback_omitted > 0) {
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
  vm_format_exception_value(vm, exc);
  if (vm->sb_oom) err(exception_type_name(exc));
  else port_error_write(vm->sb, vm->sb_len);
  err("\n");
}

/* The uncaught exception, after those it chains back to (its cause, or what it interrupted). */
static void print_traceback(VM *vm) {
  Value chain[VIPER_CHAIN_MAX];
  uint8_t how[VIPER_CHAIN_MAX];
  int i, n = vm_exception_chain(vm, chain, how, VIPER_CHAIN_MAX);
  for (i = 0; i < n; i++) {
    print_one(vm, chain[i]);
    if (i < n - 1) err(exc_chained_text[how[i]]);
  }
}

/* Verifies and runs an image already in memory; the exit status of `viper-vm FILE`. */
static int run_loaded(VM *vm, const uint8_t *image, size_t size, void *heap, size_t heap_size) {
  const char *why;
  VmResult r;
  int status;
  if (heap == NULL || vm == NULL) { fprintf(stderr, "viper-vm: out of memory\n"); return 2; }
  why = image_verify(image, size, heap, heap_size);
  if (why != NULL) { fprintf(stderr, "viper-vm: bad image: %s\n", why); return 2; }
  if (!vm_init(vm, heap, heap_size, console_write, NULL) || !console_init(vm, stdin_read, vm)) {
    fprintf(stderr, "viper-vm: heap too small\n");
    return 2;
  }
  signal(SIGINT, on_sigint);
  vm_set_poll(vm, poll_sigint, NULL);
  machine_reset();
  r = vm_run_image(vm, image, size);
  if (r != VM_STOPPED) vm_finish(vm);   /* generators' pending cleanup, as at CPython's exit */
  fflush(stdout);
  if (r == VM_OK) return 0;
  if (r == VM_EXCEPTION && (status = vm_exit_status(vm)) >= 0) {   /* sys.exit(): no traceback */
    if (vm->sb_len > 0) { port_error_write(vm->sb, vm->sb_len); err("\n"); }
    return status;
  }
  print_traceback(vm);
  return r == VM_STOPPED ? 130 : 1;
}

static int run_file(const char *path, size_t heap_size) {
  FILE *f = fopen(path, "rb");
  uint8_t *image;
  long size;
  void *heap;
  VM *vm;
  int status;
  if (f == NULL) { fprintf(stderr, "viper-vm: cannot open %s\n", path); return 2; }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  image = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
  if (image == NULL || (size > 0 && fread(image, 1, (size_t)size, f) != (size_t)size)) {
    fprintf(stderr, "viper-vm: cannot read %s\n", path);
    fclose(f);
    free(image);
    return 2;
  }
  fclose(f);
  heap = malloc(heap_size);
  vm = (VM *)malloc(sizeof *vm);
  status = run_loaded(vm, image, (size_t)size, heap, heap_size);
  free(vm);
  free(heap);
  free(image);
  return status;
}

static StoreFile sf;

/* store_commit, and the end of the process when a test's simulated power cut struck. */
static bool commit_or_die(void *ctx, const uint8_t *image, uint32_t len, uint32_t crc, uint8_t flags) {
  bool ok = store_commit(ctx, image, len, crc, flags);
  if (sf.crashed) {
    fprintf(stderr, "viper-vm: simulated power cut while storing\n");
    _exit(9);
  }
  return ok;
}

typedef struct ServeOptions {
  size_t heap, store;
  const char *store_file;
  bool pty, autorun;
} ServeOptions;

/* A pseudo-terminal in raw mode; prints its path on stdout's first line. The VM keeps the
 * slave side open too, so the IDE may close and reopen it (a cable pulled and plugged). */
static int open_pty(int *slave_out) {
  struct termios t;
  const char *name;
  int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || (name = ptsname(master)) == NULL) {
    perror("viper-vm: cannot open a pseudo-terminal");
    return -1;
  }
  slave = open(name, O_RDWR | O_NOCTTY);
  if (slave < 0 || tcgetattr(slave, &t) != 0) { perror("viper-vm: cannot open the pty"); return -1; }
  t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t.c_oflag &= ~(tcflag_t)OPOST;
  t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
  t.c_cflag |= CS8;
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  tcsetattr(slave, TCSANOW, &t);
  printf("%s\n", name);
  fflush(stdout);
  *slave_out = slave;
  return master;
}

static int serve_link(const ServeOptions *o) {
  static LinkServer ls;
  static LinkStorage storage;
  void *heap = malloc(o->heap);
  uint8_t *a = (uint8_t *)malloc(o->store), *b = (uint8_t *)malloc(o->store);
  uint8_t *arena = (uint8_t *)malloc(REPL_ARENA);
  VM *vm = (VM *)malloc(sizeof *vm);
  int fd = 0;
  if (heap == NULL || a == NULL || b == NULL || vm == NULL || arena == NULL) { fprintf(stderr, "viper-vm: out of memory\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  signal(SIGINT, SIG_IGN);   /* Ctrl-C in the IDE's terminal reaches us too: STOP comes over the link */
  if (o->pty) {
    int slave;
    fd = open_pty(&slave);
    if (fd < 0) return 2;
    port_posix_set_link(fd, fd, 1000, slave);
  } else {
    port_posix_set_link(0, 1, -1, -1);
  }
  link_init(&ls, vm, heap, o->heap, a, b, o->store, "virtual", "host");
  link_set_arena(&ls, arena, REPL_ARENA);
  if (o->store_file != NULL) {
    uint32_t len;
    uint8_t flags;
    if (!store_open(&sf, o->store_file, (uint32_t)o->store)) {
      fprintf(stderr, "viper-vm: cannot open %s\n", o->store_file);
      return 2;
    }
    {
      const char *crash = getenv("VIPER_STORE_CRASH_AFTER");   /* fault-injection tests */
      if (crash != NULL) sf.crash_after = atol(crash);
    }
    storage.commit = commit_or_die;
    storage.ctx = &sf;
    link_set_storage(&ls, &storage);
    /* the staging buffer is free at boot: load there, then install */
    if (store_load(&sf, b, &len, &flags) && !link_set_program(&ls, b, len, flags))
      fprintf(stderr, "viper-vm: the stored program does not fit this VM; ignored\n");
  }
  if (o->autorun) link_boot(&ls);
  for (;;) {
    int r = link_service(&ls);
    if (r < 0) return 0;
    if (r == 0) port_link_wait(100);
  }
}

/* "65536", "96k", "2m", "1g" (powers of 1024); 0 when it is none of these. */
static unsigned long parse_size(const char *text) {
  char *end;
  unsigned long v = strtoul(text, &end, 10), unit = 1;
  if (end == text) return 0;
  if (*end == 'k' || *end == 'K') unit = 1024ul;
  else if (*end == 'm' || *end == 'M') unit = 1024ul * 1024ul;
  else if (*end == 'g' || *end == 'G') unit = 1024ul * 1024ul * 1024ul;
  if (unit != 1) end++;
  if (*end == 'b' || *end == 'B') end++;
  if (*end != '\0' || v > 0x40000000ul / unit) return 0;
  return v * unit;
}

static void usage(void) {
  fprintf(stderr,
          "usage: viper-vm [--heap SIZE] FILE.vbc   run an image\n"
          "       viper-vm [OPTIONS] --link   serve the link protocol on stdin/stdout\n"
          "       viper-vm [OPTIONS] --pty    serve it on a new pseudo-terminal; prints its path first\n"
          "options: --heap SIZE (the most the heap grows to: 96k, 2m; default 64m),\n"
          "         --store SIZE (program storage),\n"
          "         --store-file PATH (keep the program across runs, two slots, atomic),\n"
          "         --autorun (run the stored program at start if it was uploaded to run at boot)\n"
          "       viper-vm --version\n");
}

int main(int argc, char **argv) {
  size_t heap = DEFAULT_HEAP, store = DEFAULT_STORE;
  const char *file = NULL, *store_file = NULL;
  bool link = false, pty = false, autorun = false;
  int i;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--version") == 0) {
      printf("viper-vm " VIPER_VERSION_STRING "\n");
      return 0;
    } else if (strcmp(argv[i], "--link") == 0) {
      link = true;
    } else if (strcmp(argv[i], "--pty") == 0) {
      pty = true;
    } else if (strcmp(argv[i], "--autorun") == 0) {
      autorun = true;
    } else if (strcmp(argv[i], "--store-file") == 0 && i + 1 < argc) {
      store_file = argv[++i];
    } else if ((strcmp(argv[i], "--heap") == 0 || strcmp(argv[i], "--store") == 0) && i + 1 < argc) {
      unsigned long v = parse_size(argv[i + 1]), min = argv[i][2] == 'h' ? 24u : 8u;   /* KB */
      if (v < min * 1024ul || v > 0x40000000ul) {
        fprintf(stderr, "viper-vm: %s needs a size from %luk to 1g, such as 96k or 2m\n", argv[i], min);
        return 2;
      }
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
  hal_init();   /* the Virtual board: its timers' thread, every pin an input */
  if (link || pty) {
    ServeOptions o;
    o.heap = heap;
    o.store = store;
    o.store_file = store_file;
    o.pty = pty;
    o.autorun = autorun;
    return serve_link(&o);
  }
  if (file == NULL) { usage(); return 2; }
  return run_file(file, heap);
}
