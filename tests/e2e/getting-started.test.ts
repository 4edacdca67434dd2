// The journey docs/getting-started.md walks through, in real Chromium on the Virtual board, taking
// the doc's pictures as it goes (docs/images/getting-started-*.png, 1100×700) so they show the IDE
// as it is: a first program, a traceback, a blink with the board panel, a board plugged in, the
// Burn VM dialog, an example from the gallery, the REPL and the plotter. The programs typed are the doc's own
// blocks (found by their first line), so the doc, its pictures and this journey cannot disagree.
// The pictures go to test-results/getting-started/ on every run (pixels differ run to run: a
// cursor, a blink) and into docs/images/ with UPDATE_DOCS_IMAGES=1, when the UI has changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PortInfo } from '../../main/devices/portInfo';
import { boardWithOwnUsbId } from '../../main/devices/testing/usbBoards';
import { BURNABLE_BOARDS } from '../../main/devices/boardTable';
import { pythonBlocks } from '../docs/codeBlocks';
import {
  chooseBoard, consoleText, RESULTS_DIR, describeWithChromium, exceptionMarkLine, type Ide, pasteProgram, ROOT, settle, startIde, stopIde,
  waitForConsole, waitForConsoleText,
} from './harness';

jest.setTimeout(180_000);

const DOC = join(ROOT, 'docs', 'getting-started.md');
const IMAGES = process.env.UPDATE_DOCS_IMAGES === '1' ? join(ROOT, 'docs', 'images') : join(RESULTS_DIR, 'getting-started');

/** The doc's Python block whose first line is `firstLine`. */
function docProgram(firstLine: string): string {
  const found = pythonBlocks('docs/getting-started.md', readFileSync(DOC, 'utf8')).find(b => b.source.startsWith(firstLine + '\n'));
  if (!found) throw new Error(`docs/getting-started.md has no Python block starting with ${JSON.stringify(firstLine)}`);
  return found.source;
}

const own = boardWithOwnUsbId();
const PLUGGED: PortInfo = { path: '/dev/ttyACM0', vendorId: own.vendorId, productId: own.productId, serialNumber: 'GETTING-STARTED' };

/** A firmware folder's manifest and image for `board`, as `make -C vm-firmware firmware` leaves them. */
function putStandInImage(dir: string, board: string): void {
  const image = Buffer.from('a stand-in for the VM image: this journey never burns it');
  const file = `viper-${board}.bin`;
  writeFileSync(join(dir, file), image);
  const sha256 = createHash('sha256').update(image).digest('hex');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ images: [{ board, vmVersion: '0.1.0', file, sha256 }] }));
}

