// The line where the debugger stopped: tinted, with an arrow in the breakpoint gutter's place and
// the reason (or the exception) written at its end. Cleared when the program goes on.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';

export interface StoppedAt { line: number; note?: string; exception?: boolean }

export const setStoppedLine = StateEffect.define<StoppedAt | null>();

class StopNote extends WidgetType {
  constructor(private readonly text: string, private readonly exception: boolean) { super(); }
  override eq(other: StopNote): boolean { return other.text === this.text && other.exception === this.exception; }
  override toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = this.exception ? 'cm-debugNote cm-debugNote-exception' : 'cm-debugNote';
    span.dataset.testid = 'debug-note';
    span.textContent = `← ${this.text}`;
    return span;
  }
}

const stoppedLineDecoration = Decoration.line({ class: 'cm-debugLine', attributes: { 'data-testid': 'debug-line' } });
const exceptionLineDecoration = Decoration.line({ class: 'cm-debugLine cm-debugLine-exception', attributes: { 'data-testid': 'debug-line' } });

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setStoppedLine)) continue;
      const at = effect.value;
      if (!at || at.line < 1 || at.line > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(at.line);
      const ranges = [(at.exception ? exceptionLineDecoration : stoppedLineDecoration).range(line.from)];
      if (at.note) ranges.push(Decoration.widget({ widget: new StopNote(at.note, at.exception ?? false), side: 1 }).range(line.to));
      return Decoration.set(ranges);
    }
    return marks.map(tr.changes);
  },
  provide: f => EditorView.decorations.from(f),
});

const look = EditorView.baseTheme({
  '.cm-debugLine': { backgroundColor: 'rgba(255, 204, 102, 0.18) !important', boxShadow: 'inset 3px 0 0 #ffcc66' },
  '.cm-debugLine-exception': { backgroundColor: 'rgba(255, 107, 107, 0.18) !important', boxShadow: 'inset 3px 0 0 #ff6b6b' },
  '.cm-debugNote': { color: '#ffcc66', marginLeft: '2em', fontStyle: 'italic', fontFamily: 'var(--sans)', fontSize: '12px' },
  '.cm-debugNote-exception': { color: '#ff8787' },
});

export const stoppedLine: Extension = [field, look];
