import { DebugAdapter } from './main/debug/adapter';
import { FileTarget } from './main/debug/fileTarget';
import { DapTestClient, programFolder } from './tests/debug/client';
import { join } from 'node:path';
(async () => {
  const target = new FileTarget();
  const c = new DapTestClient(new DebugAdapter(target));
  const dir = programFolder({ 'main.py': 'def average(values):\n    total = 0\n    for v in values:\n        total += v\n    return total / len(values)\n\nresult = average([3, 5, 10])\nprint(result)\n' });
  await c.start(join(dir, 'main.py'), { breakpoints: { [join(dir, 'main.py')]: [{ line: 4, condition: 'v == 5' }] } });
  for (const cmd of (process.argv[2] ?? 'stepOut,continue').split(',')) {
    const s = await c.stopped().catch(() => undefined);
    if (!s) break;
    console.log('STOP', s.reason, s.frame.name, s.frame.line, JSON.stringify(s.locals));
    await c.request(cmd, { threadId: s.threadId });
  }
  console.log(c.events.map(e => e.event).join(' '));
  await target.close();
})();
