// Reads numbers out of program output for the plotter. A line is plotted when every item on it
// is a number, optionally named: `3.5`, `1 2 3`, `1, 2, 3`, `temp:21.5 hum:40`, `x=1,y=2`,
// `temp: 21.5 hum: 40`.
// Anything else (`count 3`, `x = 3`, a traceback) is ordinary output and is not plotted.

export interface PlotLine {
  values: number[];
  /** A name per value; unnamed values are undefined. */
  names: (string | undefined)[];
}

export const MAX_SERIES = 8;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_A_NUMBER = /^[+-]?(?:inf|nan)$/;       // what Python prints for float('inf') and float('nan')
const NAMED = /^([A-Za-z_][\w.]*)[:=](.+)$/;
const LABEL_ALONE = /^([A-Za-z_][\w.]*)[:=]$/;

function toNumber(text: string): number | undefined {
  if (NUMBER.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : NaN;   // 1e999: beyond a float, a gap like inf
  }
  if (NOT_A_NUMBER.test(text)) return NaN;       // kept as a gap in its series
  return undefined;
}

export function parsePlotLine(line: string): PlotLine | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.length > 400) return null;
  const items = trimmed.split(/[\s,;]+/).filter(Boolean);
  if (items.length > 2 * MAX_SERIES) return null;
  const values: number[] = [];
  const names: (string | undefined)[] = [];
  let label: string | undefined;              // `temp: 21.5` — print("temp:", t) — names the next value
  for (const item of items) {
    const alone = LABEL_ALONE.exec(item);
    if (alone && label === undefined) { label = alone[1]; continue; }
    const named = NAMED.exec(item);
    const value = toNumber(named ? named[2] : item);
    if (value === undefined) return null;
    values.push(value);
    names.push(named?.[1] ?? label);
    label = undefined;
  }
  if (label !== undefined || values.length === 0 || values.length > MAX_SERIES) return null;
  return { values, names };
}

/** Cuts a stream of output chunks into whole lines; a line that never ends is dropped past `maxLine`. */
export function createLineSplitter(onLine: (line: string) => void, maxLine = 1000) {
  let partial = '';
  return {
    push(text: string): void {
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
        onLine(partial + text.slice(start, nl));
        partial = '';
        start = nl + 1;
      }
      partial += text.slice(start);
      if (partial.length > maxLine) partial = '\u0000';    // poisoned: this line is not numbers
    },
    /** Forgets the unfinished line; `midLine`: what comes next until a newline is not a whole line. */
    reset(midLine = false): void { partial = midLine ? '\u0000' : ''; },
  };
}
