// End-to-end journeys through the gallery and projects in real Chromium: browse and search the
// examples, filter them by what the board can run, clone one into a new project under a temp
// folder, run it on the Virtual board (an LED example: the board panel shows, its LED blinks),
// save, and get unsaved edits back after the page dies. The gallery holds the shipped examples
// and the fixtures of tests/gallery/ (the ones with bad metadata are left out).
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PortInfo } from '../../main/devices/portInfo';
import {
  chooseBoard, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, ROOT, settle, startIde, stopIde, typeProgram, waitForConsole,
  watchLed, ledChanges,
} from './harness';

jest.setTimeout(90_000);

const FIXTURES = join(ROOT, 'tests', 'gallery');
// An Arduino Due on its programming port (its USB id says which board it is); never opened here.
const DUE: PortInfo = { path: '/dev/ttyACM9', vendorId: '2341', productId: '003d', serialNumber: 'DUE1' };

describeWithChromium('the gallery and projects in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;
  let plugged: PortInfo[] = [];

  beforeAll(async () => {
    ide = await startIde('viper-e2e-gallery-', tmp => {
      const examplesDir = join(tmp, 'examples');
      cpSync(join(ROOT, 'examples'), examplesDir, { recursive: true });
      for (const fixture of readdirSync(FIXTURES)) cpSync(join(FIXTURES, fixture), join(examplesDir, fixture), { recursive: true });
      return { listPorts: async () => plugged, probePort: async () => undefined, examplesDir };
    });
  });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
    plugged = [];
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
  });

  afterEach(() => context.close());

  const waitForProject = (name: string) => page.locator('[data-testid="project-name"]', { hasText: new RegExp(`^${name}$`) }).waitFor();
  const cards = () => page.locator('[data-testid="example-card"]');
  const cardTitles = () => page.locator('[data-testid="example-card"] .gallery-card-title').allInnerTexts();

  test('open the gallery, search, clone an example into a project, run it on the Virtual board', async () => {
    await page.click('[data-testid="open-gallery"]');
    await expect(page.locator('[data-testid="gallery"]').isVisible()).resolves.toBe(true);
    await cards().first().waitFor();
    const all = await cardTitles();
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all).toEqual(expect.arrayContaining(['Countdown', 'Hello', 'LED blink']));
    expect(all).not.toContain('Bad level');   // bad metadata: left out
    // Each card says its level, what it uses, what to connect and what a person sees.
    const hello = page.locator('[data-testid="example-card"][data-example-id="hello"]');
    await expect(hello.locator('[data-testid="example-level"]').innerText()).resolves.toMatch(/^beginner$/i);
    await expect(hello.locator('[data-testid="example-uses"]').innerText()).resolves.toBe('Pure Python');
    await expect(hello.locator('[data-testid="example-expect"]').innerText()).resolves.toBe(`You see: ${JSON.parse(readFileSync(join(ROOT, 'examples', 'hello', 'example.json'), 'utf8')).expect}`);
    const knob = page.locator('[data-testid="example-card"][data-example-id="knob-volts"]');
    await expect(knob.locator('[data-testid="example-uses"]').innerText()).resolves.toBe('Uses analog input (ADC)');
    await expect(knob.locator('[data-testid="example-wiring"]').innerText()).resolves.toBe('On a real board, connect a potentiometer on KNOB (A0); the Virtual board has it built in');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery.png') });

    // Search matches titles and tags.
    const total = all.length;
    await page.fill('[data-testid="gallery-search"]', 'count');
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="example-card"]').length < n, total);
    expect(await cardTitles()).toEqual(expect.arrayContaining(['Countdown', 'Word count']));
    await page.fill('[data-testid="gallery-search"]', 'loops');
    await page.waitForFunction(n => [...document.querySelectorAll('[data-testid="example-card"] .gallery-card-title')].some(t => t.textContent === 'Countdown')
      && !document.querySelector('[data-example-id="hello"]') && document.querySelectorAll('[data-testid="example-card"]').length < n, total);
    const byTag = await cardTitles();
    expect(byTag).toContain('Countdown');
    expect(byTag).not.toContain('Hello');

    // Use this example → name the project in an in-page dialog.
    await page.click('[data-testid="example-card"][data-example-id="countdown"] [data-testid="use-example"]');
    const nameInput = page.locator('[data-testid="project-name-dialog-input"]');
    await nameInput.waitFor();
    await nameInput.fill('Rocket');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery-name.png') });
    await page.click('[data-testid="project-name-dialog-ok"]');
    await page.locator('[data-testid="gallery"]').waitFor({ state: 'hidden' });
    await waitForProject('Rocket');
    const projectDir = join(ide.tmp, 'projects', 'Rocket');
    expect(readFileSync(join(projectDir, 'main.py'), 'utf8')).toBe(readFileSync(join(ROOT, 'examples', 'countdown', 'main.py'), 'utf8'));
    await expect(page.locator('#editor .cm-content').innerText()).resolves.toContain('lift off!');

    await page.click('#run');
    const shown = await waitForConsole(page, 'lift off!');
    expect(shown).toMatch(/10\s+9\s+8\s+7\s+6\s+5\s+4\s+3\s+2\s+1\s+lift off!/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery-run.png') });

    // A second clone under the same name is refused in the dialog, which stays open.
    await page.click('[data-testid="open-gallery"]');
    await page.click('[data-testid="example-card"][data-example-id="countdown"] [data-testid="use-example"]');
    await page.fill('[data-testid="project-name-dialog-input"]', 'Rocket');
    await page.click('[data-testid="project-name-dialog-ok"]');
    await page.locator('[data-testid="project-name-dialog-error"]', { hasText: 'already exists: pick another name' }).waitFor();
    await page.click('[data-testid="project-name-dialog-cancel"]');
  });

  const card = (id: string) => page.locator(`[data-testid="example-card"][data-example-id="${id}"]`);
  const shownIds = () => page.locator('[data-testid="example-card"]').evaluateAll(cards => cards.map(c => (c as HTMLElement).dataset.exampleId));
  const greyedIds = () => page.locator('[data-testid="example-card"].cannot-run').evaluateAll(cards => cards.map(c => (c as HTMLElement).dataset.exampleId));
  const listed = (ids: string[], present: boolean) => page.waitForFunction(([want, on]) =>
    (want as string[]).every(id => !!document.querySelector(`[data-testid="example-card"][data-example-id="${id}"]`) === on), [ids, present] as const);

  test('lists what the selected board can run; Show all greys the rest with the reason', async () => {
    await page.click('[data-testid="open-gallery"]');
    await cards().first().waitFor();
    // The device bar's board (the Virtual board) is the filter: an example for a real board only is left out.
    await expect(page.locator('[data-testid="gallery-board"]').inputValue()).resolves.toBe('virtual');
    await listed(['led-blink', 'led-fade', 'knob-volts', 'hello'], true);
    expect(await shownIds()).not.toContain('due-buzzer');
    await page.locator('[data-testid="gallery-status"]', { hasText: 'for Virtual board' }).waitFor();

    await page.check('[data-testid="gallery-show-all"]');
    await listed(['due-buzzer'], true);
    const greyedOnVirtual = await greyedIds();   // a fixture is for the Due only
    expect(greyedOnVirtual).toContain('due-buzzer');
    expect(greyedOnVirtual).not.toContain('led-blink');
    expect(greyedOnVirtual).not.toContain('hello');
    await expect(card('due-buzzer').locator('[data-testid="example-cannot-run"]').innerText()).resolves
      .toBe('Not on Virtual board: written for Arduino Due; needs a real board with a buzzer between D5 and GND');
    await page.locator('[data-testid="gallery-status"]', { hasText: `${greyedOnVirtual.length} greyed: it cannot run them` }).waitFor();

    // Another board: the Due has no PWM and no I2C, and no pin named KNOB.
    await page.uncheck('[data-testid="gallery-show-all"]');
    await page.locator('[data-testid="gallery-board"] option', { hasText: 'Arduino Due' }).waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="gallery-board"]', { label: 'Arduino Due' });
    await listed(['led-fade', 'i2c-scan', 'knob-volts'], false);
    await listed(['due-buzzer', 'led-blink', 'hello'], true);
    await page.check('[data-testid="gallery-show-all"]');
    await listed(['led-fade'], true);
    expect((await greyedIds()).sort()).toEqual(expect.arrayContaining(['i2c-scan', 'knob-volts', 'led-fade']));
    expect(await greyedIds()).not.toContain('led-blink');
    await expect(card('led-fade').locator('[data-testid="example-cannot-run"]').innerText()).resolves.toMatch(/^Not on Arduino Due: Arduino Due has no PWM pins; pin LED2 not on arduino_due/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery-show-all.png') });

    // All boards: nothing is greyed; a search that finds nothing says so.
    await page.selectOption('[data-testid="gallery-board"]', { value: '' });
    await page.waitForFunction(() => !document.querySelector('[data-testid="example-card"].cannot-run'));
    await listed(['due-buzzer', 'led-fade'], true);
    await expect(page.locator('[data-testid="gallery-show-all"]').isVisible()).resolves.toBe(false);
    await page.fill('[data-testid="gallery-search"]', 'no such example');
    await page.locator('[data-testid="gallery-status"]', { hasText: 'No example matches' }).waitFor();
  });

  test('clone an example that uses the LED: the project opens with the board panel on its board tab, the LED blinks', async () => {
    // The person was looking at the UART console: a pure-Python example leaves it there ...
    await page.locator('[data-testid="board-panel"]').waitFor();
    await page.click('[data-testid="board-tab-uart-1"]');
    await page.click('[data-testid="open-gallery"]');
    await card('countdown').locator('[data-testid="use-example"]').click();
    await page.fill('[data-testid="project-name-dialog-input"]', 'Plain');
    await page.click('[data-testid="project-name-dialog-ok"]');
    await waitForProject('Plain');
    await expect(page.locator('[data-testid="board-tab-board"]').getAttribute('aria-selected')).resolves.toBe('false');

    // ... one that uses the LED turns the panel to the board, its LED in view.
    await page.click('[data-testid="open-gallery"]');
    await card('led-blink').locator('[data-testid="use-example"]').click();
    await page.fill('[data-testid="project-name-dialog-input"]', 'Blinky');
    await page.click('[data-testid="project-name-dialog-ok"]');
    await waitForProject('Blinky');
    expect(readFileSync(join(ide.tmp, 'projects', 'Blinky', 'viper.json'), 'utf8')).toMatch(/"board": "virtual"/);
    await expect(page.locator('[data-testid="board-panel"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-testid="board-tab-board"]').getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('[data-testid="led-D13"]').isVisible()).resolves.toBe(true);

    // Run it: the panel's LED goes on and off at the program's rate (250 ms each way).
    await watchLed(page);
    await page.click('#run');
    await waitForConsole(page, 'off');
    const toggles = async () => {
      const changes = await ledChanges(page);
      return changes.filter((c, i) => i === 0 || c.lit !== changes[i - 1].lit);   // a redraw at the same level is no toggle
    };
    for (let i = 0; i < 100 && (await toggles()).length < 9; i++) await page.waitForTimeout(100);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery-blink.png') });
    await page.click('#stop');
    const seen = await toggles();
    expect(seen.length).toBeGreaterThanOrEqual(9);
    const gaps = seen.slice(1).map((c, i) => c.at - seen[i].at).sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)];
    expect(median).toBeGreaterThan(150);
    expect(median).toBeLessThan(400);
  });

  test('with a real board selected, the gallery lists what it can run; a cloned LED example shows its board panel', async () => {
    plugged = [DUE];
    await page.locator('#board-select option', { hasText: 'Arduino Due' }).waitFor({ state: 'attached', timeout: 5000 });
    await page.selectOption('#board-select', DUE.path);
    await expect(page.locator('[data-testid="board-panel"]').isVisible()).resolves.toBe(false);   // nothing reported yet
    await page.click('[data-testid="open-gallery"]');
    await cards().first().waitFor();
    await expect(page.locator('[data-testid="gallery-board"]').inputValue()).resolves.toBe('arduino_due');
    await listed(['led-fade', 'knob-volts'], false);
    await listed(['due-buzzer', 'led-blink'], true);

    await card('led-blink').locator('[data-testid="use-example"]').click();
    await page.fill('[data-testid="project-name-dialog-input"]', 'Due blink');
    await page.click('[data-testid="project-name-dialog-ok"]');
    await waitForProject('Due blink');
    expect(readFileSync(join(ide.tmp, 'projects', 'Due blink', 'viper.json'), 'utf8')).toMatch(/"board": "arduino_due"/);
    await page.locator('[data-testid="board-panel"]').waitFor();
    await expect(page.locator('[data-testid="board-heading"]').innerText()).resolves.toBe('Arduino Due — /dev/ttyACM9 · read-only');
  });

  test('Ctrl+S saves into the project; unsaved edits come back after the page dies', async () => {
    const project = await ide.service.cloneExample({ id: 'hello', name: 'Saver', board: 'virtual' });
    await ide.service.openProject({ dir: project.dir });   // first in the recent list
    await page.click('[data-testid="open-projects"]');
    await page.click('[data-testid="recent-project"]:first-child [data-testid="open-recent"]');
    await waitForProject('Saver');

    await typeProgram(page, 'print("saved edit")\n');
    await page.keyboard.press('ControlOrMeta+S');
    await waitForConsole(page, 'saved main.py in Saver');
    expect(readFileSync(join(project.dir, 'main.py'), 'utf8')).toBe('print("saved edit")\n');
    await expect(page.getAttribute('[data-testid="project-name"]', 'data-dirty')).resolves.toBe('false');

    // An edit that is never saved, then the page is killed without warning.
    await typeProgram(page, 'print("never saved")\n');
    await expect(page.getAttribute('[data-testid="project-name"]', 'data-dirty')).resolves.toBe('true');
    await page.waitForTimeout(1200);                    // the stash is written after a short pause
    await page.close({ runBeforeUnload: false });
    expect(readFileSync(join(project.dir, 'main.py'), 'utf8')).toBe('print("saved edit")\n');

    page = await context.newPage();
    await page.goto(ide.server.url);
    await page.locator('[data-testid="restore"]').waitFor();
    await expect(page.locator('[data-testid="restore-preview"]').innerText()).resolves.toContain('never saved');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-restore.png') });
    await page.click('[data-testid="restore-keep"]');
    await waitForProject('Saver');
    await page.locator('#editor .cm-content', { hasText: 'never saved' }).waitFor();
    await page.click('[data-testid="save"]');
    await waitForConsole(page, 'saved main.py in Saver');
    expect(readFileSync(join(project.dir, 'main.py'), 'utf8')).toBe('print("never saved")\n');

    // Keystrokes just before a reload are kept too (written when the page goes away).
    await typeProgram(page, 'print("just typed")');
    await page.reload();
    await page.locator('[data-testid="restore"]').waitFor();
    await expect(page.locator('[data-testid="restore-preview"]').innerText()).resolves.toContain('just typed');
    await page.click('[data-testid="restore-discard"]');
    await waitForProject('Saver');
    await page.locator('#editor .cm-content', { hasText: 'never saved' }).waitFor();
    for (let i = 0; i < 50 && (await ide.service.recoverBuffers({ dir: project.dir })).length; i++) await page.waitForTimeout(100);
    expect(await ide.service.recoverBuffers({ dir: project.dir })).toEqual([]);   // the discarded edit is gone
  });

  test('the IDE as the README shows it: a cloned two-file project, its output in the console and the plotter', async () => {
    const project = await ide.service.cloneExample({ id: 'shapes-module', name: 'Spring', board: 'virtual' });
    await ide.service.openProject({ dir: project.dir });   // first in the recent list
    await page.click('[data-testid="open-projects"]');
    await page.click('[data-testid="recent-project"]:first-child [data-testid="open-recent"]');
    await waitForProject('Spring');
    await pasteProgram(page, SPRING_PROGRAM);
    await page.click('#run');
    await waitForConsole(page, 'at rest: True');
    expect(await settle(() => page.getAttribute('#plotter', 'data-points'), '120')).toBe('120');
    expect(await page.getAttribute('#plotter', 'data-series')).toBe('2');
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual([expect.stringContaining('main.py'), expect.stringContaining('shapes.py')]);
    await page.screenshot({ path: join(RESULTS_DIR, 'readme-screenshot.png') });   // docs/screenshot.png is a copy
  });
});

// A spring and its damper, step by step: two numbers a line, so the plotter draws both.
const SPRING_PROGRAM = `# A weight on a spring, with a damper: the plotter draws where it is and how fast it moves.
from shapes import Circle

weight = Circle(0.5)
position, speed = 1.0, 0.0
for step in range(120):
    speed -= (4 * position + 0.4 * speed) * 0.1
    position += speed * 0.1
    print("position:", round(position, 3), "speed:", round(speed, 3))
print(weight, "at rest:", abs(position) < 0.2)
`;
