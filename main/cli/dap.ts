// `viper dap`: the debug adapter on stdin/stdout, for an editor (VS Code's launch configuration
// runs `npx viper dap`). The client's launch request names the program; stderr carries the log.
import { DebugAdapter } from '../debug/adapter';
import { serveDap } from '../debug/dapStream';
import { FileTarget, type BoardChoice } from '../debug/fileTarget';

export async function dapCommand(board: BoardChoice): Promise<number> {
  const target = new FileTarget(board);
  const adapter = new DebugAdapter(target);
  const log = (why: string) => process.stderr.write(`viper dap: ${why}\n`);
  await serveDap(adapter, process.stdin, process.stdout, log);
  await target.close();
  process.stdin.pause();
  return 0;
}
