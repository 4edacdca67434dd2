// Breakpoints live in each file's editor state: they move with the lines as the person edits,
// lines joined by an edit keep one, and the debugger's answer (a breakpoint moved to the next
// line with code, or refused) replaces them.
import { EditorState, type Extension } from '@codemirror/state';
import { breakpointGutter, breakpointsOf, replaceBreakpoints, setBreakpoint } from './breakpointGutter';

const DOC = 'a = 1\n\nb = 2\nc = 3\n';

function stateWith(extension: Extension, lines: number[]): EditorState {
  let state = EditorState.create({ doc: DOC, extensions: extension });
  for (const line of lines) state = state.update({ effects: setBreakpoint.of({ pos: state.doc.line(line).from, options: {} }) }).state;
  return state;
}

describe('breakpoints in the editor', () => {
  const gutter = breakpointGutter({ onChange: () => {}, editOptions: async () => undefined });

  it('sets, gives options to and removes a breakpoint per line', () => {
    let state = stateWith(gutter, [1, 3]);
    expect(breakpointsOf(state)).toEqual([{ line: 1 }, { line: 3 }]);
    state = state.update({ effects: setBreakpoint.of({ pos: state.doc.line(3).from + 2, options: { condition: 'b > 1', hitCondition: '>= 2' } }) }).state;
    expect(breakpointsOf(state)).toEqual([{ line: 1 }, { line: 3, condition: 'b > 1', hitCondition: '>= 2' }]);
    state = state.update({ effects: setBreakpoint.of({ pos: 0, options: null }) }).state;
    expect(breakpointsOf(state)).toEqual([{ line: 3, condition: 'b > 1', hitCondition: '>= 2' }]);
  });

  it('moves breakpoints with the lines above them', () => {
    let state = stateWith(gutter, [3, 4]);
    state = state.update({ changes: { from: 0, insert: 'import time\nimport board\n' } }).state;
    expect(breakpointsOf(state).map(b => b.line)).toEqual([5, 6]);
    state = state.update({ changes: { from: 0, to: state.doc.line(3).from } }).state;   // the two lines go again
    expect(breakpointsOf(state).map(b => b.line)).toEqual([3, 4]);
  });

  it('keeps one breakpoint when an edit joins their lines', () => {
    let state = stateWith(gutter, [3, 4]);
    state = state.update({ changes: { from: state.doc.line(3).to, to: state.doc.line(4).from, insert: '; ' } }).state;
    expect(state.doc.line(3).text).toBe('b = 2; c = 3');
    expect(breakpointsOf(state)).toEqual([{ line: 3 }]);
  });

  it('takes the debugger answer: moved to a line with code, and marked refused', () => {
    let state = stateWith(gutter, [2]);
    state = state.update({ effects: replaceBreakpoints.of({ breakpoints: [{ line: 3, logMessage: 'b = {b}' }, { line: 99 }], unverified: [] }) }).state;
    expect(breakpointsOf(state)).toEqual([{ line: 3, logMessage: 'b = {b}' }]);   // past the end: dropped
  });

});
