// The board panel beside the console. While the Virtual board is selected it shows that board's
// parts (LEDs, buttons, knobs, the sensor) and a UART console tab; for a real board that reports
// its pins it shows the same pin list, read-only. Pin states come as 'pins' events (the whole
// table each time), UART text as 'uart' events; what the person does goes out as boardInput.
import type { BoardInfo, BoardPanelInput, DeviceEvent, PinReport, ViperApi } from '../../../main/common/api';
import { findBoardDefinition, loadBoardDefinition, type BoardDefinition, type VirtualParts } from '../../../main/common/boardDefinitions';
import type { DeviceBar } from '../deviceBar';
import { el } from '../projects/modal';
import { createInputQueue } from './inputQueue';
import { createPinTable } from './pinTable';
import { createUartConsole, type UartConsole } from './uartConsole';
import { createVirtualParts } from './virtualParts';
import './boardPanel.css';

export interface BoardPanelElements {
  /** The pane (hidden while no board has anything to show) and the workspace that makes room for it. */
  pane: HTMLElement;
  workspace: HTMLElement;
}

export interface BoardPanel {
  noteEvent(event: DeviceEvent): void;
  /** A program is about to be sent: its pins start afresh (the UART's log stays, as a serial console's would). */
  programStarted(): void;
  /** The board has started the program, from a fresh VM whose knobs and sensor are at their defaults. */
  programRunning(): void;
  /** Shows the pane on `tab` for the selected board even before it reports a pin (a cloned
   *  example that uses the board); the UART tab only on the Virtual board. */
  reveal(tab: 'board' | 'uart'): void;
}

/** What one board last reported. */
interface Reported { board?: BoardDefinition; pins: Map<number, PinReport> }

const VIRTUAL = findBoardDefinition('virtual') as BoardDefinition & { virtual: VirtualParts };
/** The Virtual board's id in the board list (the main side's VIRTUAL_BOARD_ID). */
const VIRTUAL_BOARD = 'virtual';

