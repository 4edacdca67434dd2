// Serial ports: what is plugged in now, what each board is, and what the person said it is.
import type { PortEntry, ToolsApi } from '../common/api';
import { KNOWN_BOARDS } from '../devices/boardTable';
import type { BoardMemory } from '../devices/boardMemory';
import { portEntry } from '../devices/portEntry';
import type { ServiceContext } from './serviceContext';

export type PortsApi = Pick<ToolsApi, 'listPorts' | 'setPortBoard' | 'listKnownBoards'>;

export function createPortsService({ prober, listSerialPorts }: ServiceContext, boardMemory: BoardMemory): PortsApi {
  return {
    async listPorts(): Promise<PortEntry[]> {
      const ports = await listSerialPorts();
      prober.update(ports.map(p => p.path));             // probes new ports in the background
      return ports.map(p => portEntry(p, prober.status(p.path), boardMemory));
    },

    async setPortBoard({ path, board }) {
      if (!Object.prototype.hasOwnProperty.call(KNOWN_BOARDS, board)) throw new Error(`"${board}" is not a board Viper knows`);
      const port = (await listSerialPorts()).find(p => p.path === path);
      if (!port) throw new Error(`there is no port ${path} any more: plug the board in again`);
      boardMemory.remember(port, board);
    },

    async listKnownBoards() { return { ...KNOWN_BOARDS }; },
  };
}
