// examples/hello-repl tells a person what to type at the >>> prompt once the program has ended,
// and what each line shows. Here those lines go to the Virtual board as the IDE sends them (each
// compiled in 'single' mode and EXECed after a RUN of the example, whose names the REPL sees),
// and each must show what the example says. The table and the example's comments must list the
// same entries, so neither can change without the other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, compileProject } from '../compiler/src/index';
import { openSession } from '../main/devices/connect';
import { startPtyBoard } from '../main/devices/virtualBoard';
import { SerialTransport } from '../main/link/serialTransport';

const SOURCE = readFileSync(join(__dirname, '..', 'examples', 'hello-repl', 'main.py'), 'utf8');

/** Each entry the example suggests, and what the console shows for it. */
const ENTRIES: [entry: string, shows: string][] = [
  ['name', "'Viper'\n"],
  ['greet("Ada")', 'Hello, Ada!\n'],
  ['7 * 6', '42\n'],
  ['2 ** 100', '1267650600228229401496703205376\n'],
  ['[n * n for n in range(5)]', '[0, 1, 4, 9, 16]\n'],
  ['_', '[0, 1, 4, 9, 16]\n'],
  ['import board', ''],
  ['board.NAME', "'virtual'\n"],
];

/** The entries in the example's comments: `#   >>> ENTRY   what it shows`. */
function suggestedEntries(source: string): string[] {
  return [...source.matchAll(/^#\s+>>> (.+?)(?:\s{2,}.*)?$/gm)].map(m => m[1].trim());
}

it("the example's comments suggest exactly the entries tested here", () => {
  expect(suggestedEntries(SOURCE)).toEqual(ENTRIES.map(([entry]) => entry));
});

it('each suggested entry shows at the prompt what the example says, after the program ran', async () => {
  const board = await startPtyBoard();
  const { session } = await openSession(await SerialTransport.open(board.path), { timeoutMs: 1000 });
  try {
    let out = '';
    session.on('output', (t: string) => { out += t; });
    const program = compileProject({ 'main.py': SOURCE }, 'main.py');
    await session.upload(program.image!);
    expect(await session.runToEnd()).toBe('ok');
    expect(out).toBe('Hello, world!\nHello, Viper!\n');
    const shown: [string, string][] = [];
    for (const [entry] of ENTRIES) {
      out = '';
      const { image, diagnostics } = compile(entry + '\n', '<stdin>', { mode: 'single' });
      expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
      expect(await session.exec(image!)).toBe('ok');
      shown.push([entry, out]);
    }
    expect(shown).toEqual(ENTRIES);
  } finally {
    await session.close();
    await board.stop();
  }
}, 30000);
