// The program editor: CodeMirror 6 with Python highlighting, line numbers, a lint gutter fed by
// the compiler's `check`, and autosave. It holds one EditorState per file of the project (each
// with its own undo history, cursor and marks) and shows one of them at a time. Brackets are not auto-closed: beginners should see
// exactly what they typed, and a missing bracket is a lesson the diagnostics teach.
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { forceLinting, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { Compartment, EditorState, Facet, type Extension, type StateEffect } from '@codemirror/state';
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import type { Diagnostic } from '../../../compiler/src/diagnostics';
import { createAutosave, loadProgram } from './autosave';
import { checkSource, PROGRAM_FILE } from './checkSource';
import { viperCompletionSources } from './completions';
import { hardwareCompletions } from './hardwareCompletions';
import { hardwareHover } from './hardwareHover';
import { exceptionMark, setExceptionMark } from './exceptionMark';
import { darkTheme } from './theme';
import { offsetOf, toEditorDiagnostic } from './toEditorDiagnostics';

const CHECK_DELAY_MS = 300;

export interface ProgramEditor {
  /** The text of `file` (default: the file shown). */
  source(file?: string): string;
  /** The file shown. */
  currentFile(): string;
  /** The open files, main.py first. */
  files(): string[];
  has(file: string): boolean;
  /** Shows `file` (one of files()), with the cursor and undo history it had. */
  show(file: string): void;
  /** Moves the cursor in the file shown to a 1-based line and column and focuses the editor. */
  reveal(line: number, column: number): void;
  /** Re-checks now instead of after the typing pause. */
  checkNow(): void;
  /** Replaces every file (a project was opened) and shows the first; undo does not bring the old ones back. */
  load(files: { file: string; text: string }[]): void;
  /** Adds a file (a new module) and shows it. */
  addFile(file: string, text: string): void;
  /** Drops a file (a deleted module); shows main.py if it was shown. */
  removeFile(file: string): void;
  /** Gives a file a new name, keeping its text, cursor and undo history. */
  renameFile(file: string, to: string): void;
  /** Calls `listener` with a file's text after every edit; returns a function that stops it. */
  onChange(listener: (text: string, file: string) => void): () => void;
  /** Calls `listener` when the files or the one shown change. */
  onFilesChange(listener: () => void): () => void;
  /** Marks the line of `file` an uncaught exception came from, until its next edit; null clears every file's mark. */
  markException(at: { file: string; line: number; text: string } | null): void;
  /** The board the program is for (an id of boards/*.json, or undefined when unknown): its pins
   * are completed after `board.` and pins it lacks are warned of. */
  setBoard(boardId: string | undefined): void;
  /** The editor state of `file` (its marks, breakpoints…), shown or not. */
  stateOf(file: string): EditorState | undefined;
  /** Applies effects to `file`'s state, shown or not (a debugger's marks); `scrollTo` a 1-based line of the file shown. */
  applyEffects(file: string, effects: StateEffect<unknown>[], scrollTo?: number): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  onRun(): void;
  onDiagnostics(diagnostics: Diagnostic[]): void;
  /** More extensions in every file's state (the debugger's gutter and marks). */
  extensions?: Extension;
}

/** Which file a state holds, so the live check names it in its diagnostics. */
export const fileOfState = Facet.define<string, string>({ combine: values => values[0] ?? PROGRAM_FILE });
/** Holds a state's name, so a rename can swap it without a new state (which would lose undo). */
const nameSlot = new Compartment();
const named = (file: string): Extension => [
  fileOfState.of(file), EditorView.contentAttributes.of({ 'aria-label': `Python file ${file}`, spellcheck: 'false' }),
];

export function createEditor({ parent, onRun, onDiagnostics, extensions = [] }: EditorOptions): ProgramEditor {
  const autosave = createAutosave();
  const changeListeners = new Set<(text: string, file: string) => void>();
  const filesListeners = new Set<() => void>();
  let boardId: string | undefined;
  const liveCheck = linter(view => {
    const diagnostics = checkSource(view.state.doc.toString(), view.state.facet(fileOfState), boardId);
    onDiagnostics(diagnostics);
    return diagnostics.map(d => toEditorDiagnostic(view.state.doc, d));
  }, { delay: CHECK_DELAY_MS });

  const shared: Extension = [
    extensions,                    // first: the breakpoint gutter sits left of the line numbers
    lineNumbers(),
    highlightActiveLineGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    indentUnit.of('    '),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    autocompletion({ override: [...viperCompletionSources, hardwareCompletions(() => boardId)], icons: false }),
    hardwareHover(() => boardId),
    python(),
    liveCheck,
    exceptionMark,
    darkTheme,
    keymap.of([
      { key: 'Mod-Enter', run: () => { onRun(); return true; } },
      indentWithTab,
      ...completionKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...lintKeymap,
    ]),
    EditorView.updateListener.of(update => {
      if (!update.docChanged) return;
      const text = update.state.doc.toString();
      const file = update.state.facet(fileOfState);
      if (file === PROGRAM_FILE) autosave(text);   // the project-less program; projects stash every file
      for (const listener of changeListeners) listener(text, file);
    }),
  ];
  const stateFor = (file: string, text: string) => EditorState.create({
    doc: text,
    extensions: [shared, nameSlot.of(named(file))],
  });

  /** The states of the files not shown; the shown file's state is the view's. */
  const hidden = new Map<string, EditorState>();
  let order: string[] = [PROGRAM_FILE];
  let shown = PROGRAM_FILE;
  const view = new EditorView({ parent, state: stateFor(PROGRAM_FILE, loadProgram()) });
  const stateOf = (file: string) => (file === shown ? view.state : hidden.get(file));
  const filesChanged = () => { for (const listener of filesListeners) listener(); };

  const editor: ProgramEditor = {
    source: (file = shown) => stateOf(file)?.doc.toString() ?? '',
    currentFile: () => shown,
    files: () => [...order],
    has: file => order.includes(file),
    show(file) {
      const next = hidden.get(file);
      if (file === shown || !next) return;
      hidden.set(shown, view.state);
      hidden.delete(file);
      shown = file;
      view.setState(next);
      forceLinting(view);            // the problems line speaks of this file from now on
      filesChanged();
    },
    reveal(line, column) {
      const anchor = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    checkNow: () => forceLinting(view),
    load(files) {
      if (!files.length) throw new Error('a project needs at least one file');
      hidden.clear();
      for (const { file, text } of files.slice(1)) hidden.set(file, stateFor(file, text));
      order = files.map(f => f.file);
      shown = files[0].file;
      view.setState(stateFor(shown, files[0].text));
      forceLinting(view);
      filesChanged();
    },
    addFile(file, text) {
      if (order.includes(file)) throw new Error(`${file} is open already`);
      hidden.set(file, stateFor(file, text));
      order.push(file);
      editor.show(file);
    },
    removeFile(file) {
      if (!order.includes(file) || file === order[0]) return;   // the program itself stays
      if (file === shown) editor.show(order[0]);
      hidden.delete(file);
      order = order.filter(f => f !== file);
      filesChanged();
    },
    renameFile(file, to) {
      if (!order.includes(file)) throw new Error(`${file} is not open`);
      if (order.includes(to)) throw new Error(`${to} is open already`);
      const rename = nameSlot.reconfigure(named(to));
      if (file === shown) {
        shown = to;
        view.dispatch({ effects: rename });
        forceLinting(view);            // diagnostics name the new file
      } else {
        hidden.set(to, hidden.get(file)!.update({ effects: rename }).state);
        hidden.delete(file);
      }
      order = order.map(f => (f === file ? to : f));
      filesChanged();
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => { changeListeners.delete(listener); };
    },
    onFilesChange(listener) {
      filesListeners.add(listener);
      return () => { filesListeners.delete(listener); };
    },
    setBoard(id) {
      if (id === boardId) return;
      boardId = id;
      forceLinting(view);
    },
    stateOf,
    applyEffects(file, effects, scrollTo) {
      const hiddenState = hidden.get(file);
      if (hiddenState) {
        hidden.set(file, hiddenState.update({ effects }).state);
        return;
      }
      if (file !== shown) return;
      const all = [...effects];
      if (scrollTo !== undefined && scrollTo >= 1 && scrollTo <= view.state.doc.lines) {
        all.push(EditorView.scrollIntoView(view.state.doc.line(scrollTo).from, { y: 'center' }));
      }
      view.dispatch({ effects: all });
    },
    markException(at) {
      if (!at) {
        for (const [file, state] of hidden) hidden.set(file, state.update({ effects: setExceptionMark.of(null) }).state);
        view.dispatch({ effects: setExceptionMark.of(null) });
        return;
      }
      const mark = { line: at.line, text: at.text };
      const hiddenState = hidden.get(at.file);
      if (hiddenState) {                   // shown with its mark when its tab is picked
        hidden.set(at.file, hiddenState.update({ effects: setExceptionMark.of(mark) }).state);
        return;
      }
      if (at.file !== shown) return;
      const effects: StateEffect<unknown>[] = [setExceptionMark.of(mark)];
      if (at.line >= 1 && at.line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(at.line).from, { y: 'nearest' }));
      }
      view.dispatch({ effects });   // the cursor stays where the person left it
    },
  };
  return editor;
}
