// The editor and the hardware API in Chromium: with the Virtual board picked in the device bar,
// a pin it lacks is warned of as you type (the VM's own words) and the warning goes when the pin
// is one it has, hovering a name shows its signature, and `board.` completes the board's pins; the
// threads API and `time` are completed and described from the same kind of table.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chooseBoard, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, settle, startIde, stopIde } from './harness';

jest.setTimeout(90_000);

/** Moves the mouse over the first `word` in editor line `line` (1-based). */
async function hoverWord(page: Page, line: number, word: string): Promise<void> {
  const box = await page.evaluate(([n, w]) => {
    const el = document.querySelectorAll('#editor .cm-line')[(n as number) - 1];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent!.indexOf(w as string);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(t, at);
      range.setEnd(t, at + (w as string).length);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, [line, word]);
  if (!box) throw new Error(`no ${word} on line ${line}`);
  await page.mouse.move(box.x, box.y);
}

describeWithChromium('the editor knows the hardware API', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-editor-'); });
  afterAll(() => stopIde(ide));
  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
  });
  afterEach(() => context.close());

  test('warns of a pin the Virtual board lacks, and shows Pin\'s signature on hover', async () => {
    await pasteProgram(page, "from machine import Pin\nimport board\nled = Pin('D99', Pin.OUT)\nled.on(1)\n");
    await page.locator('#editor .cm-lint-marker-warning').first().waitFor();
    await expect(settle(async () => (await page.textContent('#problems'))?.includes('pin D99 not on virtual') ?? false, true)).resolves.toBe(true);
    expect(await page.textContent('#problems')).toContain('⚠ line 3, column 11: pin D99 not on virtual (+1 more)');
    expect(await page.getAttribute('#problems', 'data-severity')).toBe('warning');

    await hoverWord(page, 3, 'Pin');
    const doc = page.locator('[data-testid="hover-doc"]');
    await doc.waitFor();
    expect(await doc.innerText()).toContain('class machine.Pin(id, mode=-1, pull=-1, *, value=None)');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-editor-hover.png') });

    await pasteProgram(page, "from machine import Pin\nled = Pin('D13', Pin.OUT)\n");
    await expect(settle(async () => page.textContent('#problems'), '✓ no problems')).resolves.toBe('✓ no problems');
  });

  test('completes board. with the selected board\'s pins', async () => {
    await pasteProgram(page, 'import board\n');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('board.LE');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor();
    const labels = await list.locator('li').allInnerTexts();
    expect(labels.some(l => l.startsWith('LED'))).toBe(true);
    expect(labels.some(l => l.startsWith('LED2'))).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-editor-board-completion.png') });
  });

  test('completes a queue\'s methods and describes time.sleep_ms and PRIO_HIGHER on hover', async () => {
    await pasteProgram(page, 'import time, queue\nq = queue.Queue(4)\nworker = thread(print, prio=PRIO_HIGHER)\ntime.sleep_ms(10)\n');
    await hoverWord(page, 4, 'sleep_ms');
    const doc = page.locator('[data-testid="hover-doc"]');
    await doc.waitFor();
    expect(await doc.innerText()).toContain('time.sleep_ms(ms)');
    await page.mouse.move(0, 0);
    await doc.waitFor({ state: 'detached' });
    await hoverWord(page, 3, 'PRIO_HIGHER');
    await doc.waitFor();
    expect(await doc.innerText()).toContain('Thread priority 4.');

    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('q.put_');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor();
    const labels = await list.locator('li').allInnerTexts();
    expect(labels.some(l => l.startsWith('put_nowait'))).toBe(true);
    expect(labels.some(l => l.startsWith('print'))).toBe(false);   // after a dot: the object's members only
  });
});
