// DAP sessions against the Virtual board serving the link on a pseudo-terminal, opened as a
// serial port (as a board is): see sessions.ts. And the link closing under a stopped program.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { DebugAdapter } from '../../main/debug/adapter';
import { FileTarget } from '../../main/debug/fileTarget';
import { hostVmPath, ProcessTransport, startPtyBoard } from '../../main/devices/virtualBoard';
import { SerialTransport } from '../../main/link/serialTransport';
import { collectRun } from '../../main/link/testing/programs';
import { DapTestClient, programFolder } from './client';
import { debugSessions } from './sessions';

debugSessions('the Virtual board (pty)', async () => {
  const board = await startPtyBoard();
  return { connect: () => SerialTransport.open(board.path), stop: () => board.stop() };
});

it('ends the session with a message when the board goes away while stopped', async () => {
  let vm: ChildProcessWithoutNullStreams | undefined;
  const target = new FileTarget({}, async () => new ProcessTransport(vm = spawn(hostVmPath(), ['--link'])));
  const client = new DapTestClient(new DebugAdapter(target));
  const dir = programFolder({ 'main.py': 'x = 1\ny = 2\n' });
  await client.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 2 }] } });
  await client.stopped();
  vm!.kill('SIGKILL');
  await client.waitFor('terminated');
  expect(client.output('important')).toBe('The board disconnected: the VM was killed (SIGKILL)\n');
  expect(client.events.some(e => e.event === 'exited')).toBe(false);
  expect(await client.raw('stackTrace', { threadId: 1 })).toMatchObject({ success: false, message: 'the program has ended' });
}, 30000);

it('refuses to debug on a VM built at the minimal level, which still runs the program', async () => {
  const root = join(__dirname, '..', '..');
  const made = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), 'host-minimal'], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  const target = new FileTarget({}, async () => new ProcessTransport(spawn(join(root, 'vm-firmware', 'build', 'posix-minimal', 'viper-vm'), ['--link'])));
  const client = new DapTestClient(new DebugAdapter(target));
  const dir = programFolder({ 'main.py': 'print(6 * 7)\n' });
  await client.request('initialize', { adapterID: 'viper' });
  const launch = await client.raw('launch', { program: join(dir, 'main.py') });
  expect(launch.success).toBe(false);
  expect(launch.message).toMatch(/^the VM on this board has no debugger/);
  const run = await collectRun(target.session!);
  expect(run).toMatchObject({ status: 'ok', output: '42\n' });
  await target.close();
}, 60000);
