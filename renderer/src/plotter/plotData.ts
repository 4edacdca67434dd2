// The plotter's samples: a ring buffer of the last `capacity` lines of numbers, one column per
// series. Old samples fall off the front; a sample counter keeps counting, so the x axis is
// "sample number since the run started".
import { MAX_SERIES, type PlotLine } from './plotParser';

export class PlotData {
  readonly columns: Float64Array[] = [];
  readonly names: string[] = [];
  /** Samples received since the last clear, including those that fell off the front. */
  total = 0;

  constructor(readonly capacity: number) {}

  /** Samples held now. */
  get count(): number { return Math.min(this.total, this.capacity); }

  /** The sample number of the oldest sample held. */
  get first(): number { return this.total - this.count; }

  push(line: PlotLine): void {
    const slot = this.total % this.capacity;
    for (let s = 0; s < Math.min(line.values.length, MAX_SERIES); s++) {
      if (!this.columns[s]) {
        this.columns[s] = new Float64Array(this.capacity).fill(NaN);
        this.names[s] = line.names[s] ?? `value ${s + 1}`;
      }
    }
    for (let s = 0; s < this.columns.length; s++) this.columns[s][slot] = s < line.values.length ? line.values[s] : NaN;
    this.total++;
  }

  /** The i-th held sample of series s, oldest first. */
  at(s: number, i: number): number {
    return this.columns[s][(this.first + i) % this.capacity];
  }

  clear(): void {
    this.columns.length = 0;
    this.names.length = 0;
    this.total = 0;
  }

  toCsv(): string {
    const rows = [['sample', ...this.names.map(n => (/[",\n]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n))].join(',')];
    for (let i = 0; i < this.count; i++) {
      const row = [String(this.first + i)];
      for (let s = 0; s < this.columns.length; s++) {
        const v = this.at(s, i);
        row.push(Number.isNaN(v) ? '' : String(v));
      }
      rows.push(row.join(','));
    }
    return rows.join('\n') + '\n';
  }
}
