import { DebugAdapter } from './main/debug/adapter';
import { FileTarget } from './main/debug/fileTarget';
import { DapTestClient } from './tests/debug/client';
(async () => {
  const target = new FileTarget();
  const c = new DapTestClient(new DebugAdapter(target));
  c.adapter.onEvent(e => console.log('EVENT', JSON.stringify(e)));
  await c.start('/tmp/loop.py', { stopOnEntry: true });
  await c.waitFor('stopped');
  await new Promise(r => setTimeout(r, 300));
  console.log(await c.raw('setBreakpoints', { source: { path: '/tmp/loop.py' }, breakpoints: [{ line: 4 }] }));
  console.log(await c.raw('continue', { threadId: 1 }));
  await new Promise(r => setTimeout(r, 1000));
  console.log(await c.raw('continue', { threadId: 1 }));
  await new Promise(r => setTimeout(r, 1000));
  await target.close();
})();
