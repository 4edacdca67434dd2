// The Virtual board's RAM: beside the board picker while the Virtual board is chosen. A person
// picks a board's heap to see whether a program fits it (MemoryError as on the board) or the
// desktop's. The choice is remembered here and told to the main side, which restarts the VM.
import type { ViperApi } from '../../../main/common/api';
import { DEFAULT_VIRTUAL_RAM, findVirtualRam, VIRTUAL_RAM_CHOICES } from '../../../main/common/virtualRam';
import type { ProgramConsole } from '../console/programConsole';

const CHOSEN_RAM_KEY = 'viper.virtualRam';

export function installVirtualRamPicker(api: ViperApi, select: HTMLSelectElement, out: ProgramConsole): void {
  select.replaceChildren(...VIRTUAL_RAM_CHOICES.map(c => new Option(c.label, c.id)));
  const saved = readChosenRam();
  select.value = saved && findVirtualRam(saved) ? saved : DEFAULT_VIRTUAL_RAM;
  void tell(false);                 // the main side starts at the default; this window's choice wins

  select.addEventListener('change', () => {
    try { localStorage.setItem(CHOSEN_RAM_KEY, select.value); } catch { /* not essential */ }
    void tell(true);
  });

  async function tell(announce: boolean): Promise<void> {
    const choice = findVirtualRam(select.value)!;
    try {
      await api.setVirtualBoardRam({ ram: choice.id });
      if (announce) out.note(`The Virtual board's heap is now ${choice.label}; the VM starts afresh at the next Run.`);
    } catch (err) {
      out.error(`Could not change the Virtual board's RAM: ${(err as Error).message}`);
    }
  }
}

function readChosenRam(): string | null {
  try { return localStorage.getItem(CHOSEN_RAM_KEY); } catch { return null; }
}
