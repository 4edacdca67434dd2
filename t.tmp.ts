import { DebugAdapter } from './main/debug/adapter';
import { FileTarget } from './main/debug/fileTarget';
import { DapTestClient, programFolder } from './tests/debug/client';
import { join } from 'node:path';
(async () => {
  const target = new FileTarget();
  const c = new DapTestClient(new DebugAdapter(target));
  c.adapter.onEvent(e => console.log('EVENT', JSON.stringify(e)));
  const dir = programFolder({ 'main.py': 'def gen(n):\n    for k in range(n):\n        yield k * 10\n\nfor v in gen(2):\n    print(v)\n' });
  await c.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 5 }] } });
  for (const cmd of ['stepIn', 'stepIn', 'continue', 'continue', 'continue']) {
    const s = await c.stopped().catch(() => undefined);
    if (!s) break;
    console.log('STOP', s.reason, s.frame.name, s.frame.line, JSON.stringify(s.locals));
    await c.request(cmd, { threadId: s.threadId });
  }
  await target.close();
})();
