// What the IDE knows about one serial port. Only `path` is always known.
export interface PortInfo {
  path: string;
  /** USB IDs as four lower-case hex digits, when the port sits on a USB device. */
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** The stable name under /dev/serial/by-id, when there is one. */
  byId?: string;
}

/** Lower-case, four digits, no 0x: how IDs are compared everywhere. */
export function normalizeUsbId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const hex = id.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(hex) ? hex.padStart(4, '0') : undefined;
}
