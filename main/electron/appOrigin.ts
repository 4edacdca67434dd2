// The window's page comes from our own scheme, app://viper/, never file://: a file: page shares
// its origin with every local file, while app://viper is ours alone, so "is this our page?" is a
// comparison of origins. Pure functions (no `electron` import) so they are tested under jest.
import { isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://viper';
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** The file an app:// request names inside the renderer folder, or undefined (another host, a
 *  way out of the folder, an encoded separator or NUL). */
export function appFileFor(requestUrl: string, rendererDir: string): string | undefined {
  let url: URL;
  try { url = new URL(requestUrl); } catch { return undefined; }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return undefined;
  let path: string;
  try { path = decodeURIComponent(url.pathname); } catch { return undefined; }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const file = join(rendererDir, path === '/' ? 'index.html' : path);
  const rel = relative(rendererDir, file);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return file;
}

/** Whether a frame's address is our page (any query or fragment). */
export function isAppPage(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;    // Node gives custom schemes no .origin
  } catch { return false; }
}

/** What the page may be granted: writing the clipboard (the console's Ctrl-C copy), nothing else. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return isAppPage(requestingUrl) && (permission === 'clipboard-sanitized-write' || permission === 'clipboard-write');
}

/** Resolves when `work` settles or after `ms`, whichever is first: quitting never hangs on a board. */
export function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    work.then(() => undefined, () => undefined).then(() => { clearTimeout(timer); resolve(); });
  });
}
