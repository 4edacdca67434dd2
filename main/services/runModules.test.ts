// Run with modules, through the real service on the Virtual board: `import helper` finds the
// helper.py sent with the program, and a traceback names the module's file and line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent, ExceptionReport } from '../common/api';
import { createViperService, type ViperService } from './viperService';

describe('run with the project\'s modules on the Virtual board', () => {
  let tmp: string;
  let service: ViperService;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'viper-run-modules-'));
    service = createViperService({ projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings') });
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs and collects output until the board says the program is done. */
  async function runAndCollect(params: Parameters<ViperService['run']>[0]): Promise<{ output: string; status: string; report?: ExceptionReport }> {
    let output = '';
    let report: ExceptionReport | undefined;
    let stop = () => {};
    const done = new Promise<string>(resolve => {
      stop = service.onEvent((event: DeviceEvent) => {
        if (event.kind === 'output') output += event.text;
        if (event.kind === 'exception') report = event.report;
        if (event.kind === 'done') resolve(event.status);
      });
    });
    try {
      expect(await service.run(params)).toEqual({ ok: true });
      const status = await done;
      return { output, status, report };
    } finally { stop(); }
  }

  it('imports a module sent with the program', async () => {
    const run = await runAndCollect({
      boardId: 'virtual', file: 'main.py', source: 'import helper\nprint(helper.twice(21))\n',
      modules: [{ file: 'helper.py', source: 'def twice(x):\n    return 2 * x\n' }, { file: 'unused.py', source: 'print("not imported")\n' }],
    });
    expect(run).toMatchObject({ output: '42\n', status: 'ok' });
  });

  it('a traceback names the module and its line', async () => {
    const run = await runAndCollect({
      boardId: 'virtual', file: 'main.py', source: 'import helper\nhelper.fail()\n',
      modules: [{ file: 'helper.py', source: '# helper\ndef fail():\n    raise ValueError("from helper")\n' }],
    });
    expect(run.status).toBe('exception');
    expect(run.report?.frames).toEqual([
      { file: 'main.py', function: '<module>', line: 2 },
      { file: 'helper.py', function: 'fail', line: 3 },
    ]);
  });

  it('a module that does not compile is named in the diagnostics', async () => {
    const result = await service.run({ boardId: 'virtual', file: 'main.py', source: 'import helper\n', modules: [{ file: 'helper.py', source: 'def f(:\n' }] });
    expect(result.ok).toBe(false);
    expect('diagnostics' in result && result.diagnostics[0].file).toBe('helper.py');
  });
});
