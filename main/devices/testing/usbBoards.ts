// Test helper: a real board (boards/*.json) with a USB id no other board claims, so tests of
// "the USB id says which board" hold whatever boards the repository has (today the Due's ids, or
// with fewer boards the Nucleo's ST-LINK).
import { BURNABLE_BOARDS, identifyUsb } from '../boardTable';

export function boardWithOwnUsbId(): { board: string; name: string; vendorId: string; productId: string; usbName: string } {
  for (const b of BURNABLE_BOARDS) {
    for (const id of b.firmware.usb ?? []) {
      const [vendorId, productId] = id.split(':');
      const usb = identifyUsb(vendorId, productId);
      if (usb?.board === b.id) return { board: b.id, name: b.name, vendorId, productId, usbName: usb.name };
    }
  }
  throw new Error('no board in boards/*.json has a USB id of its own');
}
