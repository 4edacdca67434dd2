// "Burn VM": puts the Viper VM onto a board. The person picks the board type, the way to burn it
// and the port or drive; a progress bar follows the main side's 'burn' events; Cancel stops it;
// a failure shows what happened and what to do (where no VM image exists, how to build one).
import type { BurnMethod, DeviceEvent, ViperApi } from '../../../main/common/api';
import type { BoardList } from '../boards/boardList';
import type { DeviceBar } from '../deviceBar';
import { button, createModal, el } from '../projects/modal';
import './burn.css';

const METHODS: Record<BurnMethod, { label: string; target: string }> = {
  'samba': { label: 'SAM-BA bootloader (Arduino Due)', target: 'Serial port of the programming port' },
  'stlink-drive': { label: 'ST-LINK drive (Nucleo, Discovery)', target: 'Folder where the board’s USB drive is mounted' },
  'stm32-uart': { label: 'STM32 serial bootloader (BOOT0 high)', target: 'Serial port wired to USART1' },
  'dfu': { label: 'STM32 USB DFU bootloader with dfu-util (BOOT0 high)', target: 'Serial number of the bootloader (empty: the only one connected)' },
};

const PHASES: Record<Extract<DeviceEvent, { kind: 'burn' }>['phase'], string> = {
  connect: 'Connecting', erase: 'Erasing', write: 'Writing', verify: 'Checking', boot: 'Starting the VM',
};

/** The usual way to burn a board: by its id. */
export function defaultMethod(board: string): BurnMethod {
  if (board === 'arduino_due') return 'samba';
  if (board.startsWith('nucleo_')) return 'stlink-drive';
  if (board === 'stm32f4_discovery') return 'dfu';
  return 'stm32-uart';
}

export interface BurnDialogOptions {
  api: ViperApi;
  bar: DeviceBar;
  boards: BoardList;
}

export function createBurnDialog({ api, bar, boards }: BurnDialogOptions): { open(): Promise<void> } {
  let burning: string | null = null;       // the target being burnt
  const modal = createModal('Burn the Viper VM', 'burn-dialog');
  modal.dialog.addEventListener('cancel', event => { if (burning) event.preventDefault(); });   // Escape must not hide a running burn

  const board = el('select', { testId: 'burn-board' });
  const method = el('select', { testId: 'burn-method' });
  method.append(...Object.entries(METHODS).map(([id, m]) => new Option(m.label, id)));
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
    el('label', { className: 'modal-label' }, 'How', method),
    el('label', { className: 'modal-label' }, targetLabel, target),
    progress, phase, error, hint);
  modal.footer.append(cancel, start);

  const showTargetLabel = () => { targetLabel.textContent = METHODS[method.value as BurnMethod].target; };
  method.addEventListener('change', showTargetLabel);
  board.addEventListener('change', () => { method.value = defaultMethod(board.value); showTargetLabel(); });

  api.onEvent(event => {
    if (event.kind !== 'burn' || event.boardId !== burning) return;
    progress.max = Math.max(1, event.total);
    progress.value = event.done;
    const percent = event.total ? ` ${Math.floor((100 * event.done) / event.total)}%` : '';
    phase.textContent = `${PHASES[event.phase]}…${percent}`;
  });

  function setBusy(busy: boolean): void {
    for (const input of [board, method, target, start]) input.disabled = busy;
    cancel.textContent = busy ? 'Cancel' : 'Close';
  }

  async function burn(): Promise<void> {
    error.textContent = '';
    hint.textContent = '';
    const where = target.value.trim();
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
      if (!board.options.length) {
        const names = await boards.knownBoards().catch(() => ({} as Record<string, string>));
        board.append(...Object.entries(names).map(([id, name]) => new Option(name, id)));
      }
      // Start from the board picked in the bar when it is a port.
      const port = boards.port(bar.selectedBoard()?.id ?? '');
      if (!burning) {
        if (port?.board && [...board.options].some(o => o.value === port.board)) board.value = port.board;
        method.value = defaultMethod(board.value);
        if (port) target.value = port.path;
        showTargetLabel();
        if (!error.textContent) phase.textContent = '';
      }
      modal.open();
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
