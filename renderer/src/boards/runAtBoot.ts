// The device bar's "Run at boot" switch, and what the selected board keeps in its
// program storage (the 'program' events: INFO when a session opens, STATE after each upload).
// Every kind of board stores the program Run sends; a board whose VM is too old to report it
// (link protocol v1) cannot be asked to run it at boot, and the switch says so.
import type { BoardInfo, DeviceEvent, StoredProgram } from '../../../main/common/api';

/** What the bar says the board keeps; '' while nothing is known (no session yet). */
export function storedProgramText(program: StoredProgram | undefined): string {
  if (!program) return '';
  if (!program.keeps) return 'VM too old for run at boot';
  if (!program.stored) return 'no program stored';
  return program.runAtBoot ? 'program runs at boot' : 'program stored';
}

export type RunAtBootOffer = { shown: false } | { shown: true; enabled: boolean; title: string };

const HOW_IT_WORKS = 'Run stores main.py on the board. Ticked, the board also runs it by itself whenever it starts ' +
  '(reset or power), without Viper. To skip it, hold the board\'s button while resetting it, or press Stop within its first second.';

/** Whether the switch is offered for `board`, as what `program` says its VM can do. */
export function runAtBootOffer(board: BoardInfo | undefined, program: StoredProgram | undefined): RunAtBootOffer {
  if (!board || board.unavailable) return { shown: false };
  if (program && !program.keeps) {
    return { shown: true, enabled: false, title: 'The VM on this board is too old to keep a program to run at boot: burn the VM that comes with Viper onto it.' };
  }
  const note = board.kind === 'virtual'
    ? ' The Virtual board keeps it in Viper\'s settings, as a board keeps it in flash, and runs it whenever Viper starts the Virtual board.'
    : board.kind === 'qemu' ? ' The QEMU board keeps it across its resets; Viper starts it empty.' : '';
  return { shown: true, enabled: true, title: HOW_IT_WORKS + note };
}

export interface RunAtBootElements {
  /** The label around the checkbox (hidden when the selected board has no storage to offer). */
  label: HTMLElement;
  box: HTMLInputElement;
  /** Where the selected board's stored-program state is shown. */
  program: HTMLElement;
}

export interface RunAtBootSwitch {
  /** Whether Run should ask the selected board to run the program at boot; undefined while the
   *  person has not set the switch and the board has not said: the board then keeps what it had. */
  runAtBoot(): boolean | undefined;
  /** The selected board may have changed: show its switch and stored program. */
  refresh(): void;
  noteEvent(event: DeviceEvent): void;
}

/**
 * `selected` gives the selected board. The switch is remembered per board; until the person sets
 * it for a board, it follows what that board reports (a board already running its program at
 * boot keeps doing so when Run sends it a new one), and before the board has said anything Run
 * leaves the choice to what the board has.
 */
export function createRunAtBootSwitch(el: RunAtBootElements, selected: () => BoardInfo | undefined): RunAtBootSwitch {
  const programs = new Map<string, StoredProgram>();
  const chosen = new Map<string, boolean>();

  function refresh(): void {
    const board = selected();
    const program = board ? programs.get(board.id) : undefined;
    const offer = runAtBootOffer(board, program);
    el.label.hidden = !offer.shown;
    el.program.textContent = board ? storedProgramText(program) : '';
    if (!offer.shown || !board) return;
    el.box.disabled = !offer.enabled;
    el.label.title = offer.title;
    el.box.checked = offer.enabled && (chosen.get(board.id) ?? (program?.keeps === true && program.runAtBoot));
  }

  el.box.addEventListener('change', () => {
    const board = selected();
    if (board) chosen.set(board.id, el.box.checked);
  });

  return {
    runAtBoot() {
      const board = selected();
      if (!board || el.box.disabled || el.label.hidden) return false;
      if (!chosen.has(board.id) && !programs.has(board.id)) return undefined;
      return el.box.checked;
    },
    refresh,
    noteEvent(event) {
      if (event.kind === 'program') programs.set(event.boardId, event.program);
      else if (event.kind === 'state' && event.state === 'disconnected') programs.delete(event.boardId);   // unknown until it answers again
      else return;
      if (event.boardId === selected()?.id) refresh();
    },
  };
}
