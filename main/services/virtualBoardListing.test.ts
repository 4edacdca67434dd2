// A Virtual board that cannot run here (no host VM, or Windows) is listed with the reason and
// refuses to run with it: never a crash, never a silent no.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setHostVmPath } from '../devices/virtualBoard';
import { dispatch } from './dispatch';
import { createViperService, type ViperService } from './viperService';

let tmp: string;
let service: ViperService;
const savedVm = process.env.VIPER_VM;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'viper-vb-listing-'));
  delete process.env.VIPER_VM;
  setHostVmPath(join(tmp, 'viper-vm'));          // as a packaged app whose VM went missing
  service = createViperService({ examplesDir: tmp, projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings'), listPorts: async () => [] });
});

afterEach(async () => {
  await service.dispose();
  setHostVmPath(undefined);
  if (savedVm === undefined) delete process.env.VIPER_VM; else process.env.VIPER_VM = savedVm;
  rmSync(tmp, { recursive: true, force: true });
});

test('the Virtual board is listed as unavailable, with the reason, and a run says it', async () => {
  const listed = await dispatch(service, { id: 1, method: 'listBoards' });
  // (the QEMU board is listed too where its firmware is built)
  expect(listed).toEqual({ id: 1, result: expect.arrayContaining([expect.objectContaining({ id: 'virtual', unavailable: expect.stringMatching(/missing from this installation/) })]) });
  const ran = await dispatch(service, { id: 2, method: 'run', params: { boardId: 'virtual', file: 'main.py', source: 'print(1)\n' } });
  expect(ran).toEqual({ id: 2, result: { ok: false, error: expect.stringMatching(/missing from this installation/) } });
});
