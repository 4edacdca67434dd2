// End-to-end journey through the debugger in real Chromium with the real service and the Virtual
// board: a click in the gutter sets a breakpoint, Debug stops the program there (the line
// highlighted, the frame's locals shown), a watch follows a variable as F5 continues and F10
// steps over, a hover shows a value, and with the breakpoint cleared the program runs to its end.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chooseBoard, consoleText, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, settle, startIde, stopIde, waitForConsoleText,
} from './harness';

jest.setTimeout(90_000);

const PROGRAM = [
  'def add_up(n):',
  '    total = 0',
  '    for i in range(n):',
  '        total = total + i',
  '    return total',
  '',
  'print("sum", add_up(4))',
].join('\n');

/** The 1-based line the debugger marks as where the program stopped, or 0. */
function stoppedLine(page: Page): Promise<number> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('#editor .cm-line')];
    return lines.findIndex(l => l.classList.contains('cm-debugLine')) + 1;
  });
}

/** Clicks the breakpoint gutter beside a 1-based line, as a person would. */
async function clickGutter(page: Page, line: number): Promise<void> {
  const box = await page.locator('#editor .cm-line').nth(line - 1).boundingBox();
  const gutter = await page.locator('#editor .cm-breakpoint-gutter').boundingBox();
  if (!box || !gutter) throw new Error('the editor shows no such line or no breakpoint gutter');
  await page.mouse.click(gutter.x + gutter.width / 2, box.y + box.height / 2);
}

/** Waits for the debugger to stop at `line`; on failure says what the console shows. */
async function stopsAt(page: Page, line: number): Promise<void> {
  if (await settle(() => stoppedLine(page), line) === line) return;
  throw new Error(`the debugger did not stop at line ${line} (it marks ${await stoppedLine(page)}); the console shows:\n${await consoleText(page)}`);
}

