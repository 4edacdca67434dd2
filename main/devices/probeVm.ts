// Asks a serial port whether a Viper VM is on the other end: open, HELLO, short wait, close.
import { DeviceSession, type VmInfo } from '../link/session';
import { SerialTransport } from '../link/serialTransport';

export interface ProbeOptions { timeoutMs?: number; baudRate?: number }

/** The VM's INFO, or undefined when nothing answered (or the port could not be opened). */
export async function probeVm(path: string, options: ProbeOptions = {}): Promise<VmInfo | undefined> {
  let transport: SerialTransport;
  try { transport = await SerialTransport.open(path, options.baudRate ?? 115200); } catch { return undefined; }
  const session = new DeviceSession(transport, { timeoutMs: options.timeoutMs ?? 300, attempts: 1 });
  try {
    return await session.hello();
  } catch {
    return undefined;
  } finally {
    await session.close();
  }
}
