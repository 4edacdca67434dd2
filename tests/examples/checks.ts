// Holds one run of an example (RunRecord) to its `test` (contract.ts): every way it falls short,
// in words a person fixing the example can act on. No failures: the example passes.
import { parsePlotLine } from '../../renderer/src/plotter/plotParser';
import { END_WITHIN_MS, virtualPinIndex, type ExampleTest } from './contract';
import type { RunRecord } from './runOnVirtualBoard';

/** Output lines as the console shows them (a last line without "\n" counts too). */
export function outputLines(output: string): string[] {
  const lines = output.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The values a pin took over the run, one per BOARD_STATE that listed it. */
function pinValues(record: RunRecord, pin: number, mode?: string): number[] {
  return record.states.flatMap(s => s.pins.filter(p => p.pin === pin && (mode === undefined || p.mode === mode)).map(p => p.value));
}

/** Level changes (0→1 or 1→0) of a pin seen in BOARD_STATE. */
export function toggles(record: RunRecord, pin: number): number {
  const values = pinValues(record, pin).map(v => (v ? 1 : 0));
  let changes = 0;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) changes++;
  return changes;
}

export function runFailures(test: ExampleTest, record: RunRecord): string[] {
  const failures: string[] = [];
  const fail = (what: string) => failures.push(what);
  const seconds = record.endedAtMs / 1000;

  // how it ended
  for (const e of record.exceptions) fail(`uncaught exception: ${e.type}: ${e.message}`);
  if (test.runMs === undefined) {
    if (record.status === 'timeout') fail(`did not end within ${END_WITHIN_MS / 1000} s (a program that loops forever needs runMs)`);
    else if (record.status !== 'ok') fail(`ended with status ${record.status}`);
  } else if (record.status !== 'stopped') {
    fail(record.status === 'ok' ? `ended by itself after ${record.endedAtMs} ms: runMs is for programs that loop forever`
      : `ended with status ${record.status} before runMs`);
  }
  if (record.vmStderr) fail(`the VM reported: ${record.vmStderr.trim()}`);

  // the console
  const lines = outputLines(record.output);
  if (test.stdout !== undefined && record.output !== test.stdout) {
    fail(`stdout differs:\n--- expected\n${test.stdout}\n--- got\n${record.output}`);
  }
  if (test.lines) {
    test.lines.forEach((re, i) => {
      if (i >= lines.length) fail(`line ${i + 1} missing (wanted /${re}/); the output has ${lines.length} lines`);
      else if (!new RegExp(re).test(lines[i])) fail(`line ${i + 1} ${JSON.stringify(lines[i])} does not match /${re}/`);
    });
  }
  for (const text of test.contains ?? []) if (!record.output.includes(text)) fail(`output lacks ${JSON.stringify(text)}`);
  if (test.plot) {
    const { min, max, atLeast } = test.plot;
    const plotted = lines.map(parsePlotLine).filter(p => p !== null);
    if (plotted.length < atLeast) fail(`the plotter would draw ${plotted.length} lines, fewer than ${atLeast}`);
    const outside = plotted.flatMap(p => p!.values).filter(v => !(v >= min && v <= max));
    if (outside.length) fail(`plotted values outside [${min}, ${max}]: ${outside.slice(0, 5).join(', ')}`);
  }

  // the board
  for (const [name, { togglesPerSecond: [low, high] }] of Object.entries(test.pins ?? {})) {
    const rate = seconds > 0 ? toggles(record, virtualPinIndex(name)) / seconds : 0;
    if (!(rate >= low && rate <= high)) fail(`${name} toggled ${rate.toFixed(2)} times a second, not within [${low}, ${high}]`);
  }
  for (const [name, { minDuty, maxDuty }] of Object.entries(test.pwm ?? {})) {
    const duties = pinValues(record, virtualPinIndex(name), 'pwm');
    if (duties.length === 0) fail(`${name} was never driven by PWM`);
    else {
      const lowest = Math.min(...duties), highest = Math.max(...duties);
      if (lowest > minDuty || highest < maxDuty) fail(`${name}'s duty_u16 spanned ${lowest}..${highest}, not ${minDuty}..${maxDuty}`);
    }
  }
  return failures;
}
