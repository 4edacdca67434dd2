// Breakpoints in the editor: a gutter left of the line numbers; a click toggles one, a right-click
// asks for its condition, hit count or log message. They live in each file's EditorState, so they
// move with the lines as the person edits, and every file keeps its own.
import { RangeSet, RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { EditorView, gutter, GutterMarker } from '@codemirror/view';

/** What a breakpoint does besides stopping (DAP SourceBreakpoint's options). */
export interface BreakpointOptions { condition?: string; hitCondition?: string; logMessage?: string }
export interface Breakpoint extends BreakpointOptions { line: number }

class BreakpointMarker extends GutterMarker {
  constructor(readonly options: BreakpointOptions, readonly verified: boolean) { super(); }
  override eq(other: BreakpointMarker): boolean {
    return other.verified === this.verified && JSON.stringify(other.options) === JSON.stringify(this.options);
  }
  override toDOM(): Node {
    const dot = document.createElement('span');
    const { condition, hitCondition, logMessage } = this.options;
    dot.className = 'cm-breakpoint';
    dot.dataset.testid = 'breakpoint';
    dot.dataset.kind = logMessage ? 'log' : condition || hitCondition ? 'conditional' : 'plain';
    dot.dataset.verified = String(this.verified);
    dot.textContent = logMessage ? '◆' : '●';
    dot.title = [
      logMessage ? `logs: ${logMessage}` : 'stops here',
      condition ? `when ${condition}` : '',
      hitCondition ? `hit count ${hitCondition}` : '',
      this.verified ? '' : '(no code on this line: it moves to the next line with code when debugging)',
    ].filter(Boolean).join(' · ');
    return dot;
  }
}

/** Gives the gutter its width; never shown. */
class SpacerMarker extends GutterMarker {
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'cm-breakpoint';
    dot.textContent = '●';
    return dot;
  }
}

/** Sets (options) or removes (null) the breakpoint on the line at `pos`. */
export const setBreakpoint = StateEffect.define<{ pos: number; options: BreakpointOptions | null }>({
  map: (value, mapping) => ({ ...value, pos: mapping.mapPos(value.pos) }),
});
/** Replaces a file's breakpoints (the debugger moved them to lines with code). */
export const replaceBreakpoints = StateEffect.define<{ breakpoints: Breakpoint[]; unverified: number[] }>();

const breakpointField = StateField.define<RangeSet<BreakpointMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setBreakpoint)) {
        const from = tr.state.doc.lineAt(effect.value.pos).from;
        set = set.update({ filter: at => at !== from });
        if (effect.value.options) set = set.update({ add: [new BreakpointMarker(effect.value.options, true).range(from)] });
      } else if (effect.is(replaceBreakpoints)) {
        const builder = new RangeSetBuilder<BreakpointMarker>();
        const { breakpoints, unverified } = effect.value;
        for (const b of [...breakpoints].sort((x, y) => x.line - y.line)) {
          if (b.line < 1 || b.line > tr.state.doc.lines) continue;
          const { line: _, ...options } = b;
          builder.add(tr.state.doc.line(b.line).from, tr.state.doc.line(b.line).from, new BreakpointMarker(options, !unverified.includes(b.line)));
        }
        set = builder.finish();
      }
    }
    if (!tr.docChanged) return set;
    // two breakpoints whose lines were joined by an edit become one
    const seen = new Set<number>();
    return set.update({ filter: from => { const line = tr.state.doc.lineAt(from).number; if (seen.has(line)) return false; seen.add(line); return true; } });
  },
});

/** The breakpoints of a file's state, by line. */
export function breakpointsOf(state: EditorState): Breakpoint[] {
  const out: Breakpoint[] = [];
  const field = state.field(breakpointField, false);
  if (!field) return out;
  for (let it = field.iter(); it.value; it.next()) out.push({ line: state.doc.lineAt(it.from).number, ...it.value.options });
  return out;
}

export function breakpointAt(state: EditorState, pos: number): BreakpointOptions | undefined {
  const from = state.doc.lineAt(pos).from;
  let found: BreakpointOptions | undefined;
  state.field(breakpointField, false)?.between(from, from, (at, _to, marker) => { if (at === from) found = marker.options; });
  return found;
}

export interface BreakpointGutterOptions {
  /** A file's breakpoints changed (a click, a right-click's options): `state` is its new state. */
  onChange(state: EditorState): void;
  /** The person right-clicked a line: ask for the breakpoint's options (null removes it). */
  editOptions(line: number, current: BreakpointOptions | undefined): Promise<BreakpointOptions | null | undefined>;
}

export function breakpointGutter({ onChange, editOptions }: BreakpointGutterOptions): Extension {
  return [
    breakpointField,
    gutter({
      class: 'cm-breakpoint-gutter',
      markers: view => view.state.field(breakpointField),
      initialSpacer: () => new SpacerMarker(),
      domEventHandlers: {
        mousedown(view, line, event) {
          if ((event as MouseEvent).button !== 0) return false;
          const options = breakpointAt(view.state, line.from) ? null : {};
          view.dispatch({ effects: setBreakpoint.of({ pos: line.from, options }) });
          return true;
        },
        contextmenu(view, line, event) {
          event.preventDefault();
          const lineNumber = view.state.doc.lineAt(line.from).number;
          void editOptions(lineNumber, breakpointAt(view.state, line.from)).then(options => {
            if (options === undefined || lineNumber > view.state.doc.lines) return;
            view.dispatch({ effects: setBreakpoint.of({ pos: view.state.doc.line(lineNumber).from, options }) });
          });
          return true;
        },
      },
    }),
    EditorView.updateListener.of(update => {
      if (update.startState.field(breakpointField) !== update.state.field(breakpointField)) onChange(update.state);
    }),
    EditorView.baseTheme({
      '.cm-breakpoint-gutter': { width: '16px', cursor: 'pointer' },
      '.cm-breakpoint-gutter .cm-gutterElement': { display: 'flex', alignItems: 'center', justifyContent: 'center' },
      '.cm-breakpoint': { color: '#ff6b6b', fontSize: '12px', lineHeight: '1' },
      '.cm-breakpoint[data-kind="conditional"]': { color: '#ffa94d' },
      '.cm-breakpoint[data-kind="log"]': { color: '#82aaff' },
      '.cm-breakpoint[data-verified="false"]': { opacity: '0.45' },
    }),
  ];
}
