// What the port list says about one port, in identifyBoard's order: the USB ID table, then the
// board the port's VM reports (only a board Viper knows: the host VM says "virtual"), then the
// person's remembered answer.
import type { PortEntry, PortVm } from '../common/api';
import { identifyUsb, KNOWN_BOARDS } from './boardTable';
import type { BoardMemory } from './boardMemory';
import type { PortInfo } from './portInfo';
import type { ProbeStatus } from './portProber';

export function portVm(probe: ProbeStatus): PortVm {
  return probe.status === 'ready' ? { status: 'ready', vmVersion: probe.info.vmVersion, boardId: probe.info.boardId } : { status: probe.status };
}

export function portEntry(port: PortInfo, probe: ProbeStatus, memory: BoardMemory): PortEntry {
  const usb = identifyUsb(port.vendorId, port.productId);
  const vmBoard = probe.status === 'ready' && Object.prototype.hasOwnProperty.call(KNOWN_BOARDS, probe.info.boardId) ? probe.info.boardId : undefined;
  const board = usb?.board ?? vmBoard ?? memory.recall(port);
  return { ...port, ...(usb ? { usbName: usb.name } : {}), ...(board ? { board } : {}), vm: portVm(probe) };
}
