// The Virtual board's RAM through the real service: a program that fits the desktop runs out of
// memory on a board's heap, as it would on the board; changing the RAM restarts a running VM;
// a RAM that is not a choice is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent } from '../common/api';
import { dispatch } from './dispatch';
import { createViperService, type ViperService } from './viperService';

// A lookup table as people build one: 20,000 entries need far more than a 32 KB heap.
const TABLE = 'table = {i: str(i) for i in range(20000)}\nprint(len(table), table[19999])\n';

let tmp: string;
let service: ViperService;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'viper-virtual-ram-'));
  service = createViperService({ projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings') });
});
afterAll(async () => {
  await service.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

async function runToEnd(source: string): Promise<{ output: string; status: string; type?: string; states: string[] }> {
  let output = '';
  let type: string | undefined;
  const states: string[] = [];
  let stop = () => {};
  const done = new Promise<string>(resolve => {
    stop = service.onEvent((event: DeviceEvent) => {
      if (event.kind === 'state') states.push(event.state);
      if (event.kind === 'output') output += event.text;
      if (event.kind === 'exception') type = event.report.type;
      if (event.kind === 'done') resolve(event.status);
    });
  });
  try {
    expect(await service.run({ boardId: 'virtual', file: 'main.py', source })).toEqual({ ok: true });
    const status = await done;
    return { output, status, type, states };
  } finally { stop(); }
}

test('a board\'s heap gives MemoryError where the desktop\'s runs the program; the listing says which', async () => {
  expect(await runToEnd(TABLE)).toMatchObject({ output: '20000 19999\n', status: 'ok' });

  await service.setVirtualBoardRam({ ram: 'nucleo_f401re' });
  expect(await service.listBoards()).toContainEqual(expect.objectContaining({ id: 'virtual', ram: 'nucleo_f401re' }));
  const small = await runToEnd(TABLE);
  expect(small).toMatchObject({ output: '', status: 'exception', type: 'MemoryError' });
  expect(small.states[0]).toBe('connecting');            // the VM started afresh with the new heap

  await service.setVirtualBoardRam({ ram: 'desktop' });
  expect(await runToEnd(TABLE)).toMatchObject({ output: '20000 19999\n', status: 'ok' });
});

test('a RAM that is not one of the choices is refused and changes nothing', async () => {
  expect(await dispatch(service, { id: 1, method: 'setVirtualBoardRam', params: { ram: '1g' } }))
    .toEqual({ id: 1, error: expect.stringMatching(/"ram" must be one of desktop, .*nucleo_f401re/) });
  expect(await service.listBoards()).toContainEqual(expect.objectContaining({ id: 'virtual', ram: 'desktop' }));
});
