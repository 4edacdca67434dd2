// End-to-end journey through a project of several files in real Chromium: "+" makes helper.py
// in a tab, main.py imports it and runs on the Virtual board, a traceback line in helper.py opens
// its tab at that line, and unsaved edits in helper.py come back after a reload; a module is
// renamed from its tab (keeping its unsaved text) and deleted with its "×".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chooseBoard, clickConsoleText, describeWithChromium, editorCursorLine, exceptionMarkLine, type Ide, openIde, pasteProgram, RESULTS_DIR, settle, startIde, stopIde,
  waitForConsole, waitForConsoleText,
} from './harness';

jest.setTimeout(90_000);

const HELPER = [
  'def greet(name):',
  '    return "hello " + name',
  '',
  'def fail():',
  '    print("failing")',
  '    raise ValueError("helper broke")',
].join('\n');

describeWithChromium('a project of several files in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => { ide = await startIde('viper-e2e-modules-', () => ({ listPorts: async () => [] })); });
  afterAll(() => stopIde(ide));
  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
  });
  afterEach(() => context.close());

  const tab = (file: string) => page.locator(`[data-testid="file-tab"][data-file="${file}"]`);
  const shownFile = () => page.getAttribute('[data-testid="file-tab"][aria-selected="true"]', 'data-file');
  const editorText = () => page.locator('#editor .cm-content').innerText();

  test('a second file in a tab: import it, run it, follow its traceback, keep its unsaved edits', async () => {
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py']);

    // "+" without a project makes the project first, then asks for the module's name.
    await page.click('[data-testid="new-file"]');
    await page.fill('[data-testid="new-project-input"]', 'Tabs');
    await page.click('[data-testid="new-project-ok"]');
    await page.locator('[data-testid="project-name"]', { hasText: /^Tabs$/ }).waitFor();
    const projectDir = join(ide.tmp, 'projects', 'Tabs');

    // Names that cannot be imported, or that the project has, are refused in the dialog.
    await page.fill('[data-testid="new-module-input"]', 'my-helper');
    await page.click('[data-testid="new-module-ok"]');
    await page.locator('[data-testid="new-module-error"]', { hasText: 'cannot be imported' }).waitFor();
    await page.fill('[data-testid="new-module-input"]', 'main');
    await page.click('[data-testid="new-module-ok"]');
    await page.locator('[data-testid="new-module-error"]', { hasText: 'already has main.py' }).waitFor();
    await page.fill('[data-testid="new-module-input"]', 'helper');
    await page.click('[data-testid="new-module-ok"]');
    await page.locator('[data-testid="new-module"]').waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py', 'helper.py']);
    expect(await shownFile()).toBe('helper.py');
    expect(readFileSync(join(projectDir, 'helper.py'), 'utf8')).toBe('');

    await pasteProgram(page, HELPER);
    await expect(tab('helper.py').getAttribute('data-dirty')).resolves.toBe('true');
    await expect(tab('main.py').getAttribute('data-dirty')).resolves.toBe('false');

    await tab('main.py').click();
    await expect(editorText()).resolves.not.toContain('def greet');
    await pasteProgram(page, 'import helper\nprint(helper.greet("tabs"))\n');
    await page.click('#run');
    await waitForConsole(page, 'hello tabs');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-modules-run.png') });

    // Each file keeps its own undo history: undo in helper.py leaves main.py alone.
    await tab('helper.py').click();
    await expect(editorText()).resolves.toContain('def greet');
    await page.click('#editor .cm-content');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editorText()).resolves.not.toContain('def greet');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(editorText()).resolves.toContain('def greet');
    await tab('main.py').click();
    await expect(editorText()).resolves.toContain('print(helper.greet("tabs"))');

    // Save writes every file with unsaved edits.
    await page.keyboard.press('ControlOrMeta+S');
    await waitForConsole(page, 'saved main.py, helper.py in Tabs');
    expect(readFileSync(join(projectDir, 'helper.py'), 'utf8')).toBe(HELPER);
    await expect(tab('helper.py').getAttribute('data-dirty')).resolves.toBe('false');

    // An exception inside helper.py: its traceback line opens helper.py's tab at that line, marked.
    await pasteProgram(page, 'import helper\nprint("calling")\nhelper.fail()\n');
    await page.click('#clear-console');
    await page.click('#run');
    const shown = await waitForConsoleText(page, 'ValueError: helper broke');
    expect(shown).toContain('File "main.py", line 3, in <module>');
    expect(shown).toContain('File "helper.py", line 6, in fail');
    expect(await shownFile()).toBe('main.py');
    expect(await exceptionMarkLine(page)).toBe(0);               // the mark is in helper.py, not here
    await clickConsoleText(page, 'File "helper.py", line 6');
    expect(await settle(shownFile, 'helper.py')).toBe('helper.py');
    expect(await settle(() => editorCursorLine(page), 6)).toBe(6);
    expect(await exceptionMarkLine(page)).toBe(6);
    await expect(page.locator('#editor .cm-exceptionText').innerText()).resolves.toContain('ValueError: helper broke');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-modules-traceback.png') });
    await clickConsoleText(page, 'File "main.py", line 3');
    expect(await settle(shownFile, 'main.py')).toBe('main.py');
    expect(await settle(() => editorCursorLine(page), 3)).toBe(3);

    // Unsaved edits in helper.py (and main.py's, since the save) survive a reload.
    await tab('helper.py').click();
    await page.click('#editor .cm-content');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n# an unsaved tweak');
    await expect(tab('helper.py').getAttribute('data-dirty')).resolves.toBe('true');
    await page.reload();                                          // no pause: the page stashes as it goes
    await page.locator('[data-testid="restore"]').waitFor();
    await expect(page.locator('[data-testid="restore-preview"][data-file="helper.py"]').innerText()).resolves.toContain('# an unsaved tweak');
    await expect(page.locator('[data-testid="restore-preview"][data-file="main.py"]').innerText()).resolves.toContain('helper.fail()');
    await page.click('[data-testid="restore-keep"]');
    await page.locator('[data-testid="project-name"]', { hasText: /^Tabs$/ }).waitFor();
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py ●', 'helper.py ●']);
    await expect(tab('helper.py').getAttribute('data-dirty')).resolves.toBe('true');
    await expect(editorText()).resolves.toContain('helper.fail()');
    await tab('helper.py').click();
    await expect(editorText()).resolves.toContain('# an unsaved tweak');
    expect(readFileSync(join(projectDir, 'helper.py'), 'utf8')).toBe(HELPER);   // still unsaved on disk
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-modules-restored.png') });
  });

  test('a module is renamed from its tab, keeping its unsaved edits, then deleted with its ×', async () => {
    const project = await ide.service.createProject({ name: 'Renames', board: 'virtual' });
    await ide.service.saveFile({ dir: project.dir, file: 'main.py', text: 'import helper\nprint(helper.greet("x"))\n' });
    await ide.service.saveFile({ dir: project.dir, file: 'helper.py', text: HELPER });
    await page.click('[data-testid="open-projects"]');
    await page.click('[data-testid="recent-project"]:first-child [data-testid="open-recent"]');
    await page.locator('[data-testid="project-name"]', { hasText: /^Renames$/ }).waitFor();
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py', 'helper.py']);
    await expect(page.locator('[data-testid="file-delete"]').count()).resolves.toBe(1);   // main.py has no ×

    // An unsaved edit, then a rename: the name is checked against the other files, as for "+".
    await tab('helper.py').click();
    await page.click('#editor .cm-content');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n# unsaved before the rename');
    await tab('helper.py').dblclick();
    await page.fill('[data-testid="rename-module-input"]', 'main');
    await page.click('[data-testid="rename-module-ok"]');
    await page.locator('[data-testid="rename-module-error"]', { hasText: 'already has main.py' }).waitFor();
    await page.fill('[data-testid="rename-module-input"]', 'sensors');
    await page.click('[data-testid="rename-module-ok"]');
    await page.locator('[data-testid="rename-module"]').waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py', 'sensors.py ●']);
    expect(await shownFile()).toBe('sensors.py');
    await expect(editorText()).resolves.toContain('# unsaved before the rename');
    await expect(page.locator('#editor .cm-content').getAttribute('aria-label')).resolves.toBe('Python file sensors.py');
    expect(existsSync(join(project.dir, 'helper.py'))).toBe(false);
    expect(readFileSync(join(project.dir, 'sensors.py'), 'utf8')).toBe(HELPER);   // renamed, the edit still unsaved
    await page.click('#editor .cm-content');
    await page.keyboard.press('ControlOrMeta+Z');                                   // its undo history came along
    await expect(editorText()).resolves.not.toContain('# unsaved before the rename');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(editorText()).resolves.toContain('# unsaved before the rename');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-modules-renamed.png') });

    // Deleting asks first, and says the unsaved edits go too; Cancel keeps everything.
    await page.click('[data-testid="file-delete"][data-file="sensors.py"]');
    await expect(page.locator('[data-testid="delete-module-text"]').innerText()).resolves.toContain('unsaved edits');
    await page.click('[data-testid="delete-module-cancel"]');
    await page.locator('[data-testid="delete-module"]').waitFor({ state: 'detached' });
    expect(existsSync(join(project.dir, 'sensors.py'))).toBe(true);
    await page.click('[data-testid="file-delete"][data-file="sensors.py"]');
    await page.click('[data-testid="delete-module-ok"]');
    await waitForConsole(page, 'deleted sensors.py from Renames');
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py']);
    expect(await shownFile()).toBe('main.py');
    expect(existsSync(join(project.dir, 'sensors.py'))).toBe(false);
    expect(existsSync(join(project.dir, 'main.py'))).toBe(true);

    // Nothing of it comes back: no restore offer after a reload, no tab.
    await page.reload();
    await page.locator('[data-testid="project-name"]', { hasText: /^Renames$/ }).waitFor();
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py']);
    expect(await page.locator('[data-testid="restore"]').count()).toBe(0);
  });

  test('each tab is checked as it is shown; a broken module stops Run and its error opens its tab', async () => {
    const project = await ide.service.createProject({ name: 'Broken', board: 'virtual' });
    await ide.service.saveFile({ dir: project.dir, file: 'main.py', text: 'import sensors\nprint(sensors.read())\n' });
    await ide.service.saveFile({ dir: project.dir, file: 'sensors.py', text: 'def read(:\n    return 1\n' });
    await page.click('[data-testid="open-projects"]');
    await page.click('[data-testid="recent-project"]:first-child [data-testid="open-recent"]');
    await page.locator('[data-testid="project-name"]', { hasText: /^Broken$/ }).waitFor();
    await expect(page.locator('[data-testid="file-tab"]').allInnerTexts()).resolves.toEqual(['main.py', 'sensors.py']);

    await page.locator('#problems', { hasText: 'no problems' }).waitFor();
    await tab('sensors.py').click();
    await page.locator('#problems', { hasText: 'line 1, column 9' }).waitFor();
    await page.locator('#editor .cm-lint-marker-error').waitFor();
    await tab('main.py').click();
    await page.locator('#problems', { hasText: 'no problems' }).waitFor();

    await page.click('#run');
    const shown = await waitForConsoleText(page, 'main.py was not run');
    expect(shown).toContain('sensors.py:1:9: error');
    await clickConsoleText(page, 'sensors.py:1:9');
    expect(await settle(shownFile, 'sensors.py')).toBe('sensors.py');
    await expect(page.textContent('#problems')).resolves.toContain('line 1, column 9');   // at once, not after the typing pause
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-modules-diagnostic.png') });
  });
});