describeWithChromium('getting started, as docs/getting-started.md tells it', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;
  let plugged: PortInfo[] = [];

  // Only the port this journey plugs in is listed; nothing is probed (a real /dev/ttyACM0 is left
  // alone). The firmware folder holds a stand-in image for the plugged board, as the packaged app
  // holds real ones, so the Burn VM picture shows the dialog ready to burn (nothing is burned).
  beforeAll(async () => {
    mkdirSync(IMAGES, { recursive: true });
    ide = await startIde('viper-e2e-start-', tmp => {
      putStandInImage(join(tmp, 'firmware'), own.board);
      return { listPorts: async () => plugged, probePort: async () => undefined };
    });
    context = await ide.browser.newContext({ viewport: { width: 1100, height: 700 } });
    page = await context.newPage();
    await page.goto(ide.server.url);
    await chooseBoard(page, 'Virtual board');
  });
  afterAll(async () => {
    await context?.close();
    await stopIde(ide);
  });

  const picture = (name: string) => page.screenshot({ path: join(IMAGES, `getting-started-${name}.png`) });

  async function run(source: string, marker: string): Promise<string> {
    await page.click('#clear-console');
    await pasteProgram(page, source);
    await page.click('#run');
    return waitForConsole(page, marker);
  }

  async function stop(): Promise<void> {
    await page.click('#stop');
    await waitForConsole(page, '── stopped ──', 5000);
  }

  test('1. the first program runs on the Virtual board', async () => {
    const shown = await run(docProgram('# My first program'), 'Hello from Viper 3');
    expect(shown).toMatch(/Hello from Viper 1\s+Hello from Viper 2\s+Hello from Viper 3/);
    await picture('first-program');
  });

  test('2. an exception shows as a traceback and marks its line', async () => {
    await page.click('#clear-console');
    await pasteProgram(page, docProgram('# A mistake the editor cannot see'));
    await page.click('#run');
    const shown = await waitForConsoleText(page, 'IndexError: list index out of range');
    expect(shown).toMatch(/21\.5\s+Traceback \(most recent call last\):\s+File "main\.py", line 4, in <module>\s+IndexError/);
    expect(await settle(() => exceptionMarkLine(page), 4, 5000)).toBe(4);
    await picture('traceback');
  });

  test('3. a blink drives the LED on the board panel', async () => {
    await page.locator('[data-testid="board-panel"]').waitFor();
    await run(docProgram('# Blink the LED'), 'on');
    const lit = () => page.getAttribute('[data-testid="led-D13"]', 'data-lit');
    const seen = new Set<string | null>();
    for (const deadline = Date.now() + 3000; seen.size < 2 && Date.now() < deadline;) {
      seen.add(await lit());
      await page.waitForTimeout(50);
    }
    expect([...seen].sort()).toEqual(['false', 'true']);    // it went on and off
    await settle(lit, 'true', 2000);
    await picture('blink');
    await stop();
  });

  test('4. a board plugged in appears in the board picker', async () => {
    plugged = [PLUGGED];
    const label = `${own.name} — ${PLUGGED.path}`;
    await page.locator('#board-select option', { hasText: label }).waitFor({ state: 'attached', timeout: 2500 });
    await page.selectOption('#board-select', PLUGGED.path);
    await expect(page.locator('#board-select option:checked').innerText()).resolves.toBe(label);
    await picture('board-plugged');
  });

  test('5. Burn VM lists the boards, each with its methods and whether it is tested', async () => {
    await page.click('[data-testid="burn"]');
    await page.locator('[data-testid="burn-dialog"]').waitFor();
    await expect(page.inputValue('[data-testid="burn-board"]')).resolves.toBe(own.board);   // taken from the port
    const offered = await page.locator('[data-testid="burn-board"] option').evaluateAll(os => os.map(o => (o as HTMLOptionElement).value));
    expect(offered).toEqual(BURNABLE_BOARDS.map(b => b.id));
    await expect(page.inputValue('[data-testid="burn-target"]')).resolves.toBe(PLUGGED.path);
    await picture('burn');
    await page.click('[data-testid="burn-cancel"]');
    await page.locator('[data-testid="burn-dialog"]').waitFor({ state: 'hidden' });
    plugged = [];
    await chooseBoard(page, 'Virtual board');
  });

  test('6. an example from the gallery becomes a project and runs', async () => {
    await page.click('[data-testid="open-gallery"]');
    await page.locator('[data-testid="example-card"][data-example-id="countdown"]').waitFor();
    await picture('gallery');
    await page.click('[data-testid="example-card"][data-example-id="countdown"] [data-testid="use-example"]');
    await page.fill('[data-testid="project-name-dialog-input"]', 'Rocket');
    await page.click('[data-testid="project-name-dialog-ok"]');
    await page.locator('[data-testid="project-name"]', { hasText: /^Rocket$/ }).waitFor();
    await page.click('#clear-console');
    await page.click('#run');
    expect(await waitForConsole(page, 'lift off!')).toMatch(/3\s+2\s+1\s+lift off!/);
    await picture('example');
  });

  test('7. the REPL answers in the console', async () => {
    await page.click('#clear-console');
    await page.click('#console');
    await page.keyboard.press('Enter');
    await waitForConsole(page, '>>>');
    for (const entry of ['6 * 7', 'name = "Viper"', 'name.upper()', 'import board', 'board.LED']) {
      await page.keyboard.type(entry);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
    }
    const shown = await waitForConsole(page, "'VIPER'");
    expect(shown).toMatch(/>>> 6 \* 7\s+42\s/);
    expect(shown).toMatch(/>>> board\.LED\s+Pin\(.D13.\)/);
    await picture('repl');
  });

  test('8. numbers printed a line at a time are drawn by the plotter', async () => {
    await run(docProgram('# Two waves for the plotter'), 'done');
    expect(await settle(() => page.getAttribute('#plotter', 'data-points'), '100')).toBe('100');
    expect(await page.getAttribute('#plotter', 'data-series')).toBe('2');
    await picture('plotter');
    expect(await consoleText(page)).toContain('sin: -0.46 cos: -0.89\ndone');
  });
});
