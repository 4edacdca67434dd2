// The plotter panel: numbers the program prints (see plotParser) drawn live as lines, one colour
// per series, over the last CAPACITY samples. Drawing happens at most once per animation frame.
// Pause freezes the picture (numbers printed meanwhile are not recorded); the picture and its
// numbers can be saved as PNG and CSV. The element's data-points says how many samples it holds.
import { PlotData } from './plotData';
import { createLineSplitter, parsePlotLine } from './plotParser';

const CAPACITY = 10_000;
const COLOURS = ['#ffcc66', '#82aaff', '#c3e88d', '#f07178', '#c792ea', '#89ddff', '#f78c6c', '#d8dee9'];
const GRID = '#2c3340';
const LABEL = '#8a93a6';

export interface Plotter {
  /** Program output, in chunks as it arrives. */
  output(text: string): void;
  /** A new run starts: forget the old numbers (unless paused, when the picture stays). */
  reset(): void;
}

export interface PlotterElements {
  panel: HTMLElement;         // gets data-points, data-series, data-paused
  canvas: HTMLCanvasElement;
  legend: HTMLElement;
  pause: HTMLButtonElement;
  exportCsv: HTMLButtonElement;
  exportPng: HTMLButtonElement;
  clear: HTMLButtonElement;
}

export function createPlotter(el: PlotterElements): Plotter {
  const data = new PlotData(CAPACITY);
  let paused = false;
  let frame = 0;
  const lines = createLineSplitter(line => {
    const parsed = parsePlotLine(line);
    if (parsed) {
      data.push(parsed);
      redraw();
    }
  });

  function redraw(): void {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  function draw(): void {
    // Attributes only when they change: each write makes the browser look at the styles again.
    setData('points', String(data.count));
    setData('series', String(data.columns.length));
    setData('empty', String(data.count === 0));
    showLegend();
    const { canvas } = el;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#14171d';
    g.fillRect(0, 0, width, height);
    if (data.count === 0 || width < 40 || height < 40) return;

    let lo = Infinity;
    let hi = -Infinity;
    for (const column of data.columns) {
      for (let i = 0; i < data.count; i++) {        // the ring's order does not matter here
        const v = column[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo === Infinity) return;                       // only gaps so far
    if (!(hi - lo > Math.abs(hi) * 1e-12)) {           // one value only: give it room around it
      const room = Math.max(1, Math.abs(hi) * 0.1);
      lo -= room;
      hi += room;
    }
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;

    const left = 60;
    const right = width - 8;
    const top = 8;
    const bottom = height - 20;
    const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
    const span = Math.max(1, data.count - 1);
    const x = (i: number) => left + (i / span) * (right - left);

    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    g.strokeStyle = GRID;
    g.fillStyle = LABEL;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let k = 0; k <= 4; k++) {
      const raw = lo + ((hi - lo) * k) / 4;
      const v = Math.abs(raw) < (hi - lo) * 1e-6 ? 0 : raw;       // not "4.9e-6" where 0 is meant
      const py = Math.round(y(v)) + 0.5;
      g.beginPath();
      g.moveTo(left, py);
      g.lineTo(right, py);
      g.stroke();
      g.fillText(formatTick(v), left - 6, py);
    }
    g.textAlign = 'left';
    g.textBaseline = 'alphabetic';
    g.fillText(String(data.first), left, height - 5);
    g.textAlign = 'right';
    g.fillText(String(data.total - 1), right, height - 5);

    g.lineWidth = 1.5;
    g.lineJoin = 'round';
    // More samples than pixel columns: each column is drawn as the span from its smallest to its
    // largest sample, so the picture is the same and the path stays about twice the width long.
    const columns = Math.max(1, Math.floor(right - left));
    const perColumn = data.count / columns;
    for (let s = 0; s < data.columns.length; s++) {
      g.strokeStyle = COLOURS[s % COLOURS.length];
      g.beginPath();
      if (perColumn <= 2) {
        let drawing = false;
        for (let i = 0; i < data.count; i++) {
          const v = data.at(s, i);
          if (Number.isNaN(v)) { drawing = false; continue; }
          if (drawing) g.lineTo(x(i), y(v));
          else g.moveTo(x(i), y(v));
          drawing = true;
        }
      } else {
        let drawing = false;
        for (let c = 0; c < columns; c++) {
          const from = Math.floor(c * perColumn);
          const to = Math.min(data.count, Math.floor((c + 1) * perColumn));
          let min = Infinity;
          let max = -Infinity;
          for (let i = from; i < to; i++) {
            const v = data.at(s, i);
            if (v < min) min = v;
            if (v > max) max = v;
          }
          if (min === Infinity) { drawing = false; continue; }
          const px = left + c + 0.5;
          if (drawing) g.lineTo(px, y(min));
          else g.moveTo(px, y(min));
          g.lineTo(px, y(max));
          drawing = true;
        }
      }
      g.stroke();
    }
  }

  function setData(key: string, value: string): void {
    if (el.panel.dataset[key] !== value) el.panel.dataset[key] = value;
  }

  let legendKey = '';
  function showLegend(): void {
    const key = data.names.join('\u0000');
    if (key === legendKey) return;
    legendKey = key;
    el.legend.replaceChildren(...data.names.map((name, s) => {
      const item = document.createElement('span');
      item.className = 'plot-series';
      item.style.setProperty('--series', COLOURS[s % COLOURS.length]);
      item.textContent = name;
      return item;
    }));
  }

  function setPaused(value: boolean): void {
    paused = value;
    el.panel.dataset.paused = String(paused);
    el.pause.textContent = paused ? '▶ Resume' : '❚❚ Pause';
    el.pause.title = paused ? 'Plot new numbers again' : 'Freeze the plot (numbers printed meanwhile are not plotted)';
    el.pause.setAttribute('aria-pressed', String(paused));
  }

  function download(name: string, blob: Blob): void {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  el.pause.addEventListener('click', () => {
    if (paused) lines.reset(true);              // output went by meanwhile: resume at a line start
    setPaused(!paused);
  });
  el.clear.addEventListener('click', () => { data.clear(); redraw(); });
  el.exportCsv.addEventListener('click', () => download('plot.csv', new Blob([data.toCsv()], { type: 'text/csv' })));
  el.exportPng.addEventListener('click', () => {
    draw();
    el.canvas.toBlob(blob => { if (blob) download('plot.png', blob); }, 'image/png');
  });
  new ResizeObserver(redraw).observe(el.canvas);
  setPaused(false);
  redraw();

  return {
    output(text) {
      if (!paused) lines.push(text);
    },
    reset() {
      lines.reset();
      if (paused) return;
      data.clear();
      redraw();
    },
  };
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toFixed(a >= 100 ? 0 : a >= 1 ? 2 : 3)));
}
