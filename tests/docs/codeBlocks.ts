// The Python blocks of a Markdown document, as tests/docs-code.test.ts checks them:
//   ```python            compiled; when a ```text block follows it directly (only blank lines
//                        between), it also runs and must print exactly that text
//   ```python run        runs and must print the ```text block after it (which must be there)
//   ```python fragment   a piece of a program that cannot stand alone: not compiled (keep it rare)

export type BlockKind = 'compile' | 'run' | 'fragment';

export interface PythonBlock {
  doc: string;
  line: number;            // 1-based line of the opening fence, for messages
  kind: BlockKind;
  source: string;
  output?: string;         // the text block shown after it, for kind 'run'
}

interface Fence { info: string; line: number; body: string; endLine: number }

/** Every fenced block of `markdown` (``` fences only: the docs use no ~~~ and no indented code). */
function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && l === '```');
    if (close < 0) throw new Error(`line ${i + 1}: a code block that is never closed`);
    found.push({ info: open[1].trim(), line: i + 1, body: lines.slice(i + 1, close).join('\n') + '\n', endLine: close + 1 });
    i = close;
  }
  return found;
}

/** The Python blocks of one document; throws on a marking it does not know or a `run` without output. */
export function pythonBlocks(doc: string, markdown: string): PythonBlock[] {
  const all = fences(markdown);
  const lines = markdown.split('\n');
  const blocks: PythonBlock[] = [];
  all.forEach((fence, i) => {
    const [language, marking, ...rest] = fence.info.split(/\s+/);
    if (language !== 'python') return;
    if (rest.length || (marking && marking !== 'run' && marking !== 'fragment')) {
      throw new Error(`${doc}:${fence.line}: unknown marking "${fence.info}" (python, python run or python fragment)`);
    }
    const next = all[i + 1];
    const between = next ? lines.slice(fence.endLine, next.line - 1) : [];
    const output = next && next.info === 'text' && between.every(l => l.trim() === '') ? next.body : undefined;
    if (marking === 'fragment') {
      blocks.push({ doc, line: fence.line, kind: 'fragment', source: fence.body });
    } else if (output !== undefined) {
      blocks.push({ doc, line: fence.line, kind: 'run', source: fence.body, output });
    } else if (marking === 'run') {
      throw new Error(`${doc}:${fence.line}: a "python run" block needs a \`\`\`text block right after it with what it prints`);
    } else {
      blocks.push({ doc, line: fence.line, kind: 'compile', source: fence.body });
    }
  });
  return blocks;
}
