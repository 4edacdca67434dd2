// Which programs of the conformance corpus (tests/conformance) run on the QEMU board's firmware
// in tests/qemu/qemu-corpus.test.ts, and why the others are left out: the one place to say so.
//
// The rule: of the programs whose image fits the board's program slot (32 KB less its record on
// qemu_netduinoplus2) and its heap once loaded (LOADABLE_IMAGE_BYTES) and that are not in
// LEFT_OUT, every QEMU_CORPUS_STRIDE-th in name order, so the sample spreads over every part of the language and the suite stays near a minute on a
// busy machine. VIPER_QEMU_CORPUS=all runs every one of them (299 in December, 2.5 minutes).

/** Every fourth program: about 75 of the corpus. */
export const QEMU_CORPUS_STRIDE = 4;

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
  'lib_math_basic.py': 'KNOWN DIFFERENCE: math.exp(1) prints 2.7182818284590455 on the chip: newlib\'s exp is 1 ulp off glibc\'s correctly rounded 2.718281828459045',
};

/** Images above this do not run on the board's 64 KB heap yet: the loader copies every name and
 * code object of an image into the heap, and with the library modules such programs import it
 * outgrows it. The 32 KB slots take them, but of 11 tried (December: collections, json, typing's
 * NamedTuple, threading and queue programs, 17-26 KB images) every one stopped with MemoryError. */
export const LOADABLE_IMAGE_BYTES = 16 * 1024 - 32;

export interface CorpusChoice { chosen: string[]; leftOut: { name: string; reason: string }[] }

/** Splits the corpus (name → image size, undefined when it does not compile) into what runs and what does not. */
export function chooseQemuCorpus(images: ReadonlyMap<string, number | undefined>, programBuffer: number, all = process.env.VIPER_QEMU_CORPUS === 'all'): CorpusChoice {
  const choice: CorpusChoice = { chosen: [], leftOut: [] };
  let fitting = 0;
  for (const [name, size] of [...images].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const reason = size === undefined ? 'does not compile alone'
      : Object.prototype.hasOwnProperty.call(LEFT_OUT, name) ? LEFT_OUT[name]
      : size > programBuffer ? `its image (${size} bytes) is larger than the ${programBuffer}-byte program slot`
      : size > LOADABLE_IMAGE_BYTES ? `its image (${size} bytes) is over ${LOADABLE_IMAGE_BYTES} bytes: loading it outgrows the 64 KB heap (MemoryError)`
      : !all && fitting++ % QEMU_CORPUS_STRIDE !== 0 ? `not in this sample (every ${QEMU_CORPUS_STRIDE}th program; VIPER_QEMU_CORPUS=all runs it)`
      : undefined;
    if (reason) choice.leftOut.push({ name, reason });
    else choice.chosen.push(name);
  }
  return choice;
}
