// Runs an example on the Virtual board as the IDE does: the host VM behind a pseudo-terminal,
// the program uploaded and run through the link, a person's inputs sent as BOARD_INPUT at their
// times, and what came back recorded: the console output, exceptions, pin states.
import { openSession } from '../../main/devices/connect';
import { startPtyBoard } from '../../main/devices/virtualBoard';
import { SerialTransport } from '../../main/link/serialTransport';
import type { BoardInput, DoneStatus, PinState } from '../../main/link/session';
import type { ExceptionReport } from '../../main/common/api';
import { END_WITHIN_MS, virtualPinIndex, type ExampleTest, type TestInput } from './contract';

export interface RunRecord {
  /** How the program ended: 'stopped' when the runner stopped it after runMs; 'timeout' when a
   * program that should end did not within END_WITHIN_MS. */
  status: DoneStatus | 'timeout';
  /** When it ended, ms after the run started (runMs when stopped). */
  endedAtMs: number;
  output: string;
  exceptions: ExceptionReport[];
  /** Every BOARD_STATE, with when it arrived (ms after the run started). */
  states: { atMs: number; pins: PinState[] }[];
  /** What the VM wrote on its stderr (diagnostics; a healthy run writes none). */
  vmStderr: string;
}

/** The BOARD_INPUT frame a test input stands for. */
export function boardInputOf(input: TestInput): BoardInput {
  if (input.pin !== undefined) return { kind: 'pin', pin: virtualPinIndex(input.pin), level: input.level! };
  if (input.analog !== undefined) return { kind: 'analog', pin: virtualPinIndex(input.analog), value: input.value! };
  if (input.sensor !== undefined) return { kind: 'sensor', ...input.sensor };
  return { kind: 'uart', bus: input.uart!, bytes: new TextEncoder().encode(input.text!) };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** `done`, or undefined after `ms` (the timer cleared either way: no handle left open). */
async function within<T>(done: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([done, new Promise<undefined>(r => { timer = setTimeout(() => r(undefined), ms); })]);
  } finally { clearTimeout(timer); }
}

export async function runOnVirtualBoard(image: Uint8Array, test: ExampleTest): Promise<RunRecord> {
  const board = await startPtyBoard();
  let vmStderr = '';
  board.child.stderr!.on('data', (b: Buffer) => { vmStderr += b; });
  const { session } = await openSession(await SerialTransport.open(board.path), { timeoutMs: 1000 });
  try {
    const record: RunRecord = { status: 'timeout', endedAtMs: 0, output: '', exceptions: [], states: [], vmStderr: '' };
    let start = Date.now();
    session.on('output', t => { record.output += t; });
    session.on('exception', r => record.exceptions.push(r));
    session.on('boardState', pins => record.states.push({ atMs: Date.now() - start, pins }));
    await session.upload(image);
    let ended: DoneStatus | undefined;
    const done = new Promise<DoneStatus>(resolve => session.once('done', status => { ended = status; resolve(status); }));
    start = Date.now();
    await session.run();
    // each input at its time, in order, while the program runs
    const inputs = [...(test.inputs ?? [])].sort((a, b) => a.atMs - b.atMs);
    const sending = (async () => {
      for (const input of inputs) {
        const wait = input.atMs - (Date.now() - start);
        if (wait > 0) await sleep(wait);
        if (ended !== undefined) return;
        await session.boardInput(boardInputOf(input));
      }
    })();
    const limit = test.runMs ?? END_WITHIN_MS;
    const status = await within(done, limit);
    record.endedAtMs = Date.now() - start;
    await sending;
    if (status !== undefined) record.status = status;
    else {
      // it may have ended just now, between the race and the stop: then the stop is refused
      await session.stop().catch(() => undefined);
      const afterStop = await within(done, 5000);
      // stopped after runMs is how a program that loops forever ends; a program that should end did not
      record.status = test.runMs !== undefined ? afterStop ?? 'timeout' : 'timeout';
      record.endedAtMs = limit;
    }
    await sleep(50);   // the last BOARD_STATE (sent when the pins settle) and trailing output
    record.vmStderr = vmStderr;
    return record;
  } finally {
    await session.close();
    await board.stop();
  }
}
