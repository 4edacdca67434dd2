// What the service's domains (boards, ports, projects, examples, flashing) share: where device
// events go, the background port prober, and how serial ports are listed.
import type { DeviceEvent } from '../common/api';
import type { PortInfo } from '../devices/portInfo';
import type { PortProber } from '../devices/portProber';

export interface ServiceContext {
  /** Sends an event to every listener (output is batched). */
  emit(event: DeviceEvent): void;
  /** Passes a board's batched output on now. */
  flush(boardId: string): void;
  prober: PortProber;
  listSerialPorts(): Promise<PortInfo[]>;
}
