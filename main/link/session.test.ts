// A real session against the host VM process (the Virtual board) over its stdin/stdout.
import { IMAGE_FORMAT_VERSION } from '../../compiler/src/bytecode/format';
import { openSession } from '../devices/connect';
import { startVirtualBoard } from '../devices/virtualBoard';
import { DeviceSession, LinkError } from './session';
import { LINK_ERRORS } from './protocol';
import { collectRun, image } from './testing/programs';

describe('device session with the Virtual board', () => {
  let session: DeviceSession;
  afterEach(async () => { await session?.close(); });

  it('says hello with versions and sizes', async () => {
    const opened = await openSession(startVirtualBoard());
    session = opened.session;
    expect(opened.info).toMatchObject({ protocolVersion: 2, imageFormatVersion: IMAGE_FORMAT_VERSION, boardId: 'virtual' });
    expect(opened.info.heapBytes).toBeGreaterThan(0);
    expect(opened.info.storageBytes).toBeGreaterThan(0);
  });

  it('uploads and runs a program, then runs it again', async () => {
    ({ session } = await openSession(startVirtualBoard()));
    await session.upload(image('print("hello", 1 + 2)\n'));
    expect(await collectRun(session)).toEqual({ status: 'ok', output: 'hello 3\n', exceptions: [] });
    expect(await collectRun(session)).toMatchObject({ status: 'ok', output: 'hello 3\n' });
  });

  it('reports an uncaught exception with its traceback', async () => {
    ({ session } = await openSession(startVirtualBoard()));
    await session.upload(image('def f():\n    return missing\n\nf()\n'));
    const run = await collectRun(session);
    expect(run.status).toBe('exception');
    expect(run.exceptions).toEqual([{
      type: 'NameError', message: "name 'missing' is not defined",
      frames: [{ file: 'main.py', function: '<module>', line: 4 }, { file: 'main.py', function: 'f', line: 2 }],
    }]);
  });

  it('refuses a corrupt image and keeps the previous program', async () => {
    ({ session } = await openSession(startVirtualBoard()));
    await session.upload(image('print("old")\n'));
    const bad = image('print("new")\n');
    bad[bad.length - 1] ^= 0xff;  // body changed, header CRC now wrong
    await expect(session.upload(bad)).rejects.toMatchObject({ code: LINK_ERRORS.BAD_IMAGE });
    expect((await collectRun(session)).output).toBe('old\n');
  });

  it('refuses to run when nothing was uploaded', async () => {
    ({ session } = await openSession(startVirtualBoard()));
    await expect(session.run()).rejects.toBeInstanceOf(LinkError);
  });

  it('stops an endless loop', async () => {
    ({ session } = await openSession(startVirtualBoard()));
    await session.upload(image('while True:\n    pass\n'));
    const done = collectRun(session);
    await new Promise(r => setTimeout(r, 100));
    const asked = Date.now();
    await session.stop();
    expect((await done).status).toBe('stopped');
    expect(Date.now() - asked).toBeLessThan(500);
  });

  it('reports a VM that dies as a disconnection', async () => {
    const transport = startVirtualBoard();
    ({ session } = await openSession(transport));
    const closed = new Promise<string>(resolve => session.once('close', resolve));
    (transport as unknown as { child: { kill(): void } }).child.kill();
    expect(await closed).toMatch(/killed/);
    await expect(session.hello()).rejects.toThrow(/disconnected/);
  });
});
