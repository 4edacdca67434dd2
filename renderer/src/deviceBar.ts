// The bar above the editor: which board to run on, what that board is doing, Run and Stop.
import type { BoardInfo, BoardState, DeviceEvent } from '../../main/common/api';

const CHOSEN_BOARD_KEY = 'viper.board';

const STATE_LABELS: Record<BoardState, string> = {
  disconnected: 'not connected',
  connecting: 'connecting…',
  ready: 'ready',
  running: 'running',
  busy: 'busy',
};

export interface DeviceBarElements {
  select: HTMLSelectElement;
  state: HTMLElement;
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
}

export class DeviceBar {
  private boards: BoardInfo[] = [];
  private readonly states = new Map<string, { state: BoardState; detail?: string }>();

  constructor(private readonly el: DeviceBarElements) {
    el.select.addEventListener('change', () => {
      try { localStorage.setItem(CHOSEN_BOARD_KEY, el.select.value); } catch { /* not essential */ }
      this.showState();
    });
  }

  selectedBoard(): BoardInfo | undefined {
    return this.boards.find(b => b.id === this.el.select.value);
  }

  showBoards(boards: BoardInfo[]): void {
    this.boards = boards;
    const previous = this.el.select.value || readChosenBoard();
    this.el.select.replaceChildren(...boards.map(b => new Option(b.name, b.id)));
    if (boards.length === 0) {
      const none = new Option('No boards found', '');
      none.disabled = true;
      this.el.select.append(none);
    }
    if (boards.some(b => b.id === previous)) this.el.select.value = previous ?? '';
    this.el.select.disabled = boards.length === 0;
    this.showState();
  }

  /** Remembers state events for every board and shows the selected board's. */
  noteEvent(event: DeviceEvent): void {
    if (event.kind !== 'state') return;
    this.states.set(event.boardId, { state: event.state, detail: event.detail });
    if (event.boardId === this.el.select.value) this.showState();
  }

  /** While a run request is on its way, a second press of Run would only queue confusion. */
  setRunPending(pending: boolean): void {
    this.el.run.disabled = pending;
  }

  private showState(): void {
    const known = this.states.get(this.el.select.value) ?? { state: 'disconnected' as const };
    this.el.state.dataset.state = known.state;
    this.el.state.textContent = STATE_LABELS[known.state] + (known.detail ? ` · ${known.detail}` : '');
  }
}

function readChosenBoard(): string | null {
  try { return localStorage.getItem(CHOSEN_BOARD_KEY); } catch { return null; }
}
