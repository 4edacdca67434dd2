// The parser's tree, dumped as CPython's ast.dump does, must equal python3's for every program in
// ast-programs/ and in the conformance corpus (tests/conformance/).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dumpAst } from '../src/astDump';
import { parseSource } from './helpers';

const dirs = [join(__dirname, 'ast-programs'), join(__dirname, '..', '..', 'tests', 'conformance')];
const programs = dirs.flatMap(dir => readdirSync(dir).filter(f => f.endsWith('.py')).sort().map(f => join(dir, f)));
const DUMP = 'import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1], encoding="utf-8").read())))';

describe('AST matches CPython', () => {
  it('has programs', () => expect(programs.length).toBeGreaterThan(0));

  it.each(programs)('%s', path => {
    const python = spawnSync('python3', ['-c', DUMP, path], { encoding: 'utf8' });
    expect(python.stderr).toBe('');
    const { module, errors } = parseSource(readFileSync(path, 'utf8'));
    expect(errors).toEqual([]);
    expect(dumpAst(module)).toBe(python.stdout.trimEnd());
  });
});

describe('positions match CPython', () => {
  it('records lineno/col_offset (UTF-8 bytes) and end positions', () => {
    const { module } = parseSource('x = "é" + foo(1,\n  2)\n');
    const assign = module.body[0];
    expect(assign).toMatchObject({ lineno: 1, col_offset: 0, end_lineno: 2, end_col_offset: 4 });
    if (assign.kind !== 'Assign' || assign.value.kind !== 'BinOp') throw new Error('shape');
    expect(assign.value.right).toMatchObject({ kind: 'Call', lineno: 1, col_offset: 11, end_lineno: 2, end_col_offset: 4 });
  });

  it('agrees with python3 on every node of a sample', () => {
    const source = 'def f(a):\n    if a:\n        return [a, "é€", (1, 2)]\n    while a > 0: a -= 1\n';
    const script = 'import ast,sys\nfor n in ast.walk(ast.parse(sys.stdin.read())):\n' +
      '  if hasattr(n, "lineno"): print(type(n).__name__, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)';
    const python = spawnSync('python3', ['-c', script], { input: source, encoding: 'utf8' }).stdout.trim().split('\n').sort();
    const mine: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) { v.forEach(walk); return; }
      if (!v || typeof v !== 'object' || !('kind' in v)) return;
      const n = v as Record<string, unknown>;
      if (typeof n.lineno === 'number' && n.kind !== 'arguments') {
        mine.push(`${n.kind} ${n.lineno} ${n.col_offset} ${n.end_lineno} ${n.end_col_offset}`);
      }
      Object.values(n).forEach(walk);
    };
    walk(parseSource(source).module.body);
    expect(mine.sort()).toEqual(python);
  });
});
