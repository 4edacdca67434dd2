// Serves the bundled renderer from one folder. Only regular files inside that folder are
// reachable: the request path is decoded, normalised and resolved, then checked against the
// folder's real path, so `..`, encoded slashes and symlinks out of the folder all fail.
import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute path of the file a URL path names inside `root`, or null when the path is
 * malformed, leaves the folder, or names something that is not a regular file.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some(part => part === '..')) return null;
  const realRoot = await fs.realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = resolve(realRoot, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real || !real.startsWith(realRoot + sep)) return null;
  const stat = await fs.stat(real).catch(() => null);
  return stat?.isFile() ? real : null;
}

export function sendFile(res: ServerResponse, path: string, headOnly: boolean, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': contentTypeOf(path), ...extraHeaders });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
