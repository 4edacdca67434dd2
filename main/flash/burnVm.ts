// Burns the VM image built for `board` through one of the flashers, chosen by method. A method a
// board's firmware block names but this version has no flasher for is refused with a FlashError.
import type { BurnMethodId } from '../../compiler/src/hardware/boardFirmware';
import { DfuFlasher } from './dfu';
import { loadFirmware } from './firmware';
import { FlashError, type FlashMethod, type FlashProgress, type Flasher } from './flasher';
import { SambaFlasher } from './samba';
import { StlinkDriveFlasher } from './stlinkDrive';
import { Stm32UartFlasher } from './stm32Uart';

export interface BurnRequest {
  board: string;
  method: BurnMethodId;
  /** A serial port path (stm32-uart, samba), the mounted drive's folder (stlink-drive), or the
   *  DFU bootloader's USB serial number ('' or '0483:df11': the only one connected) (dfu). */
  target: string;
  firmwareDir: string;
  signal?: AbortSignal;
  onProgress?(progress: FlashProgress): void;
}

const FLASHERS: Record<FlashMethod, (target: string) => Flasher> = {
  'stm32-uart': path => new Stm32UartFlasher({ path }),
  'samba': path => new SambaFlasher({ path }),
  'stlink-drive': drive => new StlinkDriveFlasher({ drive }),
  'dfu': device => new DfuFlasher({ device }),
};

export function hasFlasher(method: string): method is FlashMethod {
  return Object.prototype.hasOwnProperty.call(FLASHERS, method);
}

export function makeFlasher(method: BurnMethodId, target: string): Flasher {
  if (!hasFlasher(method)) {
    throw new FlashError(`this version of Viper cannot burn by ${method} yet`,
      `Pick another way in "How" (${Object.keys(FLASHERS).join(', ')}), or burn the .bin with the board's own tool.`);
  }
  return FLASHERS[method](target);
}

export async function burnVm(request: BurnRequest): Promise<{ vmVersion: string }> {
  const flasher = makeFlasher(request.method, request.target);     // before reading the image: say what cannot work first
  const { entry, image } = await loadFirmware(request.firmwareDir, request.board);
  await flasher.flash({ image, signal: request.signal, onProgress: request.onProgress });
  return { vmVersion: entry.vmVersion };
}

export { FlashError };
