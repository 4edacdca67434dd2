// levelErrors refuses a program whose image is bigger than its board keeps (boards/<id>.json's
// firmware.programBytes), before an upload the board would answer with TOO_BIG, and says what
// makes it big in words a beginner can act on.
import { compileProject, levelErrors } from '../src/index';
import { boardById } from '../src/hardware/boards';

const THREADS_AND_QUEUE = {
  'main.py': 'import threading\nimport queue\n\nq = queue.Queue()\nthreading.Thread(target=lambda: q.put(1)).start()\nprint(q.get())\n',
};
const tooBig = (files: Record<string, string>, board: string) => levelErrors(files, board).filter(d => d.code === 'V4002');

test('the boards say how big a program may be', () => {
  expect(boardById('nucleo_f401re')!.firmware!.programBytes).toBe(48 * 1024 - 32);
  expect(boardById('qemu_netduinoplus2')!.firmware!.programBytes).toBe(32 * 1024 - 32);
  expect(boardById('nucleo_f072rb')!.firmware!.programBytes).toBe(16 * 1024 - 32);
});

test('threading and queue fit the F4 boards, QEMU and the Due', () => {
  const size = compileProject(THREADS_AND_QUEUE, 'main.py').image!.length;
  expect(size).toBeGreaterThan(16 * 1024);   // why the 16 KB slots were not enough
  for (const board of ['nucleo_f401re', 'stm32f4_discovery', 'qemu_netduinoplus2', 'arduino_due']) {
    expect(size).toBeLessThanOrEqual(boardById(board)!.firmware!.programBytes);
    expect(levelErrors(THREADS_AND_QUEUE, board)).toEqual([]);
  }
});

test('on a board with 16 KB slots, the error names the library modules, their share and the limit', () => {
  const size = compileProject(THREADS_AND_QUEUE, 'main.py').image!.length;
  const [error, ...rest] = tooBig(THREADS_AND_QUEUE, 'nucleo_f072rb');
  expect(rest).toEqual([]);
  expect(error).toMatchObject({ severity: 'error', file: 'main.py', line: 1 });
  expect(error.message).toMatch(new RegExp(`^the program is too big for the ST Nucleo-F072RB: compiled it takes ${size} bytes ` +
    `\\(the library modules threading, queue and heapq add 2\\d KB of it, your own code \\d+ bytes\\), ` +
    'and the board keeps programs of up to 16352 bytes \\(16 KB\\)$'));
});

test('a program big by itself is refused without blaming a library', () => {
  const files = { 'main.py': `text = "${'x'.repeat(40000)}"\nprint(len(text))\n` };
  const [error] = tooBig(files, 'qemu_netduinoplus2');
  expect(error.message).toMatch(/^the program is too big for the .*: compiled it takes 4\d{4} bytes, and the board keeps programs of up to 32736 bytes \(32 KB\)$/);
  expect(tooBig(files, 'arduino_due')).toEqual([]);   // 64 KB slots
});

test('the entry file is the one weighed, with the modules it imports', () => {
  const files = { 'app.py': 'import helpers\nhelpers.run()\n', 'helpers.py': `def run():\n    print("${'y'.repeat(20000)}")\n` };
  expect(tooBig(files, 'nucleo_f072rb')).toHaveLength(1);
  expect(tooBig(files, 'nucleo_f072rb')[0].file).toBe('app.py');
  expect(tooBig({ 'app.py': 'print(1)\n', 'helpers.py': files['helpers.py'] }, 'nucleo_f072rb')).toEqual([]);   // not imported: not sent
});

test('a board this compiler does not know, or the Virtual board, has no limit here', () => {
  expect(levelErrors(THREADS_AND_QUEUE, 'no_such_board')).toEqual([]);
  expect(levelErrors(THREADS_AND_QUEUE, 'virtual')).toEqual([]);
});
