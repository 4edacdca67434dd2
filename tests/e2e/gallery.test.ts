// End-to-end journeys through the gallery and projects in real Chromium: browse and search the
// examples, clone one into a new project under a temp folder, run it on the Virtual board, save,
// and get unsaved edits back after the page dies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chooseBoard, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, ROOT, settle, startIde, stopIde, typeProgram, waitForConsole,
} from './harness';

jest.setTimeout(90_000);

describeWithChromium('the gallery and projects in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-gallery-', () => ({ listPorts: async () => [] })); });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
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
    expect(all).toEqual(expect.arrayContaining(['Countdown', 'Hello']));
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-gallery.png') });

    // Search matches titles and tags.
    await page.fill('[data-testid="gallery-search"]', 'count');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="example-card"]').length === 2);
    expect((await cardTitles()).sort()).toEqual(['Countdown', 'Word count']);
    await page.fill('[data-testid="gallery-search"]', 'loops');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="example-card"] .gallery-card-title')].some(t => t.textContent === 'Countdown')
      && document.querySelectorAll('[data-testid="example-card"]').length < 9);
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

  test('filters by board', async () => {
    await page.click('[data-testid="open-gallery"]');
    await cards().first().waitFor();
    const all = (await cardTitles()).length;
    await page.locator('[data-testid="gallery-board"] option', { hasText: 'Arduino Due' }).waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="gallery-board"]', { label: 'Arduino Due' });
    // Examples for "any" board stay; there are no board-specific examples yet, so nothing drops out.
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="example-card"]').length === n, all);
    await page.fill('[data-testid="gallery-search"]', 'no such example');
    await page.locator('[data-testid="gallery-status"]', { hasText: 'No example matches' }).waitFor();
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
