// How a gallery card words an example's metadata: what of the board it uses, what to connect.
// Pure, so it is tested without a page.
import type { ExampleInfo } from '../../../main/common/api';

type Use = ExampleInfo['uses'][number];

const USE_WORDS: Record<Use, string> = {
  pin: 'pins', adc: 'analog input (ADC)', pwm: 'PWM', uart: 'UART', i2c: 'I2C', spi: 'SPI', timer: 'timer', threads: 'threads',
};

/** "Uses pins, PWM", or "Pure Python" for an example that needs nothing of the board. */
export function usesWords(uses: readonly Use[]): string {
  return uses.length ? `Uses ${uses.map(use => USE_WORDS[use]).join(', ')}` : 'Pure Python';
}

/** Whether the example touches the board's hardware (threads alone do not: they are the VM's). */
export function usesHardware(uses: readonly Use[]): boolean {
  return uses.some(use => use !== 'threads');
}

/** What a real board needs connected (the Virtual board has it built in when the example runs there). */
export function wiringWords(example: Pick<ExampleInfo, 'wiring' | 'virtual'>): string {
  if (!example.wiring) return 'Nothing to connect';
  return example.virtual ? `On a real board, connect ${example.wiring}; the Virtual board has it built in` : `Connect ${example.wiring}`;
}

/** "Runs on any board", or the names of the boards it is written for. */
export function boardsWords(boards: readonly string[], names: Readonly<Record<string, string>>): string {
  return boards.includes('any') ? 'Runs on any board' : `Written for ${boards.map(id => names[id] ?? id).join(', ')}`;
}
