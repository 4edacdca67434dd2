// Keeps the board picker current: the API's boards (the Virtual board) plus every serial port,
// named by the board behind it when known, re-listed every 2 s so plugging and unplugging show up.
// A port behind a generic USB-serial chip asks once which board it is; the answer is remembered.
// Whether a VM answers on a port is found out by the main side in the background: while it is,
// the list is asked again sooner, and a port whose VM answered is "VM vX ready" and never asks.
import type { BoardInfo, PortEntry, ViperApi } from '../../../main/common/api';
import type { ProgramConsole } from '../console/programConsole';
import type { DeviceBar } from '../deviceBar';
import { button, createModal, el } from '../projects/modal';

export const BOARD_POLL_MS = 2000;
/** How soon to list again while some port's probe has not finished (probes take under 0.5 s). */
export const PROBE_POLL_MS = 400;

export interface BoardList {
  /** The serial port behind a board id (a port path), if it is one. */
  port(id: string): PortEntry | undefined;
  /** Known board ids and names. */
  knownBoards(): Promise<Record<string, string>>;
  refresh(): Promise<void>;
}

export interface BoardListOptions {
  api: ViperApi;
  bar: DeviceBar;
  out: ProgramConsole;
  select: HTMLSelectElement;
}

/** What the picker shows for a port: "Arduino Due — /dev/ttyACM0 · VM v0.3.1 ready". */
export function portLabel(port: PortEntry, boardNames: Record<string, string>): string {
  const what = (port.board && (boardNames[port.board] ?? port.board)) ?? port.usbName ?? port.product ?? port.manufacturer ?? 'Serial port';
  return `${what} — ${port.path}` + (port.vm?.status === 'ready' ? ` · VM v${port.vm.vmVersion} ready` : '');
}

/** "VM v0.3.1" when a VM answered on the port. */
function vmReady(port: PortEntry): string | undefined {
  return port.vm?.status === 'ready' ? `VM v${port.vm.vmVersion}` : undefined;
}

export function watchBoards({ api, bar, out, select }: BoardListOptions): BoardList {
  let ports = new Map<string, PortEntry>();
  let shown = '';
  let knownBoards: Promise<Record<string, string>> | undefined;
  let listErrorShown = false;
  const asked = new Set<string>();           // ports already asked about in this session
  let askWhenProbed: string | undefined;     // chosen while its probe ran: ask once it is known
  let soon: ReturnType<typeof setTimeout> | undefined;

  const known = () => (knownBoards ??= api.listKnownBoards().catch(err => { knownBoards = undefined; throw err; }));

  async function refresh(): Promise<void> {
    let boards: BoardInfo[];
    let found: PortEntry[];
    try {
      [boards, found] = await Promise.all([api.listBoards(), api.listPorts().catch(() => [] as PortEntry[])]);
      listErrorShown = false;
    } catch (err) {
      if (!listErrorShown) out.error(`Could not list the boards: ${(err as Error).message}`);
      listErrorShown = true;
      return;
    }
    const names = await known().catch(() => ({} as Record<string, string>));
    ports = new Map(found.map(p => [p.path, p]));
    const all: BoardInfo[] = [...boards, ...found.map(p => {
      const ready = vmReady(p);
      return { id: p.path, name: portLabel(p, names), kind: 'serial' as const, ...(ready ? { ready } : {}) };
    })];
    const key = JSON.stringify(all);
    if (key !== shown) {
      shown = key;
      bar.showBoards(all);
    }
    if (found.some(p => p.vm?.status === 'probing') && soon === undefined) {
      soon = setTimeout(() => { soon = undefined; void refresh(); }, PROBE_POLL_MS);
    }
    if (askWhenProbed && ports.get(askWhenProbed)?.vm?.status !== 'probing') {
      const path = askWhenProbed;
      askWhenProbed = undefined;
      if (select.value === path) maybeAsk(path);
    }
  }

  /** Asks which board a port is, once, unless the port or its VM already says. */
  function maybeAsk(path: string): void {
    const port = ports.get(path);
    if (!port || port.board || vmReady(port) || asked.has(path)) return;
    if (port.vm?.status === 'probing') { askWhenProbed = path; return; }
    asked.add(path);
    void askWhichBoard(port);
  }

  select.addEventListener('change', () => maybeAsk(select.value));

  async function askWhichBoard(port: PortEntry): Promise<void> {
    let names: Record<string, string>;
    try { names = await known(); } catch { return; }
    const modal = createModal('Which board is this?', 'which-board', () => modal.dialog.remove());
    const choice = el('select', { testId: 'which-board-select' });
    choice.append(...Object.entries(names).map(([id, name]) => new Option(name, id)));
    const error = el('div', { className: 'modal-error', testId: 'which-board-error' });
    modal.body.append(
      el('p', { text: `${port.usbName ?? 'A USB-serial adapter'} on ${port.path} does not say which board it belongs to. Viper will remember your answer for this adapter.` }),
      el('label', { className: 'modal-label' }, 'Board', choice), error);
    modal.footer.append(
      button('Not now', 'which-board-cancel', () => modal.close()),
      button('Remember', 'which-board-ok', () => {
        api.setPortBoard({ path: port.path, board: choice.value }).then(() => { modal.close(); return refresh(); },
          err => { error.textContent = (err as Error).message; });
      }, 'primary'));
    modal.open();
  }

  void refresh();
  setInterval(() => void refresh(), BOARD_POLL_MS);
  return { port: id => ports.get(id), knownBoards: known, refresh };
}
