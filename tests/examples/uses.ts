// What of the board an example's program uses, read from its source: the machine classes it
// names, board.UART()/I2C()/SPI(), the thread modules it imports and the built-in thread(). example.json's `uses` must
// say the same, since the gallery offers an example only to boards that have what it uses.
import type { ExampleUse as Use } from '../../main/common/exampleMeta';

const CLASSES: Record<string, Use> = { Pin: 'pin', ADC: 'adc', PWM: 'pwm', UART: 'uart', I2C: 'i2c', SPI: 'spi', Timer: 'timer' };
const THREAD_MODULES = /^\s*(?:import\s[^\n]*\b|from\s+)(?:_thread|threading|thread|queue)\b/m;
const THREAD_BUILTIN = /(?<![.\w])thread\s*\(/;   // Viper's built-in thread(fn, ...), not t.thread(

/** Each `uses` entry the files' code calls for, with the name that calls for it. */
export function usesInSource(files: Record<string, string>): Map<Use, string> {
  const found = new Map<Use, string>();
  for (const text of Object.values(files)) {
    const code = text.split('\n').map(line => line.replace(/#.*$/, '')).join('\n');   // comments may name anything
    for (const m of code.matchAll(/\b(Pin|ADC|PWM|UART|I2C|SPI|Timer)\s*[(.]/g)) found.set(CLASSES[m[1]], m[1]);
    if (THREAD_MODULES.test(code)) found.set('threads', 'a thread module');
    else if (THREAD_BUILTIN.test(code)) found.set('threads', 'thread()');
  }
  return found;
}

/** Where `uses` and the code disagree: one line each (none: they agree). */
export function usesMismatches(uses: readonly string[], files: Record<string, string>): string[] {
  const inCode = usesInSource(files);
  const problems: string[] = [];
  for (const [use, why] of inCode) if (!uses.includes(use)) problems.push(`uses lacks "${use}": the program uses ${why}`);
  for (const use of uses) if (!inCode.has(use as Use)) problems.push(`uses lists "${use}" but the program does not use it`);
  return problems;
}
