// The example gallery (examples/<id>/): every folder's example.json follows the contract
// (tests/examples/contract.ts), every example compiles — with its modules — for every board it
// names ("any": every board in boards/) with nothing its firmware level lacks, and every example
// that runs on the Virtual board does what its `test` says, run as the IDE runs it: through the
// link to the host VM on a pseudo-terminal, a person's inputs arriving as BOARD_INPUT. A
// pure-Python example that ends prints exactly what CPython prints.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProject, formatDiagnostic, levelErrors } from '../compiler/src/index';
import { BOARDS } from '../compiler/src/hardware/boards';
import { exampleProblems, type ExampleMeta } from './examples/contract';
import { runOnVirtualBoard } from './examples/runOnVirtualBoard';
import { runFailures } from './examples/checks';

const ROOT = join(__dirname, '..', 'examples');

interface Example { id: string; files: Record<string, string>; meta: unknown }

function readExample(id: string): Example {
  const dir = join(ROOT, id);
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir).filter(f => f.endsWith('.py')).sort()) files[f] = readFileSync(join(dir, f), 'utf8');
  let meta: unknown;
  try { meta = JSON.parse(readFileSync(join(dir, 'example.json'), 'utf8')); } catch (e) { meta = `example.json: ${(e as Error).message}`; }
  return { id, files, meta };
}

const examples = readdirSync(ROOT, { withFileTypes: true }).filter(e => e.isDirectory() && !e.name.startsWith('.')).map(e => readExample(e.name));
const valid = examples.filter(e => exampleProblems(e.meta, Object.keys(e.files)).length === 0);
const metaOf = (e: Example) => e.meta as ExampleMeta;
/** it.each that tolerates an empty table (jest refuses one): none yet is not a failure. */
function eachOf<T extends readonly unknown[]>(table: T[], name: string, fn: (...args: T) => unknown, timeout?: number): void {
  if (table.length === 0) it.todo(`${name}: none yet`);
  else it.each(table)(name, fn as never, timeout);
}
const boardsOf = (meta: ExampleMeta) => (meta.boards.includes('any') ? BOARDS.map(b => b.id) : meta.boards);

/** The image of an example's project, or the diagnostics that stop it (errors, and for `board`
 * what that board's firmware level lacks). */
function build(e: Example, board?: string): { image?: Uint8Array; errors: string[] } {
  const { image, diagnostics } = compileProject(e.files, 'main.py');
  const all = [...diagnostics, ...(image && board ? levelErrors(e.files, board) : [])];
  const errors = all.filter(d => d.severity === 'error').map(d => formatDiagnostic(d));
  return { image: errors.length ? undefined : image, errors };
}

it('finds the examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(9);
});

describe('every example folder is valid', () => {
  eachOf(examples.map(e => [e.id, e] as [string, Example]), '%s', (_id, e) => {
    expect(exampleProblems(e.meta, Object.keys(e.files))).toEqual([]);
  });
});

describe('every example compiles for every board it names', () => {
  const cases = valid.flatMap(e => boardsOf(metaOf(e)).map(board => [`${e.id} on ${board}`, e, board] as [string, Example, string]));
  eachOf(cases, '%s', (_name, e, board) => {
    expect(build(e, board).errors).toEqual([]);
  });
});

describe('every example runs on the Virtual board as its test says', () => {
  const runnable = valid.filter(e => metaOf(e).virtual);
  eachOf(runnable.map(e => [e.id, e] as [string, Example]), '%s', async (_id, e) => {
    const test = metaOf(e).test!;
    const { image, errors } = build(e);
    expect(errors).toEqual([]);
    const record = await runOnVirtualBoard(image!, test);
    expect(runFailures(test, record)).toEqual([]);
  }, 60000);
});

describe('a pure-Python example that ends prints what CPython prints', () => {
  const pure = valid.filter(e => metaOf(e).uses.length === 0 && metaOf(e).test?.stdout !== undefined && metaOf(e).test?.runMs === undefined);
  eachOf(pure.map(e => [e.id, e] as [string, Example]), '%s', (_id, e) => {
    const r = spawnSync('python3', ['-B', 'main.py'], { cwd: join(ROOT, e.id), encoding: 'utf8', timeout: 20000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(metaOf(e).test!.stdout);
    expect(r.status).toBe(0);
  });
});
