// The device bar's board picker (ports refreshed every 2 s) and its Burn VM button.
import type { ViperApi } from '../../../main/common/api';
import { watchBoards, type BoardList } from '../boards/boardList';
import type { ProgramConsole } from '../console/programConsole';
import type { DeviceBar } from '../deviceBar';
import { createBurnDialog } from './burnDialog';

export interface InstallBoardsOptions {
  api: ViperApi;
  bar: DeviceBar;
  out: ProgramConsole;
  select: HTMLSelectElement;
  burnButton: HTMLButtonElement;
}

export function installBoardsAndBurn({ api, bar, out, select, burnButton }: InstallBoardsOptions): BoardList {
  const boards = watchBoards({ api, bar, out, select });
  const dialog = createBurnDialog({ api, bar, boards });
  burnButton.addEventListener('click', () => void dialog.open());
  return boards;
}
