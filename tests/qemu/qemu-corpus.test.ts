// The conformance corpus on the chip: programs of tests/conformance run on the QEMU board's
// firmware (ChibiOS/RT on an emulated STM32F405) must print exactly what python3 prints and end
// with the same exception, as tests/conformance.test.ts asks of the desktop VM. Which programs,
// and why the others are left out: tests/qemu/qemu-corpus-programs.ts. One QEMU boot and one link
// session serve them all. Needs qemu-system-arm and CHIBIOS=<path> (or VIPER_QEMU_FIRMWARE=<elf>);
// otherwise the suite is skipped and says why. QEMU runs with its realtime clock (-icount
// shift=0,sleep=on): idle between programs it costs no CPU, which on a busy machine matters more
// than the few sleeps some programs do (time.sleep(0.01)).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProject } from '../../compiler/src/index';
import { boardById } from '../../compiler/src/hardware/boards';
import type { ExceptionReport } from '../../main/common/api';
import { openSession } from '../../main/devices/connect';
import { findQemu, QEMU_BOARD_ID, startQemuBoard } from '../../main/devices/qemuBoard';
import type { DeviceSession, VmInfo } from '../../main/link/session';
import { collectRun } from '../../main/link/testing/programs';
import { chooseQemuCorpus } from './qemu-corpus-programs';
import { buildQemuFirmware } from './buildFirmware';

// qemu_netduinoplus2's program slot: 32 KB of its emulated flash less the slot's 32-byte commit
// record (flash_store.c), its boards/<id>.json programBytes; checked against the board's INFO below
const PROGRAM_BUFFER = boardById(QEMU_BOARD_ID)!.firmware!.programBytes;
const RUN_TIMEOUT_MS = 30_000;

const missing = [
  ...(findQemu() ? [] : ['qemu-system-arm']),
  ...(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE ? [] : ['CHIBIOS=<path to ChibiOS 21.11>']),
];
const suite = missing.length ? describe.skip : describe;
if (missing.length) console.log(`skipped: the QEMU corpus needs qemu-system-arm and CHIBIOS=<path> (missing: ${missing.join(', ')})`);

const dir = join(__dirname, '..', 'conformance');
const names = readdirSync(dir).filter(f => f.endsWith('.py')).sort();
const sources = Object.fromEntries(names.map(n => [n, readFileSync(join(dir, n), 'utf8')]));
const images = new Map(missing.length ? [] : names.map(n => [n, compileProject(sources, n).image]));   // compiled only when it will run
const { chosen, leftOut } = chooseQemuCorpus(new Map([...images].map(([n, img]) => [n, img?.length])), PROGRAM_BUFFER);

/** python3's run of a program, started ahead (two at a time) so the board never waits for it. */
type Expected = { stdout: string; stderr: string; status: number | null };
const PYTHON_JOBS = 2;
const expected = new Map<string, Promise<Expected>>();
function python(name: string): Promise<Expected> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(dir, name)], { env: { ...process.env, PYTHONHASHSEED: '0' } });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', t => { stdout += t; });
    child.stderr.setEncoding('utf8').on('data', t => { stderr += t; });
    child.on('error', reject);
    child.on('close', status => resolve({ stdout, stderr, status }));
  });
}
function startPython(): void {
  const lanes: Promise<unknown>[] = Array.from({ length: PYTHON_JOBS }, () => Promise.resolve());
  chosen.forEach((name, i) => {
    const run = lanes[i % PYTHON_JOBS].then(() => python(name));
    lanes[i % PYTHON_JOBS] = run.catch(() => undefined);
    expected.set(name, run);
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? '';
/** The traceback's last line, as python3 prints it: "KeyError: 'missing'", or the bare type. */
const errorLine = (e: ExceptionReport | undefined) => (e ? lastLine(e.message ? `${e.type}: ${e.message}` : e.type) : '');

suite('the conformance corpus on the QEMU board', () => {
  let session: DeviceSession | undefined;
  let info: VmInfo;
  let qemuLog = '';
  const started = Date.now();
  let booted = 0;

  beforeAll(async () => {
    startPython();
    buildQemuFirmware();
    const t0 = Date.now();
    ({ session, info } = await openSession(await startQemuBoard({ clock: 'realtime', onLog: t => { qemuLog += t; } }), { timeoutMs: 2000 }));
    booted = Date.now() - t0;
  }, 600_000);

  afterAll(async () => {
    await session?.close();
    if (qemuLog.trim()) console.log(`QEMU said: ${qemuLog}`);
    console.log(`QEMU corpus: ${chosen.length} programs on one boot (${booted} ms) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `${leftOut.length} left out (tests/qemu/qemu-corpus-programs.ts)`);
  });

  it('runs at least 50 programs, and the board has the program buffer the choice assumed', () => {
    expect(chosen.length).toBeGreaterThanOrEqual(50);
    expect(info.storageBytes).toBe(PROGRAM_BUFFER);
  });

  it.each(chosen)('%s prints what python3 prints', async name => {
    const python3 = expected.get(name)!;
    await session!.upload(images.get(name)!);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = await Promise.race([collectRun(session!), new Promise<undefined>(r => { timer = setTimeout(() => r(undefined), RUN_TIMEOUT_MS); })]);
    clearTimeout(timer);
    if (!run) {
      await session!.stop();                       // the next program must find the board idle
      throw new Error(`${name} did not end within ${RUN_TIMEOUT_MS / 1000} s on the board`);
    }
    const want = await python3;
    expect(run.output).toBe(want.stdout);
    expect(errorLine(run.exceptions[0])).toBe(lastLine(want.stderr));
    // A traceback on python3's stderr is an exception report on the board; sys.exit(3) is neither
    // (the board has no exit status: the run ends 'ok', as python3 ends quietly).
    expect(run.status).toBe(lastLine(want.stderr) ? 'exception' : 'ok');
  }, RUN_TIMEOUT_MS + 10_000);
});
