// Hover documentation: the signature and one line for the hardware API (machine, its classes,
// their methods and constants, the board's pins) and for the built-in functions.
import type { EditorState, Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { BUILTIN_FUNCTIONS } from './completions';
import { describe, hardwareNames, resolveChain } from './hardwareSymbols';
import { inCommentOrString } from './hardwareCompletions';

export interface HoverDoc { from: number; to: number; title: string; doc: string }

/** What a hover at `pos` shows, or null: the word there, read with the dotted names before it. */
export function hoverDocAt(state: EditorState, pos: number, boardId?: string): HoverDoc | null {
  const line = state.doc.lineAt(pos);
  const at = pos - line.from;
  let start = at, end = at;
  while (start > 0 && /\w/.test(line.text[start - 1])) start--;
  while (end < line.text.length && /\w/.test(line.text[end])) end++;
  if (start === end || /^\d/.test(line.text.slice(start, end)) || inCommentOrString(line.text.slice(0, start))) return null;
  const word = line.text.slice(start, end);
  const prefix = /((?:[A-Za-z_]\w*\.)*)$/.exec(line.text.slice(0, start))![1];
  const chain = [...prefix.split('.').filter(Boolean), word];
  const range = { from: line.from + start, to: line.from + end };
  const symbol = resolveChain(hardwareNames(state.doc.toString()), chain, boardId);
  if (symbol) return { ...range, ...describe(symbol) };
  const builtin = chain.length === 1 ? BUILTIN_FUNCTIONS.find(f => f.label === word) : undefined;
  if (builtin) return { ...range, title: `${word}${builtin.detail}`, doc: String(builtin.info ?? '') };
  return null;
}

export function hardwareHover(boardId: () => string | undefined): Extension {
  return hoverTooltip((view, pos) => {
    const found = hoverDocAt(view.state, pos, boardId());
    if (!found) return null;
    return {
      pos: found.from,
      end: found.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-hover-doc';
        dom.dataset.testid = 'hover-doc';
        const title = document.createElement('code');
        title.textContent = found.title;
        const doc = document.createElement('div');
        doc.textContent = found.doc;
        dom.append(title, doc);
        return { dom };
      },
    };
  });
}
