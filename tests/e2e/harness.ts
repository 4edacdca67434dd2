// What the end-to-end journeys share: building the renderer bundle, starting Chromium the way
// that works on these machines, and reading the IDE's editor and console like a person would.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results');

export const hasChromium = (): boolean => existsSync(CHROMIUM);

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
