// End-to-end journeys through the console as Python's interactive prompt, in real Chromium with
// the real service and the Virtual board: entries typed and pasted, names kept between entries,
// tracebacks and syntax errors, Ctrl-D and the Reset button, and input() answered from the console.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chooseBoard, consoleText, describeWithChromium, type Ide, openIde, RESULTS_DIR, startIde, stopIde, typeProgram, waitForConsoleText,
} from './harness';

jest.setTimeout(90_000);

/** The console's rows with trailing blanks dropped, and without the empty rows at the end. */
async function rows(page: Page): Promise<string[]> {
  const lines = (await consoleText(page)).split('\n').map(l => l.trimEnd());
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines;
}

/** Waits until the last row is an empty prompt (`>>> ` or `... `). */
async function waitForPrompt(page: Page, prompt = '>>>', timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await rows(page);
    if (shown[shown.length - 1] === prompt) return shown;
    if (Date.now() > deadline) throw new Error(`the console never came back to ${JSON.stringify(prompt)}; it shows:\n${shown.join('\n')}`);
    await page.waitForTimeout(50);
  }
}

/** Types one line at the prompt and presses Enter; waits for the next prompt. */
async function enter(page: Page, line: string, prompt = '>>>'): Promise<string[]> {
  await page.keyboard.type(line);
  let before = await rows(page);
  for (const deadline = Date.now() + 5000; !before[before.length - 1]?.endsWith(line.trimEnd()) && Date.now() < deadline;) {
    await page.waitForTimeout(20);                    // the typed line is drawn once per frame
    before = await rows(page);
  }
  if (before[before.length - 1] === prompt) throw new Error(`the console shows ${prompt} before Enter: use a line that is not empty`);
  // Until Enter is drawn the last row shows the typed line: an empty prompt there is the next one.
  await page.keyboard.press('Enter');
  return waitForPrompt(page, prompt);
}

/** What the console shows after the last `>>> <entry>` row, up to the prompt after it. */
function resultOf(shown: string[], entry: string): string[] {
  const at = shown.lastIndexOf(`>>> ${entry}`);
  if (at < 0) throw new Error(`the console does not show ">>> ${entry}":\n${shown.join('\n')}`);
  return shown.slice(at + 1, -1);
}

