// The board the editor checks against comes from the device bar: the Virtual board and the QEMU
// board are their own ids ('virtual', 'qemu_netduinoplus2'); a serial port is the board its USB
// id, its VM or the person said it is (PortEntry.board). Unknown: no pin checks.
import type { BoardInfo, PortEntry } from '../../../main/common/api';

export function boardDefinitionId(board: BoardInfo | undefined, port: PortEntry | undefined): string | undefined {
  if (!board) return undefined;
  return board.kind === 'serial' ? port?.board : board.id;
}

/** Calls `apply` with the selected board's id now and whenever the picker's choice or list changes
 * (the list is rebuilt when a port learns which board it is). */
export function followSelectedBoard(select: HTMLSelectElement, selected: () => string | undefined, apply: (boardId: string | undefined) => void): void {
  const update = () => apply(selected());
  select.addEventListener('change', update);
  new MutationObserver(update).observe(select, { childList: true, subtree: true, characterData: true });
  update();
}
