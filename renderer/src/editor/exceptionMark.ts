// Marks the line where the program stopped with an uncaught exception: the line is tinted red and
// the exception is written at its end. The mark stays until the program is edited or run again.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';

export interface ExceptionAt { line: number; text: string }

export const setExceptionMark = StateEffect.define<ExceptionAt | null>();

class ExceptionText extends WidgetType {
  constructor(private readonly text: string) { super(); }
  override eq(other: ExceptionText): boolean { return other.text === this.text; }
  override toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-exceptionText';
    span.textContent = `← ${this.text}`;
    return span;
  }
}

const exceptionLine = Decoration.line({ class: 'cm-exceptionLine', attributes: { 'data-testid': 'exception-line' } });

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setExceptionMark)) continue;
      const at = effect.value;
      if (!at || at.line < 1 || at.line > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(at.line);
      return Decoration.set([
        exceptionLine.range(line.from),
        Decoration.widget({ widget: new ExceptionText(at.text), side: 1 }).range(line.to),
      ]);
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: f => EditorView.decorations.from(f),
});

const look = EditorView.baseTheme({
  '.cm-exceptionLine': { backgroundColor: 'rgba(255, 107, 107, 0.16)', boxShadow: 'inset 3px 0 0 #ff6b6b' },
  '.cm-exceptionText': { color: '#ff8787', marginLeft: '2em', fontStyle: 'italic', fontFamily: 'var(--sans)', fontSize: '12px' },
});

export const exceptionMark: Extension = [field, look];