/** The middle of the first `word` on a 1-based line of the editor, where a pointer would hover it. */
async function wordPoint(page: Page, line: number, word: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(([index, wanted]) => {
    const row = document.querySelectorAll('#editor .cm-line')[index];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, [line - 1, word] as const);
  if (!point) throw new Error(`line ${line} of the editor does not show ${word}`);
  return point;
}

const variable = (page: Page, name: string) =>
  page.locator(`[data-testid="debug-variables"] [data-testid="variable"][data-name="${name}"] > [data-testid="variable-value"]`);
const watchValue = (page: Page, expression: string) =>
  page.locator(`[data-testid="watch"][data-expression="${expression}"] [data-testid="watch-value"]`);
const phase = (page: Page) => page.getAttribute('[data-testid="debug-panel"]', 'data-phase');

describeWithChromium('the debugger in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-debugger-', () => ({ listPorts: async () => [] })); });
  afterAll(() => stopIde(ide));
  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
  });
  afterEach(() => context.close());

  test('breakpoint by a click, Debug, the line and locals, a watch through F5 and F10, run to the end', async () => {
    await pasteProgram(page, PROGRAM);
    await clickGutter(page, 4);
    await expect(page.locator('#editor [data-testid="breakpoint"]').count()).resolves.toBe(1);

    await page.click('[data-testid="debug"]');
    await stopsAt(page, 4);
    await expect(phase(page)).resolves.toBe('stopped');
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toContain('main.py:4');
    await expect(variable(page, 'n').innerText()).resolves.toBe('4');
    await expect(variable(page, 'total').innerText()).resolves.toBe('0');
    await expect(variable(page, 'i').innerText()).resolves.toBe('0');
    await expect(page.locator('[data-testid="stack-frame"]').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^add_up\s*main\.py:4$/), expect.stringMatching(/^<module>\s*main\.py:7$/),
    ]);

    await page.fill('[data-testid="watch-input"]', 'total * 10');
    await page.press('[data-testid="watch-input"]', 'Enter');
    await expect(settle(() => watchValue(page, 'total * 10').innerText(), '0')).resolves.toBe('0');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-stopped.png') });

    // F5 goes on to the breakpoint's next hit: the loop's second turn
    await page.click('#editor .cm-content');
    await page.keyboard.press('F5');
    await expect(settle(() => variable(page, 'i').innerText(), '1')).resolves.toBe('1');
    expect(await stoppedLine(page)).toBe(4);

    // F10 runs line 4 and stops at the loop's head: total has grown, and the watch with it
    await page.keyboard.press('F10');
    await stopsAt(page, 3);
    await expect(settle(() => variable(page, 'total').innerText(), '1')).resolves.toBe('1');
    await expect(settle(() => watchValue(page, 'total * 10').innerText(), '10')).resolves.toBe('10');

    // a watch is edited in place (double-click) and removed with its ×; one that raises says why
    await page.dblclick('[data-testid="watch"][data-expression="total * 10"] .debug-name');
    await page.fill('[data-testid="watch-edit"]', 'total + n');
    await page.press('[data-testid="watch-edit"]', 'Enter');
    await expect(settle(() => watchValue(page, 'total + n').innerText(), '5')).resolves.toBe('5');
    await page.fill('[data-testid="watch-input"]', 'missing + 1');
    await page.press('[data-testid="watch-input"]', 'Enter');
    await expect(settle(async () => /NameError/.test(await watchValue(page, 'missing + 1').innerText()), true)).resolves.toBe(true);
    await page.click('[data-testid="watch"][data-expression="missing + 1"] [data-testid="watch-remove"]');
    await expect(page.locator('[data-testid="watch"]').count()).resolves.toBe(1);

    // hovering a name while stopped shows its value
    const word = await wordPoint(page, 4, 'total');
    await page.mouse.move(word.x - 2, word.y);
    await page.mouse.move(word.x, word.y);
    await expect(page.locator('[data-testid="debug-hover"]').innerText()).resolves.toBe('total = 1');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-stepped.png') });

    // the breakpoint off, Continue runs the program to its end
    await clickGutter(page, 4);
    await expect(page.locator('#editor [data-testid="breakpoint"]').count()).resolves.toBe(0);
    await page.click('[data-testid="debug-continue"]');
    await waitForConsoleText(page, 'sum 6');
    await expect(settle(() => phase(page), 'idle')).resolves.toBe('idle');
    expect(await stoppedLine(page)).toBe(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-finished.png') });
  });

  test('a conditional breakpoint in a module opens its tab; a frame of main.py is shown on a click; an uncaught exception stops with its message', async () => {
    // a module belongs to a project: "+" makes the project first
    await page.click('[data-testid="new-file"]');
    await page.fill('[data-testid="new-project-input"]', 'Debugged');
    await page.click('[data-testid="new-project-ok"]');
    await page.fill('[data-testid="new-module-input"]', 'helper');
    await page.click('[data-testid="new-module-ok"]');
    await page.locator('[data-testid="new-module"]').waitFor({ state: 'detached' });
    await pasteProgram(page, 'def scale(x):\n    y = x * 2\n    return y\n');

    // right-click: the breakpoint stops only when x == 3
    const box = await page.locator('#editor .cm-line').nth(1).boundingBox();
    const gutter = await page.locator('#editor .cm-breakpoint-gutter').boundingBox();
    await page.mouse.click(gutter!.x + gutter!.width / 2, box!.y + box!.height / 2, { button: 'right' });
    await page.fill('[data-testid="breakpoint-condition"]', 'x == 3');
    await page.click('[data-testid="breakpoint-dialog-ok"]');
    await expect(page.getAttribute('#editor [data-testid="breakpoint"]', 'data-kind')).resolves.toBe('conditional');

    await page.click('[data-testid="file-tab"][data-file="main.py"]');
    await pasteProgram(page, 'import helper\nfor k in range(5):\n    v = helper.scale(k)\nprint("last", v)\nraise ValueError("bad value " + str(v))\n');
    await page.click('[data-testid="debug"]');

    await stopsAt(page, 2);
    await expect(page.getAttribute('[data-testid="file-tab"][aria-selected="true"]', 'data-file')).resolves.toBe('helper.py');
    await expect(variable(page, 'x').innerText()).resolves.toBe('3');
    await expect(page.locator('[data-testid="stack-frame"]').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^scale\s*helper\.py:2$/), expect.stringMatching(/^<module>\s*main\.py:3$/),
    ]);

    // the caller's frame: main.py's tab at its line, its names
    await page.locator('[data-testid="stack-frame"]').nth(1).click();
    await expect(settle(() => page.getAttribute('[data-testid="file-tab"][aria-selected="true"]', 'data-file'), 'main.py')).resolves.toBe('main.py');
    await stopsAt(page, 3);
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toBe('paused (breakpoint) at helper.py:2 · showing <module> at main.py:3');
    const globals = page.locator('[data-testid="variable"][data-name="Globals"]');
    if (await globals.locator('.debug-toggle').innerText() === '▸') await globals.click();   // a module's frame opens with them
    await expect(variable(page, 'k').innerText()).resolves.toBe('3');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-module.png') });

    // uncaught: it stops at the raise, saying what was raised
    await page.click('[data-testid="debug-continue"]');
    await stopsAt(page, 5);
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toContain('ValueError: bad value 8');
    await expect(page.locator('#editor [data-testid="debug-note"]').innerText()).resolves.toContain('ValueError: bad value 8');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-exception.png') });
    await page.click('[data-testid="debug-continue"]');
    await waitForConsoleText(page, 'ValueError: bad value 8');
    await expect(settle(() => phase(page), 'idle')).resolves.toBe('idle');
  });

  test('pause stops a busy loop where it is; stop ends it', async () => {
    await pasteProgram(page, 'n = 0\nwhile True:\n    n = n + 1\n');
    await page.click('[data-testid="debug"]');
    await expect(settle(() => phase(page), 'running')).resolves.toBe('running');
    await page.click('[data-testid="debug-pause"]');
    await expect(settle(() => phase(page), 'stopped')).resolves.toBe('stopped');
    await settle(async () => await stoppedLine(page) > 0, true);   // marked once the stack has been read
    expect([2, 3]).toContain(await stoppedLine(page));
    await expect(page.locator('[data-testid="debug-status"]').innerText()).resolves.toContain('paused (pause)');
    await expect(page.locator('#board-state').innerText()).resolves.toContain('paused by the debugger');
    await page.fill('[data-testid="watch-input"]', 'n > 0');
    await page.press('[data-testid="watch-input"]', 'Enter');
    await expect(settle(() => watchValue(page, 'n > 0').innerText(), 'True')).resolves.toBe('True');
    await page.click('[data-testid="debug-stop"]');
    await expect(settle(() => phase(page), 'idle')).resolves.toBe('idle');
    await waitForConsoleText(page, '── stopped ──');

    // the board is free: a plain Run works
    await pasteProgram(page, 'print("after the debugger")\n');
    await page.click('#run');
    await waitForConsoleText(page, 'after the debugger');
  });

  test('a breakpoint on a comment moves to the next line with code; a big list opens a page at a time', async () => {
    await pasteProgram(page, 'items = list(range(250))\n# the list is ready\nprint(len(items))\n');
    await clickGutter(page, 2);
    await page.click('[data-testid="debug"]');
    await stopsAt(page, 3);
    const marked = () => page.evaluate(() => {
      const lines = [...document.querySelectorAll('#editor .cm-line')].map(l => l.getBoundingClientRect().top);
      const dot = document.querySelector('#editor [data-testid="breakpoint"]')?.closest('.cm-gutterElement')?.getBoundingClientRect().top;
      return dot === undefined ? 0 : lines.findIndex(top => Math.abs(top - dot) < 2) + 1;
    });
    await expect(settle(marked, 3)).resolves.toBe(3);
    await page.locator('[data-testid="variable"][data-name="items"]').click();
    const shown = page.locator('[data-testid="variable"][data-name="items"] + div > div > [data-testid="variable"]');
    await expect(settle(() => shown.count(), 100)).resolves.toBe(100);
    await expect(variable(page, '99').innerText()).resolves.toBe('99');
    await page.click('[data-testid="variables-more"]');
    await expect(settle(() => shown.count(), 200)).resolves.toBe(200);
    await page.click('[data-testid="variables-more"]');
    await expect(settle(() => shown.count(), 250)).resolves.toBe(250);
    await expect(page.locator('[data-testid="variables-more"]').count()).resolves.toBe(0);
    await page.click('[data-testid="debug-continue"]');
    await waitForConsoleText(page, '250');
  });

  test('threads: all stop together, each one\'s stack is shown on request', async () => {
    await pasteProgram(page, [
      'import _thread',
      'import time',
      'def spin():',
      '    while True:',
      '        time.sleep(0.01)',
      '_thread.start_new_thread(spin, ())',
      'time.sleep(0.1)',
      'x = 1',
      'print("x", x)',
    ].join('\n'));
    await clickGutter(page, 8);
    await page.click('[data-testid="debug"]');
    await stopsAt(page, 8);
    await expect(page.locator('.debug-thread').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="stack-frame"]').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^<module>\s*main\.py:8$/)]);
    await page.click('[data-testid="thread-stack"]');
    await expect(settle(() => page.locator('[data-testid="stack-frame"]').count(), 2)).resolves.toBe(2);
    await expect(page.locator('[data-testid="stack-frame"]').nth(1).innerText()).resolves.toMatch(/^spin\s*main\.py:[45]$/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-debugger-threads.png') });
    await page.click('[data-testid="debug-stop"]');
    await expect(settle(() => phase(page), 'idle')).resolves.toBe('idle');
  });
});
