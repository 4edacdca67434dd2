// An example's metadata (examples/<id>/example.json), shared by the main side's gallery and the
// renderer, checked field by field: the gallery shows only examples whose every field is right
// and names the first wrong one of each it leaves out. The `test` block is tests/examples.test.ts's.

/** How far along a person should be to follow it. */
export const EXAMPLE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type ExampleLevel = typeof EXAMPLE_LEVELS[number];

/** What of a board an example needs; `[]` for pure Python. */
export const EXAMPLE_USES = ['pin', 'adc', 'pwm', 'uart', 'i2c', 'spi', 'timer', 'threads'] as const;
export type ExampleUse = typeof EXAMPLE_USES[number];

export interface ExampleMeta {
  title: string;
  /** One line. */
  description: string;
  tags: string[];
  level: ExampleLevel;
  /** Board ids it is written for; "any" for every board. */
  boards: string[];
  uses: ExampleUse[];
  /** What a real board needs connected beyond itself; "" for nothing. */
  wiring: string;
  /** Runs on the Virtual board as written. */
  virtual: boolean;
  /** What a person sees when it runs. */
  expect: string;
}

export type MetaCheck = { ok: true; meta: ExampleMeta } | { ok: false; problem: string };

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(x => typeof x === 'string');
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** Checks parsed example.json; the problem names the field and what it should be. */
export function checkExampleMeta(raw: unknown): MetaCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'example.json is not an object' };
  const m = raw as Record<string, unknown>;
  const nonEmpty = (key: string) => typeof m[key] === 'string' && (m[key] as string).trim() !== '';
  const problem =
    !nonEmpty('title') ? '"title" must be a non-empty string' :
    !nonEmpty('description') ? '"description" must be a non-empty string (one line)' :
    /\n/.test(m.description as string) ? '"description" must be one line' :
    !isStringList(m.tags) || m.tags.length === 0 ? '"tags" must be a non-empty list of strings' :
    !oneOf(EXAMPLE_LEVELS, m.level) ? `"level" must be one of ${EXAMPLE_LEVELS.join(', ')}` :
    !isStringList(m.boards) || m.boards.length === 0 || m.boards.some(b => b === '') ? '"boards" must be a non-empty list of board ids (or ["any"])' :
    !Array.isArray(m.uses) || !m.uses.every(u => oneOf(EXAMPLE_USES, u)) ? `"uses" must be a list of ${EXAMPLE_USES.join(', ')} ([] for pure Python)` :
    new Set(m.uses).size !== m.uses.length ? '"uses" lists an entry twice' :
    typeof m.wiring !== 'string' ? '"wiring" must be a string ("" when the board needs nothing connected)' :
    typeof m.virtual !== 'boolean' ? '"virtual" must be true or false' :
    !nonEmpty('expect') ? '"expect" must say what a person sees when it runs' :
    undefined;
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    meta: {
      title: m.title as string, description: m.description as string, tags: m.tags as string[],
      level: m.level as ExampleLevel, boards: m.boards as string[], uses: m.uses as ExampleUse[],
      wiring: m.wiring as string, virtual: m.virtual as boolean, expect: m.expect as string,
    },
  };
}
