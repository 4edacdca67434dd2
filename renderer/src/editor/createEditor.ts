// The program editor: CodeMirror 6 with Python highlighting, line numbers, a lint gutter fed by
// the compiler's `check`, and autosave. Brackets are not auto-closed: beginners should see
// exactly what they typed, and a missing bracket is a lesson the diagnostics teach.
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { forceLinting, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { EditorState, Transaction, type StateEffect } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import type { Diagnostic } from '../../../compiler/src/diagnostics';
import { createAutosave, loadProgram } from './autosave';
import { checkSource } from './checkSource';
import { viperCompletionSources } from './completions';
import { exceptionMark, setExceptionMark } from './exceptionMark';
import { darkTheme } from './theme';
import { offsetOf, toEditorDiagnostic } from './toEditorDiagnostics';

const CHECK_DELAY_MS = 300;

export interface ProgramEditor {
  source(): string;
  /** Moves the cursor to a 1-based line and column and focuses the editor. */
  reveal(line: number, column: number): void;
  /** Re-checks now instead of after the typing pause. */
  checkNow(): void;
  /** Replaces the whole program (a project's file was opened); undo does not bring the old one back. */
  load(text: string): void;
  /** Calls `listener` with the program after every edit; returns a function that stops it. */
  onChange(listener: (text: string) => void): () => void;
  /** Marks the line an uncaught exception came from, until the next edit or markException(null). */
  markException(at: { line: number; text: string } | null): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  onRun(): void;
  onDiagnostics(diagnostics: Diagnostic[]): void;
}

export function createEditor({ parent, onRun, onDiagnostics }: EditorOptions): ProgramEditor {
  const autosave = createAutosave();
  const changeListeners = new Set<(text: string) => void>();
  const liveCheck = linter(view => {
    const diagnostics = checkSource(view.state.doc.toString());
    onDiagnostics(diagnostics);
    return diagnostics.map(d => toEditorDiagnostic(view.state.doc, d));
  }, { delay: CHECK_DELAY_MS });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: loadProgram(),
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentUnit.of('    '),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        autocompletion({ override: viperCompletionSources, icons: false }),
        python(),
        liveCheck,
        exceptionMark,
        darkTheme,
        keymap.of([
          { key: 'Mod-Enter', run: () => { onRun(); return true; } },
          { key: 'F5', run: () => { onRun(); return true; } },
          indentWithTab,
          ...completionKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...lintKeymap,
        ]),
        EditorView.updateListener.of(update => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          autosave(text);
          for (const listener of changeListeners) listener(text);
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'Python program main.py', spellcheck: 'false' }),
      ],
    }),
  });

  return {
    source: () => view.state.doc.toString(),
    reveal(line, column) {
      const anchor = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    checkNow: () => forceLinting(view),
    load(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: Transaction.addToHistory.of(false) });
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => { changeListeners.delete(listener); };
    },
    markException(at) {
      const effects: StateEffect<unknown>[] = [setExceptionMark.of(at)];
      if (at && at.line >= 1 && at.line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(at.line).from, { y: 'nearest' }));
      }
      view.dispatch({ effects });   // the cursor stays where the person left it
    },
  };
}
