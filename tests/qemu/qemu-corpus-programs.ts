// Which programs of the conformance corpus (tests/conformance) run on the QEMU board's firmware
// in tests/qemu/qemu-corpus.test.ts, and why the others are left out: the one place to say so.
//
// The rule: every program whose image is at most QEMU_CORPUS_MAX_IMAGE bytes (small programs
// upload in a few link frames, so ~200 of them run in well under a minute on one QEMU boot),
// except those in LEFT_OUT. VIPER_QEMU_CORPUS=all takes every program that fits the board's
// program buffer (16 KB on qemu_netduinoplus2) instead, still minus LEFT_OUT.

/** Images above this are left out by default (2 KB: most of the corpus; the big ones cost upload time). */
export const QEMU_CORPUS_MAX_IMAGE = 2048;

/** Programs that cannot pass on the chip, and why. Each was run on the firmware and seen to fail. */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  // The board's 64 KB heap (the desktop VM grows its heap to 256 KB):
  'enum_state_machine.py': 'MemoryError: its enum classes need more than the 64 KB heap',
  'lib_functools_memo_solver.py': 'MemoryError: the memo tables outgrow the 64 KB heap',
  'lib_random_dice_sim.py': 'MemoryError: its simulation lists outgrow the 64 KB heap',
  'lib_set_algebra_big.py': 'MemoryError: its big sets outgrow the 64 KB heap',
  'recursion_deep_programs.py': 'RecursionError: the board\'s call depth is lower than the desktop VM\'s 1000 frames',
  // A 32-bit chip: ssize_t is 32 bits, as in CPython on a 32-bit machine.
  'lib_range.py': 'range(2 ** 40, ...) raises OverflowError: a range\'s bounds are C ssize_t, 32 bits on the chip',
  'lib_sys_time.py': 'prints sys.maxsize == 2 ** 63 - 1, False on a 32-bit chip',
  // What the test cannot compare: python3's stderr is not its stdout, the board has one console.
  'sys_logger_traceback.py': 'writes to sys.stderr, which the board sends to the same console as print',
  // Differences the chip shows and the desktop VM does not: bugs to fix, kept visible here.
  'lib_math_basic.py': 'KNOWN DIFFERENCE: some math results print differently on the chip (newlib\'s libm vs glibc\'s)',
};

export interface CorpusChoice { chosen: string[]; leftOut: { name: string; reason: string }[] }

/** Splits the corpus (name → image size, undefined when it does not compile) into what runs and what does not. */
export function chooseQemuCorpus(images: ReadonlyMap<string, number | undefined>, programBuffer: number, all = process.env.VIPER_QEMU_CORPUS === 'all'): CorpusChoice {
  const limit = all ? programBuffer : Math.min(programBuffer, QEMU_CORPUS_MAX_IMAGE);
  const choice: CorpusChoice = { chosen: [], leftOut: [] };
  for (const [name, size] of [...images].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const reason = size === undefined ? 'does not compile alone (a helper module of another program)'
      : Object.prototype.hasOwnProperty.call(LEFT_OUT, name) ? LEFT_OUT[name]
      : size > programBuffer ? `its image (${size} bytes) is larger than the ${programBuffer}-byte program buffer`
      : size > limit ? `its image (${size} bytes) is over ${limit} bytes (VIPER_QEMU_CORPUS=all runs it)`
      : undefined;
    if (reason) choice.leftOut.push({ name, reason });
    else choice.chosen.push(name);
  }
  return choice;
}
