// Test helper: programs compiled for a session, and one run's output and exceptions collected.
import { compile } from '../../../compiler/src/index';
import type { ExceptionReport } from '../../common/api';
import type { DeviceSession } from '../session';

/** The image of `source`; 'single' compiles one REPL entry as the IDE does (file `<stdin>`). */
export function image(source: string, mode: 'exec' | 'single' = 'exec'): Uint8Array {
  const { image: bytes, diagnostics } = compile(source, mode === 'single' ? '<stdin>' : 'main.py', { mode });
  if (!bytes) throw new Error(diagnostics.map(d => d.message).join('\n'));
  return bytes;
}

/** Runs the stored program to its end: how it ended, what it printed, what escaped it. */
export async function collectRun(session: DeviceSession) {
  let output = '';
  const exceptions: ExceptionReport[] = [];
  const onOutput = (t: string) => { output += t; };
  const onException = (r: ExceptionReport) => exceptions.push(r);
  session.on('output', onOutput);
  session.on('exception', onException);
  try {
    const status = await session.runToEnd();
    return { status, output, exceptions };
  } finally {
    session.off('output', onOutput);
    session.off('exception', onException);
  }
}

/** Waits (polling) until what() holds; throws after ms. */
export async function until(what: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 5));
  }
}
