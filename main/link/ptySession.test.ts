// Real sessions through serialport against the host VM serving the link on a pty it opened
// itself (`viper-vm --pty`): the Virtual board opened exactly like a serial port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../devices/connect';
import { startPtyBoard, type PtyBoard } from '../devices/virtualBoard';
import { DeviceSession } from './session';
import { SerialTransport } from './serialTransport';
import { image } from './testing/programs';

async function connect(board: PtyBoard): Promise<DeviceSession> {
  return (await openSession(await SerialTransport.open(board.path), { timeoutMs: 500 })).session;
}

function capture(session: DeviceSession): { text: () => string } {
  let out = '';
  session.on('output', (t: string) => { out += t; });
  return { text: () => out };
}

describe('the Virtual board on a pty, through SerialTransport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'viper-pty-board-'));
  let board: PtyBoard | undefined;
  let session: DeviceSession | undefined;
  afterEach(async () => { await session?.close(); await board?.stop(); session = undefined; board = undefined; });

  it('prints its pty path and answers HELLO with protocol 2', async () => {
    board = await startPtyBoard();
    expect(board.path).toMatch(/^\/dev\/pts\/\d+$/);
    const opened = await openSession(await SerialTransport.open(board.path));
    session = opened.session;
    expect(opened.info).toMatchObject({ protocolVersion: 2, boardId: 'virtual', window: 1, maxPayload: 1024, programStored: false });
    expect(opened.info.replBytes).toBeGreaterThan(0);
  });

  it('uploads, runs, and reports status', async () => {
    board = await startPtyBoard();
    session = await connect(board);
    const out = capture(session);
    await session.upload(image('for i in range(3):\n    print(i * i)\n'));
    expect(await session.runToEnd()).toBe('ok');
    expect(out.text()).toBe('0\n1\n4\n');
    const status = await session.status();
    expect(status).toMatchObject({ state: 'idle', programStored: true, runAtBoot: false, droppedFrames: 0 });
  });

  it('keeps the REPL namespace between entries and echoes values like Python', async () => {
    board = await startPtyBoard();
    session = await connect(board);
    const out = capture(session);
    expect(await session.exec(image('x = 20', 'single'))).toBe('ok');
    expect(await session.exec(image('def double(n):\n    return n * 2\n', 'single'))).toBe('ok');
    expect(await session.exec(image('double(x) + 2', 'single'))).toBe('ok');
    expect(await session.exec(image("'a' + 'b'", 'single'))).toBe('ok');
    expect(await session.exec(image('None', 'single'))).toBe('ok');
    expect(await session.exec(image('_', 'single'))).toBe('ok');   // the last value
    expect(out.text()).toBe("42\n'ab'\n'ab'\n");
    const exceptions: string[] = [];
    session.on('exception', r => exceptions.push(`${r.type}: ${r.message}`));
    expect(await session.exec(image('undefined_name', 'single'))).toBe('exception');
    expect(exceptions).toEqual(["NameError: name 'undefined_name' is not defined"]);
    expect(await session.exec(image('double(4)', 'single'))).toBe('ok');   // still there after an error
    expect(out.text()).toMatch(/8\n$/);
  });

  it('feeds input() from the console', async () => {
    board = await startPtyBoard();
    session = await connect(board);
    const out = capture(session);
    await session.upload(image('name = input("name? ")\nprint("hi", name)\n'));
    const done = session.runToEnd();
    while (!out.text().includes('name? ')) await new Promise(r => setTimeout(r, 10));
    expect((await session.status()).state).toBe('waiting-input');
    await session.sendInput('Ada\n');
    expect(await done).toBe('ok');
    expect(out.text()).toBe('name? hi Ada\n');
  });

  it('stops while True: pass within 100 ms', async () => {
    board = await startPtyBoard();
    session = await connect(board);
    await session.upload(image('while True:\n    pass\n'));
    const done = session.runToEnd();
    await new Promise(r => setTimeout(r, 100));
    const asked = Date.now();
    await session.stop();
    expect(await done).toBe('stopped');
    expect(Date.now() - asked).toBeLessThan(100);
  });

  it('keeps the stored program across a VM restart and runs it at boot when asked', async () => {
    const storeFile = join(dir, 'boot.store');
    board = await startPtyBoard({ storeFile });
    session = await connect(board);
    await session.upload(image('print("from flash")\n'), { runAtBoot: true });
    await session.close(); await board.stop();
    board = await startPtyBoard({ storeFile });
    const opened = await openSession(await SerialTransport.open(board.path));
    session = opened.session;
    expect(opened.info).toMatchObject({ programStored: true, runAtBoot: true });
    const out = capture(session);
    expect(await session.runToEnd()).toBe('ok');
    expect(out.text()).toBe('from flash\n');
    await session.close(); await board.stop();
    // --autorun: the board runs it by itself; the output waits in the pty for whoever opens it
    board = await startPtyBoard({ storeFile, autorun: true });
    session = await connect(board);
    expect((await session.status()).programStored).toBe(true);
  });

  it('survives the IDE closing and reopening the port (a cable pulled and plugged back)', async () => {
    board = await startPtyBoard();
    session = await connect(board);
    await session.upload(image('print(7)\n'));
    await session.close();
    session = await connect(board);
    const out = capture(session);
    expect(await session.runToEnd()).toBe('ok');
    expect(out.text()).toBe('7\n');
  });
});
