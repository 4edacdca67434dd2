// Shared helpers for the compiler tests: run the front stages on a string.
import { DiagnosticSink } from '../src/catalogue';
import { parse } from '../src/parser';
import { SourceText } from '../src/source';
import { Token, tokenize } from '../src/tokenizer';
import * as A from '../src/ast';

export function tokens(source: string): { tokens: Token[]; errors: string[] } {
  const sink = new DiagnosticSink('t.py');
  const result = tokenize(new SourceText(source), sink);
  return { tokens: result.tokens, errors: sink.sorted().map(d => `${d.line}:${d.column} ${d.message}`) };
}

export function parseSource(source: string): { module: A.Module; errors: string[] } {
  const sink = new DiagnosticSink('t.py');
  const text = new SourceText(source);
  const module = parse(text, tokenize(text, sink), sink);
  return { module, errors: sink.sorted().map(d => `${d.line}:${d.column} ${d.message}`) };
}

/** Token stream as compact text: NAME:x OP:( NEWLINE INDENT ... */
export function tokenText(source: string): string {
  return tokens(source).tokens.map(t =>
    t.type === 'NAME' || t.type === 'OP' || t.type === 'NUMBER' ? `${t.type}:${t.text}` : t.type === 'STRING' ? `STRING:${JSON.stringify(t.string!.text)}` : t.type,
  ).join(' ');
}
