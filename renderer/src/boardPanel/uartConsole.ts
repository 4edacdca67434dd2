// The UART console tab: what the Virtual board's UART sent (UART_OUT), and a line to type into it
// (UART_RX; Enter sends the line with "\n"; a line the board did not take stays in the field).
// A plain log: a serial console's text, not a terminal.
import { el } from '../projects/modal';

/** The log keeps at most this much of the newest text. */
const MAX_LOG_CHARS = 200_000;

export interface UartConsole {
  element: HTMLElement;
  received(text: string): void;
}

/** `send` resolves true when the board took the text. */
export function createUartConsole(bus: number, send: (text: string) => Promise<boolean>): UartConsole {
  const log = el('pre', { className: 'uart-log', testId: `uart-log-${bus}` });
  log.setAttribute('aria-live', 'polite');
  const input = el('input', { className: 'uart-input', testId: `uart-input-${bus}` });
  input.placeholder = `Type to UART ${bus}, Enter sends`;
  input.setAttribute('aria-label', `Text to send to UART ${bus}`);
  input.addEventListener('keydown', event => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const line = input.value;
    input.value = '';
    void send(line + '\n').then(taken => {
      if (!taken && !input.value) input.value = line;       // nothing typed since: give the line back
    });
  });
  const element = el('div', { className: 'uart-console' }, log, input);

  return {
    element,
    received(text) {
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      let all = (log.textContent ?? '') + text;
      if (all.length > MAX_LOG_CHARS) all = all.slice(all.length - MAX_LOG_CHARS);
      log.textContent = all;
      if (atBottom) log.scrollTop = log.scrollHeight;
    },
  };
}
