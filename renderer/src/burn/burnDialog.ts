// "Burn VM": puts the Viper VM onto a board. The person picks one of the boards Viper has firmware
// for (boards/*.json, through listBurnBoards), one of that board's ways to burn it and the port or
// drive; the dialog says whether the board was ever tested (a board *untested on hardware* must be
// acknowledged before Burn does anything) and, when no image is built, how to build one. A
// progress bar follows the main side's 'burn' events; Cancel stops it; a failure says what to do.
import { METHOD_TEXT, STATE_TEXT } from '../../../compiler/src/hardware/boardFirmware';
import type { BurnBoardInfo, BurnMethod, DeviceEvent, ViperApi } from '../../../main/common/api';
import type { BoardList } from '../boards/boardList';
import type { DeviceBar } from '../deviceBar';
import { button, createModal, el } from '../projects/modal';
import './burn.css';

/** Each way's name (shared with docs/firmware.md) and what the target field asks for. */
const METHODS: Record<BurnMethod, { label: string; target: string }> = {
  'samba': { label: METHOD_TEXT.samba, target: 'Serial port of the programming port' },
  'stlink-drive': { label: METHOD_TEXT['stlink-drive'], target: 'Folder where the board’s USB drive is mounted' },
  'stm32-uart': { label: METHOD_TEXT['stm32-uart'], target: 'Serial port wired to USART1' },
  'dfu': { label: METHOD_TEXT.dfu, target: 'Serial number of the bootloader (empty: the only one connected; BOOT0 high, user USB port)' },
};

const STATES: Record<BurnBoardInfo['state'], string> = {
  qemu: 'Tested under QEMU.',
  untested: 'Untested on hardware: this VM image builds for the board, but nobody has run it on one yet. ' +
    'If it does not start, the board’s own bootloader can still take another image.',
};

/** How the board picker names a board: "ST Nucleo-F401RE — untested on hardware". */
export function boardLabel(b: BurnBoardInfo): string {
  return `${b.name} — ${STATE_TEXT[b.state]}`;
}

const PHASES: Record<Extract<DeviceEvent, { kind: 'burn' }>['phase'], string> = {
  connect: 'Connecting', erase: 'Erasing', write: 'Writing', verify: 'Checking', boot: 'Starting the VM',
};

export interface BurnDialogOptions {
  api: ViperApi;
  bar: DeviceBar;
  boards: BoardList;
}

