// Browser mode: the same UI, served on 127.0.0.1 with a per-run token, for machines without
// the Electron runtime. Started by scripts/start.mjs.
import { join } from 'node:path';
import { startBrowserServer } from '../server/browserServer';
import { createViperService } from '../services/viperService';

async function main(): Promise<void> {
  const api = createViperService();
  const port = process.env.VIPER_PORT ? Number(process.env.VIPER_PORT) : 0;
  const server = await startBrowserServer({ api, staticDir: join(__dirname, '..', 'renderer'), port });
  process.stdout.write(`Viper IDE (browser mode) is at\n\n    ${server.url}\n\nOpen it in a browser on this machine. Ctrl-C stops.\n`);
  const shutdown = () => { void Promise.all([server.close(), api.dispose()]).then(() => process.exit(0)); };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(err => { process.stderr.write(`viper: ${(err as Error).message}\n`); process.exit(1); });
