// The bar above the editor: which board to run on, what that board is doing (with an upload's
// percentage), Run, Stop and Reset.
import type { BoardInfo, BoardState, DeviceEvent } from '../../main/common/api';

const CHOSEN_BOARD_KEY = 'viper.board';
const STOP_TITLE = 'Stop the program';

const STATE_LABELS: Record<BoardState, string> = {
  disconnected: 'disconnected',
  connecting: 'connecting…',
  ready: 'ready',
  running: 'running',
  busy: 'busy',
};

interface KnownState { state: BoardState; detail?: string; finished?: boolean }

export interface DeviceBarElements {
  select: HTMLSelectElement;
  /** The Virtual board's RAM picker: shown while the Virtual board is chosen. */
  virtualRam: HTMLSelectElement;
  state: HTMLElement;
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  /** Soft reset: stops what runs and clears the REPL's names. */
  reset: HTMLButtonElement;
}

export class DeviceBar {
  private boards: BoardInfo[] = [];
  private readonly states = new Map<string, KnownState>();
  /** Connected boards that keep a program to run at boot: Stop is offered even while they are
   *  idle, since a STOP within a second of their reset skips that program (docs/firmware.md). */
  private readonly bootBoards = new Set<string>();
  private readonly selectListeners: (() => void)[] = [];

  constructor(private readonly el: DeviceBarElements) {
    el.select.addEventListener('change', () => {
      try { localStorage.setItem(CHOSEN_BOARD_KEY, el.select.value); } catch { /* not essential */ }
      this.showState();
      this.selectListeners.forEach(listener => listener());
    });
  }

  /** Calls `listener` whenever the selected board may have changed (a pick, a new board list). */
  onSelect(listener: () => void): void {
    this.selectListeners.push(listener);
  }

  selectedBoard(): BoardInfo | undefined {
    return this.boards.find(b => b.id === this.el.select.value);
  }

  showBoards(boards: BoardInfo[]): void {
    this.boards = boards;
    const previous = this.el.select.value || readChosenBoard();
    this.el.select.replaceChildren(...boards.map(b => {
      const option = new Option(b.unavailable ? `${b.name} (unavailable)` : b.name, b.id);
      if (b.unavailable) { option.disabled = true; option.title = b.unavailable; }
      return option;
    }));
    if (boards.length === 0) {
      const none = new Option('No boards found', '');
      none.disabled = true;
      this.el.select.append(none);
    }
    if (boards.some(b => b.id === previous && !b.unavailable)) this.el.select.value = previous ?? '';
    this.el.select.disabled = boards.length === 0;
    this.showState();
    this.selectListeners.forEach(listener => listener());
  }

  /** Remembers state events for every board and shows the selected board's. */
  noteEvent(event: DeviceEvent): void {
    const known = this.states.get(event.boardId);
    if (event.kind === 'done' && known) known.finished = true;
    if (event.kind === 'program') {
      if (event.program.keeps && event.program.stored && event.program.runAtBoot) this.bootBoards.add(event.boardId);
      else this.bootBoards.delete(event.boardId);
      if (event.boardId === this.el.select.value) this.showState();
      return;
    }
    if (event.kind !== 'state') return;
    if (event.state === 'disconnected') this.bootBoards.delete(event.boardId);
    // The board may finish a short program before the main side has announced it running:
    // 'running' after 'done' (and no upload in between) is news from the past.
    if (event.state === 'running' && known?.finished) return;
    this.states.set(event.boardId, { state: event.state, detail: event.detail, finished: event.state === 'ready' && known?.finished });
    if (event.boardId === this.el.select.value) this.showState();
  }

  /** The selected board's state, or undefined before it has said anything. */
  selectedState(): BoardState | undefined {
    return this.states.get(this.el.select.value)?.state;
  }

  /** While a run request is on its way, a second press of Run would only queue confusion. */
  setRunPending(pending: boolean): void {
    this.el.run.disabled = pending;
  }

  private showState(): void {
    const known = this.states.get(this.el.select.value);
    const board = this.selectedBoard();
    this.el.virtualRam.hidden = board?.kind !== 'virtual';
    const stoppable = known?.state === 'running' || known?.state === 'busy';
    const skipsBoot = known?.state === 'ready' && this.bootBoards.has(this.el.select.value);
    this.el.stop.disabled = !stoppable && !skipsBoot;
    this.el.stop.title = skipsBoot && !stoppable
      ? 'This board runs its program at boot: press Stop within a second of resetting it to skip the program'
      : STOP_TITLE;
    this.el.reset.disabled = !board || known?.state === 'connecting';
    if (!known) {
      // Nothing has happened yet: a Virtual board starts on the first Run; a real board is
      // connected to on the first Run.
      this.el.state.dataset.state = 'idle';
      this.el.state.textContent = !board ? ''
        : board.kind === 'virtual' ? 'no VM yet · starts when you press Run'
        : board.ready ? `${board.ready} ready · connects when you press Run`      // its VM answered a probe
        : 'not connected yet · connects when you press Run';
      return;
    }
    this.el.state.dataset.state = known.state;
    this.el.state.textContent = known.state === 'ready' && known.detail
      ? `${known.detail} ready`                     // "VM v0.1.0 ready"
      : STATE_LABELS[known.state] + (known.detail ? ` · ${known.detail}` : '');
  }
}

function readChosenBoard(): string | null {
  try { return localStorage.getItem(CHOSEN_BOARD_KEY); } catch { return null; }
}
