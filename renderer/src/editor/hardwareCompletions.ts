// Completions after a dot, after `import ` and in `from machine import ...`: the API tables'
// modules and members (hardwareSymbols.ts: machine, board, time, _thread, threading, queue) and
// the selected board's pins after `board.`.
import type { CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { apiModule, IMPORTABLE_MODULES } from '../../../compiler/src/hardware/apiModules';
import { hardwareNames, membersOf, resolveChain, type Member } from './hardwareSymbols';

/** Whether `before` (a line's text up to the cursor) ends in a comment or an open string. */
export function inCommentOrString(before: string): boolean {
  return before.includes('#') || /^[^"']*(["'])(?:[^"'\\]|\\.)*$/.test(before);
}

const MODULE_NAMES: Member[] = IMPORTABLE_MODULES.map(m => ({ label: m.name, type: 'class', detail: 'module', info: m.doc }));

export function hardwareCompletions(boardId: () => string | undefined): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    if (inCommentOrString(before)) return null;
    const text = context.state.doc.toString();
    const importing = /^\s*(?:import\s+(?:[\w.]+\s*(?:as\s+\w+\s*)?,\s*)*|from\s+)(\w*)$/.exec(before);
    const imported = /^\s*from\s+([\w.]+)\s+import\s+(?:\(?[\w\s,]*,\s*)?(\w*)$/.exec(before);
    const importedFrom = imported ? apiModule(imported[1]) : undefined;
    let members: Member[];
    let partial: string;
    if (importing) {
      partial = importing[1];
      members = MODULE_NAMES;
    } else if (imported) {
      if (!importedFrom || importedFrom.name === 'builtins') return null;
      partial = imported[2];
      members = membersOf({ kind: 'module', module: importedFrom }, boardId());
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