/** Pastes text into the console the way the browser does: a paste event on xterm's textarea. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate(t => {
    const area = document.querySelector('#console .xterm-helper-textarea') as HTMLTextAreaElement;
    const data = new DataTransfer();
    data.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describeWithChromium('the REPL in the console', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-repl-'); });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
    await waitForPrompt(page);
    await page.click('#console');
    await ide.service.reset({ boardId: 'virtual' });          // every journey starts with no names
  });

  afterEach(() => context.close());

  test('evaluates entries, keeps names, takes a def over several lines, shows tracebacks and syntax errors', async () => {
    expect(resultOf(await enter(page, '1+1'), '1+1')).toEqual(['2']);
    expect(resultOf(await enter(page, 'x = 5'), 'x = 5')).toEqual([]);
    expect(resultOf(await enter(page, 'x * 2'), 'x * 2')).toEqual(['10']);

    await enter(page, 'def greet(name):', '...');
    await enter(page, '    return "hi " + name', '...');
    let shown = await enter(page, '');
    expect(shown.slice(-4)).toEqual(['>>> def greet(name):', '...     return "hi " + name', '...', '>>>']);
    expect(resultOf(await enter(page, 'greet("Ada")'), 'greet("Ada")')).toEqual(["'hi Ada'"]);

    shown = await enter(page, 'greet(1)');
    expect(resultOf(shown, 'greet(1)')).toEqual([
      'Traceback (most recent call last):',
      '  File "<stdin>", line 1, in <module>',
      '  File "<stdin>", line 2, in greet',
      expect.stringMatching(/^TypeError: /),
    ]);

    shown = await enter(page, 'print(x +)');
    expect(resultOf(shown, 'print(x +)')).toEqual([expect.stringMatching(/^<stdin>:1:10: error: /)]);
    expect(resultOf(await enter(page, 'x'), 'x')).toEqual(['5']);        // the session lives on

    // Line editing and history: Home, End, Left, Backspace, Up.
    await page.keyboard.type('x + 10');
    await page.keyboard.press('Home');
    await page.keyboard.type('-');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    expect(resultOf(await waitForPrompt(page), '-x + 200')).toEqual(['195']);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await waitForPrompt(page, '>>> x');                   // two entries back
    await page.keyboard.press('ArrowDown');
    await waitForPrompt(page, '>>> -x + 200');
    await page.keyboard.press('Enter');
    const again = await waitForPrompt(page);
    expect(again.slice(-5)).toEqual(['>>> -x + 200', '195', '>>> -x + 200', '195', '>>>']);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-repl.png') });
  });

  test('runs a paste of several lines entry by entry, in order', async () => {
    await paste(page, [
      'a = 2',
      'b = 3',
      'def add(p, q):',
      '    s = p + q',
      '    return s',
      'for i in range(2):',
      '    print("row", i)',
      'print(add(a, b) * 10)',
      '',
    ].join('\n'));
    const shown = await waitForConsoleText(page, '50');
    const from = shown.split('\n').map(l => l.trimEnd());
    const start = from.indexOf('>>> a = 2');
    expect(from.slice(start, start + 10)).toEqual([
      '>>> a = 2', '>>> b = 3', '>>> def add(p, q):', '...     s = p + q', '...     return s',
      '... for i in range(2):', '...     print("row", i)', '... print(add(a, b) * 10)', 'row 0', 'row 1',
    ]);
    expect(await waitForPrompt(page)).toContain('50');
    expect(resultOf(await enter(page, 'add(a, 1)'), 'add(a, 1)')).toEqual(['3']);
  });

  test('Ctrl-D and the Reset button soft-reset the board: names are gone', async () => {
    await enter(page, 'kept = 42');
    expect(resultOf(await enter(page, 'kept'), 'kept')).toEqual(['42']);
    await page.keyboard.press('Control+D');
    await waitForConsoleText(page, 'soft reset');
    await waitForPrompt(page);
    let shown = await enter(page, 'kept');
    expect(resultOf(shown, 'kept').pop()).toMatch(/^NameError: .*kept/);

    await enter(page, 'again = 1');
    expect(resultOf(await enter(page, 'again'), 'again')).toEqual(['1']);
    await page.click('#reset');
    await waitForPrompt(page);
    await page.click('#console');
    shown = await enter(page, 'again');
    expect(resultOf(shown, 'again').pop()).toMatch(/^NameError: .*again/);
  });

  test('a running program reads a line typed in the console with input()', async () => {
    await typeProgram(page, 'name = input("name? ")\nprint("Hello, " + name + "!")\n');
    await page.click('#run');
    await waitForConsoleText(page, 'name? ');
    await page.click('#console');
    await page.keyboard.type('Bobb');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await waitForConsoleText(page, 'Hello, Bob!');
    const shown = await waitForPrompt(page);
    expect(shown).toContain('name? Bob');
    expect(shown.slice(-3)).toEqual(['Hello, Bob!', '── finished ──', '>>>']);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-repl-input.png') });
  });

  test('the device bar shows how far an upload has come', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { boardStates: string[] }).boardStates = seen;
      const el = document.querySelector('#board-state')!;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    const lines = Array.from({ length: 400 }, (_, i) => `v${i} = ${i} * 3 + ${i}`);
    await typeProgram(page, 'print("start")\n');
    await page.keyboard.insertText(lines.join('\n') + '\nprint("end", v399)\n');
    await page.click('#run');
    await waitForConsoleText(page, 'end 1596');
    const states = await page.evaluate(() => (window as unknown as { boardStates: string[] }).boardStates);
    const percents = states.map(t => /uploading (\d+)%/.exec(t)?.[1]).filter((p): p is string => p !== undefined).map(Number);
    expect(percents.length).toBeGreaterThan(2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents[percents.length - 1]).toBe(100);
  });
});
