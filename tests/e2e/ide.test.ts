// End-to-end journeys through the IDE in real Chromium: the bundled renderer, the browser-mode
// server and the real Viper service, which runs programs on the Virtual board (the host VM).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { formatDiagnostic } from '../../compiler/src/diagnostics';
import { check } from '../../compiler/src/index';
import {
  boardState, chooseBoard, clickConsoleText, consoleText, dblClickConsoleText, describeWithChromium, editorCursorLine, exceptionMarkLine, firstErrorMarkPosition, type Ide, openIde, ownVirtualBoardPids, pasteProgram, RESULTS_DIR, settle, startIde, stopIde, typeProgram, waitForConsole, waitForConsoleText,
} from './harness';

jest.setTimeout(90_000);

describeWithChromium('the IDE in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-'); });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
  });

  afterEach(() => context.close());

  test('runs hello on the Virtual board', async () => {
    await typeProgram(page, 'print("hello", 1 + 2)');
    await page.click('#run');
    await waitForConsole(page, 'hello 3');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-hello.png') });
  });

  test('shows a syntax error in the editor and refuses to run it', async () => {
    const source = 'print("a"';
    const [expected] = check(source, 'main.py').filter(d => d.severity === 'error');
    expect(expected).toBeDefined();
    expect(expected.line).toBe(1);

    await typeProgram(page, source);
    // The live check runs after a pause in typing; then the gutter, the mark and the summary show it.
    await page.locator('#editor .cm-lint-marker-error').waitFor();
    expect(await firstErrorMarkPosition(page)).toEqual({ line: expected.line, column: expected.column });
    await expect(page.textContent('#problems')).resolves
      .toContain(`line ${expected.line}, column ${expected.column}: ${expected.message}`);
    await page.hover('#editor .cm-lint-marker-error');
    await expect(page.locator('.cm-tooltip-lint').first().innerText()).resolves.toContain(expected.message);

    await page.click('#run');
    const shown = await waitForConsole(page, formatDiagnostic(expected));
    expect(shown).toContain('was not run');
    expect(shown).not.toContain('running main.py');
    await page.waitForTimeout(300);              // a run, had one started, would change the state
    expect(await page.getAttribute('#board-state', 'data-state')).not.toBe('running');
    expect(await consoleText(page)).not.toMatch(/^a$/m);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-diagnostic.png') });
  });

  test('an uncaught exception marks its line; clicking the traceback jumps to the line', async () => {
    await pasteProgram(page, [
      'def divide(a, b):',
      '    return a / b',
      '',
      'print("before")',
      'print(divide(1, 0))',
      'print("never")',
    ].join('\n'));
    await page.click('#run');
    const shown = await waitForConsoleText(page, 'ZeroDivisionError');
    expect(shown).toContain('File "main.py", line 5, in <module>');
    expect(shown).toContain('File "main.py", line 2, in divide');
    expect(shown).not.toContain('never');

    // The editor marks the innermost line of the program, without moving the cursor.
    await page.locator('#editor .cm-exceptionLine').waitFor();
    expect(await exceptionMarkLine(page)).toBe(2);
    await expect(page.locator('#editor .cm-exceptionText').innerText()).resolves.toContain('ZeroDivisionError');

    await clickConsoleText(page, 'File "main.py", line 5');
    expect(await settle(() => editorCursorLine(page), 5)).toBe(5);
    await clickConsoleText(page, 'File "main.py", line 2');
    expect(await settle(() => editorCursorLine(page), 2)).toBe(2);
    await expect(page.evaluate(() => document.activeElement?.closest('#editor') !== null)).resolves.toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-traceback.png') });

    // An edit makes the mark old news.
    await page.keyboard.type(' ');
    expect(await settle(() => exceptionMarkLine(page), 0)).toBe(0);
  });

  test('Stop and Ctrl-C in the console stop an endless loop; the board is ready again', async () => {
    await pasteProgram(page, 'print("looping")\nwhile True:\n    pass\n');
    expect(await page.isDisabled('#stop')).toBe(true);          // nothing to stop yet

    await page.click('#run');
    await waitForConsole(page, 'looping');
    expect(await settle(async () => (await boardState(page)).state, 'running')).toBe('running');
    await page.waitForTimeout(300);                               // it really is looping
    expect((await boardState(page)).state).toBe('running');
    await page.click('#stop');
    await waitForConsole(page, '── stopped ──');
    expect(await settle(async () => (await boardState(page)).state, 'ready')).toBe('ready');
    expect((await boardState(page)).text).toMatch(/^VM v\d+\.\d+\.\d+ ready$/);
    expect(await page.isDisabled('#stop')).toBe(true);

    await page.click('#clear-console');
    await page.click('#run');
    await waitForConsole(page, 'looping');
    expect(await settle(async () => (await boardState(page)).state, 'running')).toBe('running');
    // With text selected, Ctrl-C copies it and the program runs on.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await dblClickConsoleText(page, 'looping');
    await page.keyboard.press('Control+C');
    expect(await settle(() => page.evaluate(() => navigator.clipboard.readText()), 'looping')).toBe('looping');
    await page.waitForTimeout(300);
    expect((await boardState(page)).state).toBe('running');
    // With nothing selected (the copy cleared it), Ctrl-C in the console stops the program.
    await page.keyboard.press('Control+C');
    await waitForConsole(page, '── stopped ──');
    expect(await settle(async () => (await boardState(page)).state, 'ready')).toBe('ready');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-stop.png') });
  });

  test('threads on the Virtual board: a high-priority thread preempts a busy one, Stop ends them all', async () => {
    await pasteProgram(page, [
      'import time', 'def busy():', '    n = 0', '    while True:', '        n += 1',
      'def ticker():', '    for i in range(3):', '        print("tick", i)', '        time.sleep(0.05)', '    print("ticker done")',
      'thread(busy, prio=PRIO_LOWEST)', 'thread(ticker, prio=PRIO_HIGHER)', 'print("main done")', '',
    ].join('\n'));
    await page.click('#run');
    await waitForConsole(page, 'ticker done');                    // it ran between the busy loop's bytecodes
    const shown = await consoleText(page);                         // (ticker outranks main: tick 0 may come first)
    expect(shown).toMatch(/tick 0[\s\S]*tick 1[\s\S]*tick 2[\s\S]*ticker done/);
    expect(shown).toContain('main done');
    expect((await boardState(page)).state).toBe('running');      // busy() is not a daemon: the program goes on
    await page.click('#stop');
    await waitForConsole(page, '── stopped ──');
    expect(await settle(async () => (await boardState(page)).state, 'ready')).toBe('ready');
    await page.click('#clear-console');
    await page.click('#run');                                      // the board runs it again: nothing was left behind
    await waitForConsole(page, 'ticker done');
    await page.click('#stop');
    await waitForConsole(page, '── stopped ──');
  });

  test('killing the Virtual board mid-run says so and what to do; the next Run starts a fresh one', async () => {
    await pasteProgram(page, 'print("looping")\nwhile True:\n    pass\n');
    await page.click('#run');
    await waitForConsole(page, 'looping');
    const [pid, ...others] = ownVirtualBoardPids();
    expect(pid).toBeDefined();
    expect(others).toEqual([]);
    process.kill(pid, 'SIGKILL');

    // (The board panel beside the console narrows it: the message may wrap after "start".)
    const shown = await waitForConsoleText(page, 'Press Run to start');
    expect(shown).toContain('The Virtual board stopped: the VM was killed (SIGKILL).');
    expect(shown.replace(/\s+/g, ' ')).toContain('Press Run to start a fresh one.');
    expect(await settle(async () => (await boardState(page)).state, 'disconnected')).toBe('disconnected');
    expect((await boardState(page)).text).toContain('killed');
    expect(await page.isDisabled('#stop')).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-killed.png') });

    await pasteProgram(page, 'print("alive again")');
    await page.click('#run');
    await waitForConsoleText(page, 'alive again');
    expect(await settle(async () => (await boardState(page)).state, 'ready')).toBe('ready');
    const fresh = ownVirtualBoardPids();
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).not.toBe(pid);
  });

  test('reloading the window brings back unsaved edits, even ones made just before', async () => {
    await pasteProgram(page, 'print("kept across reloads")\n');
    await page.waitForTimeout(600);                               // past the autosave pause
    await page.keyboard.type('x = 1  # typed just before the reload');
    expect(page.url()).not.toContain('token');                    // dropped from the address once loaded
    await page.reload();                                          // no pause: the page saves as it goes
    await page.locator('#editor .cm-content').waitFor();
    const text = await page.locator('#editor .cm-content').innerText();
    expect(text).toContain('print("kept across reloads")');
    expect(text).toContain('x = 1  # typed just before the reload');
    await page.click('#run');                                     // the tab kept its token: the API still answers
    await waitForConsoleText(page, 'kept across reloads');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-reload.png') });
  });

  test('plots a sine wave live; pause, CSV and PNG export', async () => {
    const samples = 2000;
    await pasteProgram(page, SINE_PROGRAM(samples));
    await page.click('#run');
    await waitForConsole(page, '── finished ──', 60_000);
    expect(await settle(() => page.getAttribute('#plotter', 'data-points'), String(samples))).toBe(String(samples));
    expect(await page.getAttribute('#plotter', 'data-series')).toBe('2');
    await expect(page.locator('#plot-legend').innerText()).resolves.toMatch(/sin\s*cos/);
    // the picture is really drawn: many pixels in each series colour
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('#plot-canvas')!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let amber = 0;
      let blue = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] > 200 && pixels[i + 1] > 170 && pixels[i + 2] < 140) amber++;
        if (pixels[i] < 160 && pixels[i + 1] > 140 && pixels[i + 2] > 220) blue++;
      }
      return { amber, blue };
    });
    expect(painted.amber).toBeGreaterThan(500);
    expect(painted.blue).toBeGreaterThan(500);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-plotter-sine.png') });

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#plot-csv')]);
    expect(csv.suggestedFilename()).toBe('plot.csv');
    const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(samples + 1);
    expect(rows[0]).toBe('sample,sin,cos');
    const [, sine, cosine] = rows[1 + 100].split(',').map(Number);     // x = 100 * 0.05 = 5
    expect(sine).toBeCloseTo(Math.sin(5), 6);
    expect(cosine).toBeCloseTo(Math.cos(5), 6);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#plot-png')]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');

    // Paused, a new run leaves the picture alone; resumed, the next run starts afresh.
    await page.click('#plot-pause');
    expect(await page.getAttribute('#plotter', 'data-paused')).toBe('true');
    await pasteProgram(page, SINE_PROGRAM(50));
    await page.click('#clear-console');
    await page.click('#run');
    await waitForConsole(page, '── finished ──');
    expect(await page.getAttribute('#plotter', 'data-points')).toBe(String(samples));
    await page.click('#plot-pause');
    await page.click('#clear-console');
    await page.click('#run');
    await waitForConsole(page, '── finished ──');
    expect(await settle(() => page.getAttribute('#plotter', 'data-points'), '50')).toBe('50');
  });

  test('the console keeps up with megabytes of output and the page stays responsive', async () => {
    const lines = 20_000;                                           // 20,000 × 101 bytes ≈ 2 MB
    await pasteProgram(page, `row = "0123456789" * 10\nfor i in range(${lines}):\n    print(row)\nprint("all", ${lines}, "lines")\n`);
    await startLagProbe(page);
    const started = Date.now();
    await page.click('#run');
    await waitForConsole(page, `all ${lines} lines`, 60_000);
    const seconds = (Date.now() - started) / 1000;
    const worstLagMs = await worstLag(page);
    const megabytesPerSecond = (lines * 101) / 1e6 / seconds;
    console.log(`console throughput: ${(lines * 101 / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${megabytesPerSecond.toFixed(2)} MB/s; worst page stall ${worstLagMs.toFixed(0)} ms`);
    // A page that froze would stall for seconds. The figure above is the measure (173 ms on an
    // idle 2-core machine, 474 ms on a busy one): the bound only leaves room for a busy machine.
    expect(worstLagMs).toBeLessThan(1000);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-console-throughput.png') });
  });

  test('the console path keeps up with 1 MB/s of output (2 MB) without stalling the page', async () => {
    // Output events are slipped into the page's own API socket at 1 MB/s, faster than the
    // Virtual board prints today, so this measures the renderer alone: WebSocket client,
    // console, plotter.
    let inject: ((text: string) => void) | undefined;
    await page.routeWebSocket(/\/ws/, ws => {
      ws.connectToServer();
      inject = text => ws.send(JSON.stringify({ event: { kind: 'output', boardId: 'virtual', text } }));
    });
    await page.reload();
    await page.locator('#editor .cm-content').waitFor();
    await startLagProbe(page);
    const chunk = ('0123456789'.repeat(10) + '\n').repeat(40);      // 4,040 bytes, about one link frame's worth
    const chunks = 500;                                             // 2 MB
    const bytesPerMs = 1e6 / 1000;
    const started = Date.now();
    for (let i = 0; i < chunks; i++) {
      const due = started + (i * chunk.length) / bytesPerMs;
      if (Date.now() < due) await new Promise(resolve => setTimeout(resolve, due - Date.now()));
      inject!(chunk);
    }
    inject!('the end of 2 MB\n');
    const sent = Date.now();
    await waitForConsole(page, 'the end of 2 MB', 60_000);
    const behindMs = Date.now() - sent;
    const worstLagMs = await worstLag(page);
    console.log(`console path at 1 MB/s: 2.0 MB sent in ${((sent - started) / 1000).toFixed(2)} s; shown ${behindMs} ms after the last byte; worst page stall ${worstLagMs.toFixed(0)} ms`);
    expect(worstLagMs).toBeLessThan(1000);                          // frozen would be seconds (see above)
    expect(behindMs).toBeLessThan(1000);                            // it kept up: no backlog at the end
    expect(await page.getAttribute('#plotter', 'data-points')).toBe('10000');   // numbers, too: a full ring
  });

  test('autocomplete offers the VM built-ins and keywords, and the program\'s own names', async () => {
    await pasteProgram(page, 'counter = 0\n');
    await page.keyboard.type('isin');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor();
    await expect(list.innerText()).resolves.toContain('isinstance');
    await page.waitForTimeout(150);     // CodeMirror ignores Enter for 75 ms after a list opens (interactionDelay)
    await page.keyboard.press('Enter');
    await page.keyboard.type('(counter, int)\nwhi');
    await expect(list.innerText()).resolves.toContain('while');
    await page.keyboard.press('Escape');
    await page.keyboard.type('le cou');
    await expect(list.innerText()).resolves.toContain('counter');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-autocomplete.png') });
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    const text = await page.locator('#editor .cm-content').innerText();
    expect(text).toContain('isinstance(counter, int)');
    expect(text).toContain('while counter');
  });

  test('Run while a program runs stops it and runs the new one', async () => {
    await pasteProgram(page, 'print("looping")\nwhile True:\n    pass\n');
    await page.click('#run');
    await waitForConsole(page, 'looping');
    expect(await settle(async () => (await boardState(page)).state, 'running')).toBe('running');
    await pasteProgram(page, 'print("the second program")');
    await page.click('#run');
    const shown = await waitForConsole(page, 'the second program');
    expect(shown.indexOf('── stopped ──')).toBeLessThan(shown.indexOf('the second program'));
    expect(await settle(async () => (await boardState(page)).state, 'ready')).toBe('ready');
  });
});

/** A timer that should fire every 10 ms records how late it ever was: the page's worst stall. */
async function startLagProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { worstLagMs: number };
    w.worstLagMs = 0;
    let expected = performance.now() + 10;
    setInterval(() => {
      const now = performance.now();
      w.worstLagMs = Math.max(w.worstLagMs, now - expected);
      expected = now + 10;
    }, 10);
  });
}

function worstLag(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { worstLagMs: number }).worstLagMs);
}

/** Prints sin(x) and cos(x) for `samples` steps; sine by its Taylor series (no math module needed). */
const SINE_PROGRAM = (samples: number) => `def sin(x):
    pi = 3.141592653589793
    while x > pi:
        x = x - 2 * pi
    while x < -pi:
        x = x + 2 * pi
    term = x
    total = x
    n = 1
    while n < 12:
        term = -term * x * x / ((2 * n) * (2 * n + 1))
        total = total + term
        n = n + 1
    return total

x = 0.0
for i in range(${samples}):
    print("sin:", sin(x), "cos:", sin(x + 1.5707963267948966))
    x = x + 0.05
`;
