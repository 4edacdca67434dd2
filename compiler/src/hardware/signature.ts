// Signatures as data: which arguments a call may pass by position and which it must pass. Read
// from the text of a documented signature ('(buf[, nbytes])', '(id, mode=-1, *, value=None)') or
// from a `def`, so that one arity check serves the machine API, the built-ins and the program's
// own functions.

export interface Parameter { name: string; required: boolean; keywordOnly: boolean; positionalOnly?: boolean }
export interface Signature {
  params: Parameter[];
  /** `*args`: any number of further positional arguments. */
  varargs: boolean;
  /** `**kwargs`: any keyword. */
  varkw: boolean;
}

/** Parses '(a, b=1, [c], *, d=2)' (MicroPython's doc notation: `[x]` is optional). */
export function parseSignature(text: string): Signature {
  const inner = text.trim().replace(/^\(/, '').replace(/\)$/, '');
  const sig: Signature = { params: [], varargs: false, varkw: false };
  let keywordOnly = false;
  for (const { item, bracketed } of splitTopLevel(inner)) {
    const name = item.split('=')[0].trim();
    if (!name) continue;
    if (name === '/') { sig.params.forEach(p => { p.positionalOnly = true; }); continue; }
    if (name === '*') { keywordOnly = true; continue; }
    if (name.startsWith('**')) { sig.varkw = true; continue; }
    if (name.startsWith('*')) { sig.varargs = true; keywordOnly = true; continue; }
    sig.params.push({ name, required: !bracketed && !item.includes('='), keywordOnly });
  }
  return sig;
}

/** The comma-separated items outside parentheses, each marked if it stood inside `[...]`. */
function splitTopLevel(text: string): { item: string; bracketed: boolean }[] {
  const items: { item: string; bracketed: boolean }[] = [];
  let depth = 0, brackets = 0, current = '', startBracketed = false, started = false;
  const finish = () => { if (current.trim()) items.push({ item: current.trim(), bracketed: startBracketed }); current = ''; started = false; };
  for (const c of text) {
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    if (depth === 0 && c === '[') { brackets++; continue; }
    if (depth === 0 && c === ']') { brackets--; continue; }
    if (depth === 0 && c === ',') { finish(); continue; }
    if (!started && c.trim()) { started = true; startBracketed = brackets > 0; }
    current += c;
  }
  finish();
  return items;
}

export function positionalRange(sig: Signature): { min: number; max: number } {
  const positional = sig.params.filter(p => !p.keywordOnly);
  return { min: positional.filter(p => p.required).length, max: sig.varargs ? Infinity : positional.length };
}

/** What is wrong with a call passing `positional` arguments and the keywords named, or null.
 * Messages as CPython words them. */
export function arityProblem(name: string, sig: Signature, positional: number, keywords: string[]): string | null {
  const { max } = positionalRange(sig);
  const byKeyword = (p: Parameter) => !p.positionalOnly && keywords.includes(p.name);
  const twice = sig.params.find((p, i) => !p.keywordOnly && i < positional && byKeyword(p));
  if (twice && positional <= max) return `${name}() got multiple values for argument '${twice.name}'`;
  if (positional > max) {
    const { min } = positionalRange(sig);
    const takes = min === max ? `${max}` : `from ${min} to ${max}`;
    return `${name}() takes ${takes} positional argument${max === 1 && min === max ? '' : 's'} but ${positional} ${positional === 1 ? 'was' : 'were'} given`;
  }
  const asKeyword = sig.params.filter(p => p.positionalOnly && keywords.includes(p.name));
  if (asKeyword.length && !sig.varkw) {
    return `${name}() got some positional-only arguments passed as keyword arguments: '${asKeyword.map(p => p.name).join(', ')}'`;
  }
  const missing = sig.params.filter((p, i) => p.required && !byKeyword(p) && (p.keywordOnly || i >= positional));
  const missingPositional = missing.filter(p => !p.keywordOnly);
  if (missingPositional.length) {
    const names = missingPositional.map(p => `'${p.name}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `${name}() missing ${names.length} required positional argument${names.length === 1 ? '' : 's'}: ${list}`;
  }
  if (missing.length) {
    const names = missing.map(p => `'${p.name}'`).join(', ');
    return `${name}() missing ${missing.length} required keyword-only argument${missing.length === 1 ? '' : 's'}: ${names}`;
  }
  return null;
}
