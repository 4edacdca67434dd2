// The main-side implementation of the renderer API, put together from one service per domain:
// boards (sessions), ports, examples, projects, flashing. Plain Node, no Electron: the Electron
// shell and the browser-mode server both wrap it.
import { EventEmitter } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DeviceEvent, ViperApi } from '../common/api';
import { BoardMemory } from '../devices/boardMemory';
import { listPorts } from '../devices/listPorts';
import type { PortInfo } from '../devices/portInfo';
import { PortProber } from '../devices/portProber';
import { probeVm } from '../devices/probeVm';
import type { VmInfo } from '../link/session';
import { RecentProjects } from '../projects/recentProjects';
import { DebugAdapter } from '../debug/adapter';
import { createBoardsService } from './boardsService';
import type { MainApi } from './dispatch';
import { createExamplesService } from './examplesService';
import { createFlashService, defaultDriveRoots } from './flashService';
import { createOutputBatcher } from './outputBatcher';
import { createPortsService } from './portsService';
import { createProjectsService } from './projectsService';
import type { ServiceContext } from './serviceContext';

/** Where the tools find and keep things; each defaults under the repository or the home folder. */
export interface ServiceOptions {
  examplesDir?: string;
  projectsDir?: string;
  firmwareDir?: string;
  /** Folders with VM images, searched in order (a packaged app: the person's own, then the bundled one); wins over firmwareDir. */
  firmwareDirs?: string[];
  /** Where recent projects and remembered boards are kept. */
  settingsDir?: string;
  listPorts?: () => Promise<PortInfo[]>;
  /** Asks one port whether a VM answers (default: probeVm with a short timeout). */
  probePort?: (path: string) => Promise<VmInfo | undefined>;
  /** Asks the person for a project folder (Electron: a native dialog). Without it, pickProject says it needs the desktop app. */
  pickFolder?: () => Promise<string | undefined>;
  /** Folders where ST-LINK drives are mounted (default: /media/USER, /run/media/USER, /media, /Volumes). */
  stlinkDriveRoots?: string[];
}

/** The Virtual board's program storage, in the settings folder: it keeps its program as a board does. */
export const VIRTUAL_STORE_FILE = 'virtual-board.store';

export interface ViperService extends MainApi {
  onEvent: ViperApi['onEvent'];
  dispose(): Promise<void>;
}

export function createViperService(options: ServiceOptions = {}): ViperService {
  const root = join(__dirname, '..', '..');
  const examplesDir = options.examplesDir ?? join(root, 'examples');
  const projectsDir = options.projectsDir ?? join(homedir(), 'Viper');
  const firmwareDirs = options.firmwareDirs ?? [options.firmwareDir ?? join(root, 'vm-firmware', 'build', 'firmware')];
  const settingsDir = options.settingsDir ?? join(homedir(), '.viper');

  const events = new EventEmitter<{ event: [DeviceEvent] }>();
  const batcher = createOutputBatcher(event => events.emit('event', event));
  const context: ServiceContext = {
    emit: batcher.emit,
    flush: boardId => batcher.flush(boardId),
    listSerialPorts: options.listPorts ?? listPorts,
    // 400 ms is ten HELLO round trips at 115200 baud; the deadline covers an open() or close() that hangs.
    prober: new PortProber({ probe: options.probePort ?? (path => probeVm(path, { timeoutMs: 400 })), deadlineMs: 2000 }),
  };

  const { dispose: closeSessions, ...boards } = createBoardsService(context, {
    virtualStoreFile: join(settingsDir, VIRTUAL_STORE_FILE),
    debugAdapter: target => new DebugAdapter(target),
  });
  const projects = createProjectsService({ projectsDir, recent: new RecentProjects(settingsDir), pickFolder: options.pickFolder });
  const { adopt, ...projectsApi } = projects;
  const api: MainApi = {      // a method missing here fails type checking
    ...boards,
    ...createPortsService(context, new BoardMemory(settingsDir)),
    ...createExamplesService(examplesDir, projectsDir, adopt),
    ...projectsApi,
    ...createFlashService(context, firmwareDirs, options.stlinkDriveRoots ?? defaultDriveRoots()),
  };

  return {
    ...api,

    onEvent(listener) {
      events.on('event', listener);
      return () => { events.off('event', listener); };
    },

    async dispose() {
      await closeSessions();
      await context.prober.stop();
      batcher.dispose();
    },
  };
}
