// What the end-to-end journeys share: building the renderer bundle, starting Chromium the way
// that works on these machines, and reading the IDE's editor and console like a person would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserServer, type BrowserServer } from '../../main/server/browserServer';
import { createViperService, type ServiceOptions, type ViperService } from '../../main/services/viperService';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results');

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** A journey file's `describe`: skipped, saying why, where Chromium is missing. */
export function describeWithChromium(title: string, body: () => void): void {
  const skip = "skipped: end-to-end tests need Debian's chromium package";
  if (!hasChromium()) console.warn(skip);
  (hasChromium() ? describe : describe.skip)(hasChromium() ? title : skip, body);
}

/** One IDE in browser mode for a journey file: its temp folder (the bundle in static/, the
 *  service's projects/, settings/ and firmware/), the real service, the server, and Chromium. */
export interface Ide { tmp: string; service: ViperService; server: BrowserServer; browser: Browser }

export async function startIde(prefix: string, options: (tmp: string) => ServiceOptions = () => ({})): Promise<Ide> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['projects', 'settings', 'firmware']) mkdirSync(join(tmp, d));
  buildRendererInto(join(tmp, 'static'));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const service = createViperService({   // nothing of the person's own ~/Viper or ~/.viper is touched
    projectsDir: join(tmp, 'projects'), settingsDir: join(tmp, 'settings'), firmwareDir: join(tmp, 'firmware'),
    ...options(tmp),
  });
  const server = await startBrowserServer({ api: service, staticDir: join(tmp, 'static') });
  return { tmp, service, server, browser: await launchChromium() };
}

export async function stopIde(ide: Ide | undefined): Promise<void> {
  if (!ide) return;
  await ide.browser.close();
  await ide.server.close();
  await ide.service.dispose();
  rmSync(ide.tmp, { recursive: true, force: true });
}

/** A fresh page (and so fresh localStorage) showing the IDE. */
export async function openIde(ide: Ide): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ide.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(ide.server.url);
  return { context, page };
}

/** Builds the renderer into outdir. renderer/build.mjs is an ES module, which jest's CommonJS
 *  runtime cannot import, so a child Node process runs it. */
export function buildRendererInto(outdir: string): void {
  const script = `const { buildRenderer } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'renderer', 'build.mjs')).href)});
await buildRenderer({ outdir: ${JSON.stringify(outdir)} });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building the renderer failed:\n${run.stderr || run.stdout}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/** The console's visible text, one line per terminal row. */
export async function consoleText(page: Page): Promise<string> {
  const text = await page.locator('#console .xterm-rows').innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Lines the IDE prints when a run cannot happen: waiting longer would not help. */
const RUN_FAILED = /^(Could not run|Lost the connection|Traceback)/m;

/** Waits until the console shows `expected`; on failure the error shows what it did show. */
export async function waitForConsole(page: Page, expected: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await consoleText(page);
    if (text.includes(expected)) return text;
    if (RUN_FAILED.test(text) || Date.now() > deadline) {
      throw new Error(`the console never showed ${JSON.stringify(expected)}; it shows:\n${text}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Replaces the whole program by typing it, as a person would. */
export async function typeProgram(page: Page, source: string): Promise<void> {
  await page.click('#editor .cm-content');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(source);
}

/** Replaces the whole program at once, as a paste would: no auto-indent on the way. */
export async function pasteProgram(page: Page, source: string): Promise<void> {
  await page.click('#editor .cm-content');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(source);
}

export async function chooseBoard(page: Page, name: string): Promise<void> {
  await page.locator('#board-select option', { hasText: name }).waitFor({ state: 'attached' });
  await page.selectOption('#board-select', { label: name });
}

/** Where the first error mark in the editor starts, as a 1-based line and code-point column. */
export function firstErrorMarkPosition(page: Page): Promise<{ line: number; column: number } | null> {
  return page.evaluate(() => {
    const mark = document.querySelector('#editor .cm-lintRange-error, #editor .cm-lintPoint-error');
    const line = mark?.closest('.cm-line');
    if (!mark || !line) return null;
    const before = document.createRange();
    before.setStart(line, 0);
    before.setEndBefore(mark);
    const lines = [...document.querySelectorAll('#editor .cm-line')];
    return { line: lines.indexOf(line) + 1, column: [...before.toString()].length + 1 };
  });
}

/** Clicks the middle of `text` where the console shows it, as a person would with the mouse. */
export async function clickConsoleText(page: Page, text: string): Promise<void> {
  const point = await consoleTextPoint(page, text);
  await page.mouse.move(point.x - 3, point.y);
  await page.mouse.move(point.x, point.y);      // xterm.js finds links as the pointer moves
  await page.waitForTimeout(100);
  await page.mouse.click(point.x, point.y);
}

/** Double-clicks the middle of `text` in the console: xterm.js selects that word. */
export async function dblClickConsoleText(page: Page, text: string): Promise<void> {
  const point = await consoleTextPoint(page, text);
  await page.mouse.dblclick(point.x, point.y);
}

async function consoleTextPoint(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(wanted => {
    for (const row of document.querySelectorAll('#console .xterm-rows > div')) {
      const shown = (row.textContent ?? '').replace(/\u00a0/g, ' ');
      const at = shown.indexOf(wanted);
      if (at < 0) continue;
      const middle = at + Math.floor(wanted.length / 2);
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (middle < seen + length) {
          const range = document.createRange();
          range.setStart(node, middle - seen);
          range.setEnd(node, middle - seen + 1);
          const box = range.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        }
        seen += length;
      }
    }
    return null;
  }, text);
  if (!point) throw new Error(`the console does not show ${JSON.stringify(text)}:\n${await consoleText(page)}`);
  return point;
}