export function createBoardPanel(api: ViperApi, bar: DeviceBar, elements: BoardPanelElements): BoardPanel {
  const reported = new Map<string, Reported>();
  const previousState = new Map<string, string>();
  const note = el('p', { className: 'board-note', testId: 'board-note' });
  note.setAttribute('role', 'status');
  const queue = createInputQueue(
    async (boardId, input) => {
      await api.boardInput({ boardId, input });
      note.textContent = '';
    },
    err => { note.textContent = err.message; },
  );
  const virtualId = () => (bar.selectedBoard()?.kind === 'virtual' ? bar.selectedBoard()?.id : undefined);
  const send = (input: BoardPanelInput, key?: string): Promise<boolean> => {
    const boardId = virtualId();
    return boardId ? queue.push(boardId, input, key) : Promise.resolve(false);
  };

  const parts = createVirtualParts(VIRTUAL, send);
  const pinTable = createPinTable();
  const uarts = new Map<number, UartConsole>();
  const uartBus = VIRTUAL.virtual.uart_console.bus;
  uarts.set(uartBus, createUartConsole(uartBus, text => send({ kind: 'uart', bus: uartBus, text })));

  // Two tabs: the board (parts and pin list), and the UART console.
  const heading = el('span', { className: 'board-heading', testId: 'board-heading', text: 'Board' });
  const boardTab = el('button', { className: 'board-tab small', testId: 'board-tab-board', text: 'Board' });
  const uartTab = el('button', { className: 'board-tab small', testId: `board-tab-uart-${uartBus}`, text: `UART ${uartBus}` });
  const boardPage = el('div', { className: 'board-page', testId: 'board-page' }, note, parts.element, pinTable.element);
  const uartPage = el('div', { className: 'board-page uart-page' }, (uarts.get(uartBus) as UartConsole).element);
  const title = el('div', { className: 'pane-title' }, heading, el('span', { className: 'spacer' }), boardTab, uartTab);
  elements.pane.replaceChildren(title, boardPage, uartPage);
  let tab: 'board' | 'uart' = 'board';
  let revealedFor: string | undefined;    // the board the pane was asked to show, reports or not
  const showTab = (which: 'board' | 'uart') => {
    tab = which;
    boardPage.hidden = which !== 'board';
    uartPage.hidden = which !== 'uart';
    boardTab.setAttribute('aria-selected', String(which === 'board'));
    uartTab.setAttribute('aria-selected', String(which === 'uart'));
    if (which === 'uart') delete uartTab.dataset.unread;
  };
  for (const [button, which] of [[boardTab, 'board'], [uartTab, 'uart']] as const) {
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.addEventListener('click', () => showTab(which));
  }
  showTab('board');

  function render(): void {
    const board: BoardInfo | undefined = bar.selectedBoard();
    const seen = board ? reported.get(board.id) : undefined;
    const isVirtual = board?.kind === 'virtual';
    const visible = isVirtual || (seen !== undefined && seen.pins.size > 0) || (board !== undefined && board.id === revealedFor);
    elements.pane.hidden = !visible;
    elements.workspace.classList.toggle('with-board', visible);
    if (!visible || !board) return;
    elements.pane.dataset.board = board.id;
    elements.pane.dataset.readonly = String(!isVirtual);
    heading.textContent = isVirtual ? 'Virtual board' : `${board.name} · read-only`;
    parts.element.hidden = !isVirtual;
    uartTab.hidden = !isVirtual;
    if (!isVirtual && tab === 'uart') showTab('board');
    const pins = seen?.pins ?? new Map<number, PinReport>();
    if (isVirtual) parts.showPins(pins);
    pinTable.show(seen?.board ?? (isVirtual ? VIRTUAL : undefined), [...pins.values()]);
  }

  function forget(boardId: string): void {
    reported.delete(boardId);
    if (boardId === VIRTUAL_BOARD) parts.releaseAll(false);         // no VM to tell
  }

  bar.onSelect(render);
  window.addEventListener('blur', () => parts.releaseAll(true));   // a button held when the window lost the pointer
  render();

  return {
    noteEvent(event) {
      const selected = bar.selectedBoard()?.id;
      switch (event.kind) {
        case 'pins': {
          const seen: Reported = { board: findBoardDefinition(event.board), pins: new Map(event.pins.map(p => [p.pin, p])) };
          reported.set(event.boardId, seen);
          if (!seen.board) {
            // A real board's definition loads once; meanwhile its pins are "pin 5".
            void loadBoardDefinition(event.board).then(board => {
              if (!board || reported.get(event.boardId) !== seen) return;
              seen.board = board;
              if (event.boardId === bar.selectedBoard()?.id) render();
            });
          }
          if (event.boardId === selected) render();
          return;
        }
        case 'uart': {
          // Kept while another board is selected, as a serial console would keep it.
          const uart = event.boardId === VIRTUAL_BOARD ? uarts.get(event.bus) : undefined;
          if (!uart) return;
          uart.received(event.text);
          if (tab !== 'uart') uartTab.dataset.unread = 'true';
          return;
        }
        case 'state': {
          const before = previousState.get(event.boardId);
          previousState.set(event.boardId, event.state);
          if (event.state === 'disconnected') forget(event.boardId);
          // A new VM starts from its defaults: tell it what the panel shows, and ask for its pins.
          if (event.boardId === virtualId() && event.state === 'ready' && before === 'connecting') {
            parts.resendSettings();
            void queue.push(event.boardId, { kind: 'snapshot' });
          }
          if (event.boardId === selected) render();
          return;
        }
        default:
          return;
      }
    },
    programStarted() {
      const selected = bar.selectedBoard()?.id;
      if (!selected) return;
      reported.delete(selected);
      render();
    },
    programRunning() {
      // Each run starts a fresh VM (machine_reset puts the knobs half way): the panel's settings
      // follow at once. A program reading a knob in its first moment sees the default; the VM
      // keeping the knobs across a reset (as it keeps the sensor's values) would close that gap.
      note.textContent = '';                              // "press Run first" is old news
      if (virtualId()) parts.resendSettings();
    },
    reveal(which) {
      const board = bar.selectedBoard();
      if (!board) return;
      revealedFor = board.id;
      showTab(which === 'uart' && board.kind === 'virtual' ? 'uart' : 'board');
      render();
    },
  };
}
