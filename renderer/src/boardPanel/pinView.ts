// How a pin's reported state looks on the panel: an LED's brightness, and the words of the pin
// list. Pure functions, so they are tested without a page.
import type { PinReport } from '../../../main/common/api';

/** 0..1: a driven-high output is fully lit, a PWM pin glows with its duty, anything else is dark. */
export function ledBrightness(report: PinReport | undefined): number {
  if (!report) return 0;
  if (report.mode === 'pwm') return report.value / 65535;
  if (report.mode === 'output' || report.mode === 'open_drain') return report.value ? 1 : 0;
  return 0;
}

const MODE_WORDS: Record<PinReport['mode'], string> = {
  unused: 'unused', input: 'input', output: 'output', open_drain: 'open-drain', pwm: 'PWM', adc: 'ADC', bus: 'bus',
};

export function modeWord(report: PinReport): string {
  return MODE_WORDS[report.mode];
}

/** What the pin list says of a pin's value: a level, a duty in percent, a reading. */
export function valueWords(report: PinReport): string {
  switch (report.mode) {
    case 'pwm': return `duty ${(report.value * 100 / 65535).toFixed(1)} %`;
    case 'adc': return `${report.value}`;
    case 'bus': case 'unused': return '';
    default: return report.value ? 'high' : 'low';
  }
}
