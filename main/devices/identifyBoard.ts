// Which board is behind a port: the USB ID table first, then the VM's own answer, then what the
// person told us before; otherwise the IDE has to ask (once — the answer goes to BoardMemory).
import type { VmInfo } from '../link/session';
import { identifyUsb } from './boardTable';
import type { BoardMemory } from './boardMemory';
import type { PortInfo } from './portInfo';

export type Identification =
  | { board: string; source: 'usb' | 'vm' | 'remembered'; name: string; vm?: VmInfo }
  | { board: undefined; source: 'ask'; name: string };

export interface IdentifyDeps {
  probe(path: string): Promise<VmInfo | undefined>;
  memory: BoardMemory;
}

export async function identifyBoard(port: PortInfo, deps: IdentifyDeps): Promise<Identification> {
  const usb = identifyUsb(port.vendorId, port.productId);
  const name = usb?.name ?? port.product ?? port.manufacturer ?? 'Serial port';
  if (usb?.board) return { board: usb.board, source: 'usb', name };
  const vm = await deps.probe(port.path);
  if (vm) return { board: vm.boardId, source: 'vm', name, vm };
  const remembered = deps.memory.recall(port);
  if (remembered) return { board: remembered, source: 'remembered', name };
  return { board: undefined, source: 'ask', name };
}
