// Burns the VM image built for `board` through one of the flashers, chosen by method.
import { DfuFlasher } from './dfu';
import { loadFirmware } from './firmware';
import { FlashError, type FlashMethod, type FlashProgress, type Flasher } from './flasher';
import { SambaFlasher } from './samba';
import { StlinkDriveFlasher } from './stlinkDrive';
import { Stm32UartFlasher } from './stm32Uart';

export interface BurnRequest {
  board: string;
  method: FlashMethod;
  /** A serial port path (stm32-uart, samba), the mounted drive's folder (stlink-drive), or the
   *  DFU bootloader's USB serial number ('' or '0483:df11': the only one connected) (dfu). */
  target: string;
  firmwareDir: string;
  signal?: AbortSignal;
  onProgress?(progress: FlashProgress): void;
}

export function makeFlasher(method: FlashMethod, target: string): Flasher {
  switch (method) {
    case 'stm32-uart': return new Stm32UartFlasher({ path: target });
    case 'samba': return new SambaFlasher({ path: target });
    case 'stlink-drive': return new StlinkDriveFlasher({ drive: target });
    case 'dfu': return new DfuFlasher({ device: target });
  }
}

export async function burnVm(request: BurnRequest): Promise<{ vmVersion: string }> {
  const { entry, image } = await loadFirmware(request.firmwareDir, request.board);
  await makeFlasher(request.method, request.target).flash({ image, signal: request.signal, onProgress: request.onProgress });
  return { vmVersion: entry.vmVersion };
}

export { FlashError };
