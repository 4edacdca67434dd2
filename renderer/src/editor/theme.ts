// A dark editor theme and Python colours that match the rest of the IDE (see styles.css).
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const chrome = EditorView.theme({
  '&': { height: '100%', color: '#d8dee9', backgroundColor: '#1b1f27', fontSize: '14px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: '#ffcc66' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#ffcc66', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: '#34405a' },
  '.cm-activeLine': { backgroundColor: '#222833' },
  '.cm-gutters': { backgroundColor: '#1b1f27', color: '#5c6577', border: 'none' },
  '.cm-activeLineGutter': { backgroundColor: '#222833', color: '#aab3c5' },
  '.cm-tooltip': { backgroundColor: '#262c38', border: '1px solid #3a4252', color: '#d8dee9' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#34405a', color: '#fff' },
  '.cm-diagnostic': { fontFamily: 'var(--sans)', padding: '4px 8px' },
  '.cm-diagnostic-error': { borderLeftColor: '#ff6b6b' },
  '.cm-diagnostic-warning': { borderLeftColor: '#ffcc66' },
  '.cm-hover-doc': { fontFamily: 'var(--sans)', padding: '4px 8px', maxWidth: '560px' },
  '.cm-hover-doc > code': { display: 'block', fontFamily: 'var(--mono)', color: '#82aaff', marginBottom: '2px' },
  '.cm-matchingBracket': { backgroundColor: '#34405a', outline: 'none' },
}, { dark: true });

const python = HighlightStyle.define([
  { tag: t.keyword, color: '#c792ea' },
  { tag: [t.controlKeyword, t.moduleKeyword], color: '#c792ea' },
  { tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: '#82aaff' },
  { tag: t.function(t.variableName), color: '#82aaff' },
  { tag: t.definition(t.className), color: '#ffcb6b' },
  { tag: [t.string, t.special(t.string)], color: '#c3e88d' },
  { tag: [t.number, t.bool, t.null], color: '#f78c6c' },
  { tag: t.comment, color: '#6b7689', fontStyle: 'italic' },
  { tag: [t.operator, t.punctuation], color: '#89ddff' },
  { tag: t.self, color: '#f07178' },
  { tag: t.propertyName, color: '#b2ccd6' },
  { tag: t.invalid, color: '#ff6b6b' },
]);

export const darkTheme = [chrome, syntaxHighlighting(python)];
