// The RAM the Virtual board emulates: a desktop program's (the heap grows on demand to 64 MB), or
// the heap a board's firmware gives the VM (VIPER_HEAP_SIZE in vm-firmware/ports/chibios/boards/
// <id>/viper_board.h; virtualRam.test.ts keeps the two equal), so a person can check that a
// program fits before it meets the board. No Node or Electron imports here.

export interface VirtualRamChoice {
  /** "desktop", or the firmware's board folder name. */
  id: string;
  label: string;
  /** The VM's heap in bytes; absent for the desktop's grow-on-demand heap. */
  heapBytes?: number;
}

export const VIRTUAL_RAM_CHOICES: readonly VirtualRamChoice[] = [
  { id: 'desktop', label: 'Desktop RAM (64 MB)' },
  { id: 'nucleo_f401re', label: 'Nucleo-F401RE (48 KB)', heapBytes: 48 * 1024 },
  { id: 'qemu_netduinoplus2', label: 'Netduino Plus 2 (64 KB)', heapBytes: 64 * 1024 },
];

export const DEFAULT_VIRTUAL_RAM = 'desktop';

export function findVirtualRam(id: string): VirtualRamChoice | undefined {
  return VIRTUAL_RAM_CHOICES.find(c => c.id === id);
}