export function createBurnDialog({ api, bar, boards }: BurnDialogOptions): { open(): Promise<void> } {
  let burning: string | null = null;       // the target being burnt
  const modal = createModal('Burn the Viper VM', 'burn-dialog');
  modal.dialog.addEventListener('cancel', event => { if (burning) event.preventDefault(); });   // Escape must not hide a running burn

  let infos: BurnBoardInfo[] = [];
  const info = () => infos.find(b => b.id === board.value);
  const board = el('select', { testId: 'burn-board' });
  const method = el('select', { testId: 'burn-method' });
  const state = el('div', { className: 'burn-state', testId: 'burn-state' });
  const untestedOk = el('input', { testId: 'burn-untested-ok' });
  untestedOk.type = 'checkbox';
  const untestedRow = el('label', { className: 'burn-untested' }, untestedOk, 'I know this board is untested on hardware: burn it anyway');
  const imageNote = el('div', { className: 'modal-hint', testId: 'burn-image' });
  const target = el('input', { testId: 'burn-target' });
  target.spellcheck = false;
  const targetLabel = el('span');
  const progress = el('progress', { testId: 'burn-progress' });
  progress.max = 1;
  progress.value = 0;
  const phase = el('div', { className: 'burn-phase', testId: 'burn-phase' });
  phase.setAttribute('role', 'status');
  const error = el('div', { className: 'modal-error', testId: 'burn-error' });
  error.setAttribute('role', 'alert');
  const hint = el('div', { className: 'modal-hint', testId: 'burn-hint' });
  const start = button('Burn', 'burn-start', () => void burn(), 'primary');
  const cancel = button('Close', 'burn-cancel', () => {
    if (burning) void api.cancelBurn({ target: burning });
    else modal.close();
  });
  modal.body.append(
    el('p', { className: 'burn-intro', text: 'This writes the Viper VM onto the board once; after that, Run sends your programs to it.' }),
    el('label', { className: 'modal-label' }, 'Board', board),
    state, untestedRow, imageNote,
    el('label', { className: 'modal-label' }, 'How', method),
    el('label', { className: 'modal-label' }, targetLabel, target),
    progress, phase, error, hint);
  modal.footer.append(cancel, start);

  const showTargetLabel = () => { targetLabel.textContent = METHODS[method.value as BurnMethod]?.target ?? 'Where the board is'; };
  /** The picked board's methods (first = preferred), state and image. */
  function showBoard(): void {
    const b = info();
    method.replaceChildren(...(b?.methods ?? []).map(m => new Option(METHODS[m]?.label ?? m, m)));
    state.textContent = b ? STATES[b.state] : '';
    state.dataset.state = b?.state ?? '';
    untestedRow.hidden = b?.state !== 'untested';
    untestedOk.checked = false;
    imageNote.textContent = !b ? '' : b.image ? `VM v${b.image.vmVersion} is built for it (feature level ${b.level}).`
      : `No VM image is built for this board yet. ${b.buildHint}`;
    showTargetLabel();
  }
  method.addEventListener('change', showTargetLabel);
  board.addEventListener('change', () => { error.textContent = ''; hint.textContent = ''; showBoard(); });

  api.onEvent(event => {
    if (event.kind !== 'burn' || event.boardId !== burning) return;
    progress.max = Math.max(1, event.total);
    progress.value = event.done;
    const percent = event.total ? ` ${Math.floor((100 * event.done) / event.total)}%` : '';
    phase.textContent = `${PHASES[event.phase]}…${percent}`;
  });

  function setBusy(busy: boolean): void {
    for (const input of [board, method, target, start, untestedOk]) input.disabled = busy;
    cancel.textContent = busy ? 'Cancel' : 'Close';
  }

  async function burn(): Promise<void> {
    error.textContent = '';
    hint.textContent = '';
    const where = target.value.trim();
    if (info()?.state === 'untested' && !untestedOk.checked) {
      error.textContent = 'This board is untested on hardware: tick the box above to burn it anyway.';
      untestedOk.focus();
      return;
    }
    if (!where) {
      error.textContent = 'Say where the board is: its serial port, or the folder of its USB drive.';
      target.focus();
      return;
    }
    burning = where;
    setBusy(true);
    progress.value = 0;
    phase.textContent = 'Starting…';
    try {
      const result = await api.burnVm({ board: board.value, method: method.value as BurnMethod, target: where });
      if (result.ok) {
        progress.value = progress.max;
        phase.textContent = `Done: VM v${result.vmVersion} is on the board. Pick it and press Run.`;
      } else {
        phase.textContent = result.cancelled ? 'Cancelled.' : 'Failed.';
        error.textContent = capitalise(result.error) + '.';
        hint.textContent = result.hint;
      }
    } catch (err) {
      phase.textContent = 'Failed.';
      error.textContent = (err as Error).message;
    } finally {
      burning = null;
      setBusy(false);
    }
  }

  return {
    async open() {
      // Start from the board picked in the bar when it is a port.
      const port = boards.port(bar.selectedBoard()?.id ?? '');
      if (!burning) {
        // Asked each time: an image built while the IDE runs shows up.
        const picked = board.value;
        try {
          infos = await api.listBurnBoards();
        } catch (err) {
          error.textContent = `Could not list the boards: ${(err as Error).message}`;
        }
        board.replaceChildren(...infos.map(b => new Option(boardLabel(b), b.id)));
        if (port?.board && infos.some(b => b.id === port.board)) board.value = port.board;
        else if (infos.some(b => b.id === picked)) board.value = picked;
        showBoard();
        if (port) target.value = port.path;
        if (!error.textContent) phase.textContent = '';
      }
      modal.open();
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
