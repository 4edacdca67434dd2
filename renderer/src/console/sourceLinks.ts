// Finds places in the console's text that name a line of the program, so they can be clicked:
//   Python tracebacks   File "main.py", line 3, in f
//   compile diagnostics  main.py:3:7: error: ...
// Pure text in, spans out: the console turns the spans into xterm.js links.

export interface SourceLink {
  /** 0-based index of the first character of the clickable text in the line. */
  start: number;
  /** 0-based index just past the clickable text. */
  end: number;
  file: string;
  line: number;
  column: number;
}

const TRACEBACK_FRAME = /File "([^"]+)", line (\d+)/g;
const DIAGNOSTIC = /^([\w./-]+\.py):(\d+):(\d+):/;

export function findSourceLinks(text: string): SourceLink[] {
  const links: SourceLink[] = [];
  for (const m of text.matchAll(TRACEBACK_FRAME)) {
    links.push({ start: m.index, end: m.index + m[0].length, file: m[1], line: Number(m[2]), column: 1 });
  }
  const d = DIAGNOSTIC.exec(text);
  if (d) links.push({ start: 0, end: d[0].length - 1, file: d[1], line: Number(d[2]), column: Number(d[3]) });
  return links;
}
