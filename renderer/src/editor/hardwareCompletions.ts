// Completions after a dot and in `from machine import ...`: the hardware API's members
// (hardwareSymbols.ts) and the selected board's pins after `board.`.
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { BOARD_MODULE, MACHINE } from '../../../compiler/src/hardware/machineApi';
import { hardwareNames, membersOf, resolveChain } from './hardwareSymbols';

/** Whether `before` (a line's text up to the cursor) ends in a comment or an open string. */
export function inCommentOrString(before: string): boolean {
  return before.includes('#') || /^[^"']*(["'])(?:[^"'\\]|\\.)*$/.test(before);
}

export function hardwareCompletions(boardId: () => string | undefined): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    if (inCommentOrString(before)) return null;
    const text = context.state.doc.toString();
    const imported = /^\s*from\s+(machine|board)\s+import\s+(?:\(?[\w\s,]*,\s*)?(\w*)$/.exec(before);
    let members;
    let partial: string;
    if (imported) {
      partial = imported[2];
      members = membersOf({ kind: 'module', module: imported[1] === 'machine' ? MACHINE : BOARD_MODULE }, boardId());
    } else {
      const dotted = /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.(\w*)$/.exec(before);
      if (!dotted) return null;
      partial = dotted[2];
      members = membersOf(resolveChain(hardwareNames(text), dotted[1].split('.'), boardId()), boardId());
    }
    if (!members.length) return null;
    return {
      from: context.pos - partial.length,
      options: members.map(m => ({ label: m.label, type: m.type, detail: m.detail, info: m.info })),
      validFor: /^\w*$/,
    };
  };
}