/** The 1-based line the editor's cursor is on. */
export function editorCursorLine(page: Page): Promise<number> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('#editor .cm-line')];
    return lines.findIndex(l => l.classList.contains('cm-activeLine')) + 1;
  });
}

/** The 1-based line marked as where an uncaught exception happened, or 0 when none is. */
export function exceptionMarkLine(page: Page): Promise<number> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('#editor .cm-line')];
    return lines.findIndex(l => l.classList.contains('cm-exceptionLine')) + 1;
  });
}

/** Reads `read()` until it equals `expected` (or the time runs out) and returns the last reading. */
export async function settle<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value === expected || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** Waits until the console shows `expected`, even past a traceback (which waitForConsole stops at). */
export async function waitForConsoleText(page: Page, expected: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await consoleText(page);
    if (text.includes(expected)) return text;
    if (Date.now() > deadline) throw new Error(`the console never showed ${JSON.stringify(expected)}; it shows:\n${text}`);
    await page.waitForTimeout(100);
  }
}

/** The host VMs (Virtual boards) this test process has spawned, found through /proc: the
 *  service runs in-process, so its children are ours. Never found by name across the machine. */
export function ownVirtualBoardPids(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    let children = '';
    try { children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8'); } catch { continue; }
    for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
      try {
        if (readlinkSync(`/proc/${pid}/exe`).endsWith('/viper-vm')) pids.push(pid);
      } catch { /* it has already gone */ }
    }
  }
  return pids;
}

/** The board state the device bar shows: its data-state and its text. */
export async function boardState(page: Page): Promise<{ state: string; text: string }> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('#board-state');
    return { state: el?.dataset.state ?? '', text: el?.textContent ?? '' };
  });
}

/** A change of the board panel's LED (led-D13), timed in the page as it is drawn. */
export interface LedChange { at: number; lit: string }

/** Starts recording every change of the panel's LED; ledChanges reads what was recorded. */
export function watchLed(page: Page): Promise<void> {
  return page.evaluate(() => {
    const led = document.querySelector<HTMLElement>('[data-testid="led-D13"]')!;
    const changes: { at: number; lit: string }[] = [];
    (window as unknown as { ledChanges: typeof changes }).ledChanges = changes;
    new MutationObserver(() => changes.push({ at: performance.now(), lit: led.dataset.lit ?? '' }))
      .observe(led, { attributes: true, attributeFilter: ['data-lit'] });
  });
}

export function ledChanges(page: Page): Promise<LedChange[]> {
  return page.evaluate(() => (window as unknown as { ledChanges: { at: number; lit: string }[] }).ledChanges);
}
