// End-to-end journeys through the board picker and Burn VM in real Chromium: serial ports appear
// and go within ~2 s, a generic USB-serial adapter asks once which board it is, a port where a VM
// answers (found in the background) is "VM vX ready" and asks nothing, and burning where
// no VM image exists says how to build one. The Burn VM dialog offers each board with firmware
// (boards/*.json) with its methods and its state, and an untested board must be acknowledged.
// (Burning against a simulated bootloader is covered by jest in main/flash.)
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { BURNABLE_BOARDS } from '../../main/devices/boardTable';
import type { PortInfo } from '../../main/devices/portInfo';
import { probeVm } from '../../main/devices/probeVm';
import { startFakeVm } from '../../main/devices/testing/fakeVm';
import { boardWithOwnUsbId } from '../../main/devices/testing/usbBoards';
import { openPtyPair } from '../../main/devices/testing/ptyPair';
import { startPtyBoard } from '../../main/devices/virtualBoard';
import {
  boardState, consoleText, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, settle, startIde, stopIde, typeProgram, waitForConsole,
} from './harness';

jest.setTimeout(90_000);

// A board whose USB id says which it is (the Arduino Due's programming port when boards/ has it).
const own = boardWithOwnUsbId();
const OWN: PortInfo = { path: '/dev/ttyACM7', vendorId: own.vendorId, productId: own.productId, serialNumber: 'OWN1' };
const OWN_LABEL = `${own.name} — /dev/ttyACM7`;
const CH340: PortInfo = { path: '/dev/ttyUSB3', vendorId: '1a86', productId: '7523' };

describeWithChromium('boards and Burn VM in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;
  let plugged: PortInfo[] = [];

  beforeAll(async () => { ide = await startIde('viper-e2e-boards-', tmp => {
    mkdirSync(join(tmp, 'media', 'NODE_F401RE'), { recursive: true });   // an ST-LINK drive where drives are mounted
    // Only the ptys this journey makes are probed: /dev/ttyACM7 may be a real board on this machine.
    const ours = (path: string) => path.startsWith('/dev/pts/') || path.startsWith(tmpdir());
    return { stlinkDriveRoots: [join(tmp, 'media')], listPorts: async () => plugged, probePort: async path => ours(path) ? probeVm(path, { timeoutMs: 400 }) : undefined };
  }); });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
    ({ context, page } = await openIde(ide));
    plugged = [];
    await page.locator('#board-select option', { hasText: 'Virtual board' }).waitFor({ state: 'attached' });
  });

  afterEach(() => context.close());

  const option = (text: string) => page.locator('#board-select option', { hasText: text });

  test('ports appear and go within 2 s; a generic adapter asks once which board it is', async () => {
    plugged = [OWN];
    let since = Date.now();
    await option(OWN_LABEL).waitFor({ state: 'attached', timeout: 2500 });
    expect(Date.now() - since).toBeLessThan(2500);

    plugged = [OWN, CH340];
    await option('WCH CH340 USB-serial — /dev/ttyUSB3').waitFor({ state: 'attached', timeout: 2500 });
    await page.selectOption('#board-select', '/dev/ttyUSB3');
    await page.locator('[data-testid="which-board"]').waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-which-board.png') });
    await page.selectOption('[data-testid="which-board-select"]', 'nucleo_f401re');
    await page.click('[data-testid="which-board-ok"]');
    await option('ST Nucleo-F401RE — /dev/ttyUSB3').waitFor({ state: 'attached' });
    expect(JSON.parse(readFileSync(join(ide.tmp, 'settings', 'boards.json'), 'utf8')).devices).toEqual({ 'path:/dev/ttyUSB3': 'nucleo_f401re' });

    // Choosing it again does not ask again.
    await page.selectOption('#board-select', 'virtual');
    await page.selectOption('#board-select', '/dev/ttyUSB3');
    await page.waitForTimeout(300);
    await expect(page.locator('[data-testid="which-board"]').count()).resolves.toBe(0);

    since = Date.now();
    plugged = [CH340];
    await option(OWN_LABEL).waitFor({ state: 'detached', timeout: 2500 });
    expect(Date.now() - since).toBeLessThan(2500);
  });

  test('a port where a VM answers is listed as ready, asks nothing, runs a program, and keeps one to run at boot (the host VM on a pty)', async () => {
    const storeFile = join(ide.tmp, 'board.store');           // its flash: kept across its restarts
    let board = await startPtyBoard({ storeFile, autorun: true });
    const silent = await openPtyPair();                        // a port where nobody answers
    const adapter = await openPtyPair();                       // a CH340 whose VM says which board it is
    const fake = await startFakeVm(adapter.board, { boardId: 'nucleo_f401re' });
    try {
      const since = Date.now();
      plugged = [{ path: board.path }, { path: silent.host }, { path: adapter.host, vendorId: '1a86', productId: '7523' }];
      const ready = option(`Serial port — ${board.path} · VM v`);
      await ready.waitFor({ state: 'attached', timeout: 2500 });
      expect(Date.now() - since).toBeLessThan(2500);           // listed, probed and shown within one poll
      expect(await ready.textContent()).toMatch(/ · VM v\d+\.\d+\.\d+ ready$/);
      await option(`ST Nucleo-F401RE — ${adapter.host} · VM v0.3.1 ready`).waitFor({ state: 'attached', timeout: 2500 });
      await expect(option(silent.host).textContent()).resolves.toBe(`Serial port — ${silent.host}`);

      await page.selectOption('#board-select', board.path);
      await expect(page.locator('#board-state').innerText()).resolves.toMatch(/^VM v\d+\.\d+\.\d+ ready · connects when you press Run$/);
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-port-vm-ready.png') });
      await page.selectOption('#board-select', adapter.host);   // a generic adapter, but its VM said
      await page.selectOption('#board-select', board.path);
      await page.waitForTimeout(300);
      await expect(page.locator('[data-testid="which-board"]').count()).resolves.toBe(0);

      await typeProgram(page, 'print("over the wire", 6 * 7)');
      await page.click('#run');
      await waitForConsole(page, 'over the wire 42');
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-serial-run.png') });

      // Keep it on the board: ticked, Run stores the program to run whenever the board starts.
      const keep = page.locator('[data-testid="run-at-boot"]');
      const kept = page.locator('[data-testid="board-program"]');
      await expect(keep.isVisible()).resolves.toBe(true);
      await expect(keep.isChecked()).resolves.toBe(false);
      await settle(() => kept.innerText(), 'program stored');
      await keep.check();
      await pasteProgram(page, 'import time\nwhile True:\n    print("tick")\n    time.sleep_ms(500)\n');
      await page.click('#run');
      // the note is wider than the console: compared without the line breaks and spaces of its wrapping
      const unwrapped = async () => (await consoleText(page)).replace(/\s+/g, '');
      const noteThenTick = ',kepttorunatboot──tick';
      await settle(async () => (await unwrapped()).includes(noteThenTick), true);
      await expect(unwrapped()).resolves.toContain(noteThenTick);
      await settle(() => kept.innerText(), 'program runs at boot');
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-run-at-boot.png') });
      await page.click('#stop');
      await waitForConsole(page, '── stopped ──');
      // idle, Stop stays offered: pressed within a second of a reset, it skips the boot program
      await settle(async () => (await boardState(page)).state, 'ready');
      await expect(page.locator('#stop').isEnabled()).resolves.toBe(true);

      // The board restarts (reset, power) and runs its program by itself; the IDE finds it running,
      // and Run stops it before sending the new one.
      await board.stop();
      board = await startPtyBoard({ storeFile, autorun: true });
      plugged = [{ path: board.path }];
      await option(`Serial port — ${board.path} · VM v`).waitFor({ state: 'attached', timeout: 5000 });
      await page.selectOption('#board-select', board.path);
      await keep.uncheck();
      await typeProgram(page, 'print("replaced", 6 * 7)');
      await page.click('#run');
      const shown = await waitForConsole(page, 'replaced 42');
      const lastRun = shown.slice(shown.lastIndexOf('── running main.py'));
      expect(lastRun.indexOf('── stopped ──')).toBeGreaterThan(0);                        // the boot program, stopped
      expect(lastRun.indexOf('── stopped ──')).toBeLessThan(lastRun.indexOf('replaced 42'));
      await settle(() => kept.innerText(), 'program stored');
    } finally {
      await fake.close();
      await Promise.all([board.stop(), silent.close(), adapter.close()]);
    }
  });

  test('the Virtual board emulates a board\'s RAM: MemoryError where the desktop runs; the choice is kept', async () => {
    const TABLE = 'table = {i: str(i) for i in range(20000)}\nprint(len(table), table[19999])\n';
    const ram = page.locator('[data-testid="virtual-ram"]');
    plugged = [OWN];
    await option(OWN_LABEL).waitFor({ state: 'attached' });
    await page.selectOption('#board-select', '/dev/ttyACM7');
    await expect(ram.isHidden()).resolves.toBe(true);            // a real board has the RAM it has
    await page.selectOption('#board-select', 'virtual');
    await expect(ram.isVisible()).resolves.toBe(true);

    await page.selectOption('[data-testid="virtual-ram"]', 'nucleo_f401re');
    await waitForConsole(page, "The Virtual board's heap is now Nucleo-F401RE (48 KB)");
    await pasteProgram(page, TABLE);
    await page.click('#run');
    await waitForConsole(page, 'MemoryError');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-virtual-ram.png') });

    await page.reload();                                        // the choice stays with the window
    await page.locator('#board-select option', { hasText: 'Virtual board' }).waitFor({ state: 'attached' });
    await expect(ram.inputValue()).resolves.toBe('nucleo_f401re');
    await page.selectOption('#board-select', 'virtual');
    await page.selectOption('[data-testid="virtual-ram"]', 'desktop');
    await page.click('#run');
    await waitForConsole(page, '20000 19999');
  });

  test('the Virtual board keeps a program to run at boot: started again, it runs it, and Run stops it first', async () => {
    await page.selectOption('#board-select', 'virtual');
    const keep = page.locator('[data-testid="run-at-boot"]');
    await keep.check();
    await pasteProgram(page, 'import time\nwhile True:\n    print("from boot")\n    time.sleep_ms(300)\n');
    await page.click('#run');
    await waitForConsole(page, 'from boot');
    await settle(() => page.locator('[data-testid="board-program"]').innerText(), 'program runs at boot');

    await page.selectOption('[data-testid="virtual-ram"]', 'nucleo_f401re');   // the Virtual board starts again
    await waitForConsole(page, "The Virtual board's heap is now Nucleo-F401RE");
    await page.click('#clear-console');
    await keep.uncheck();
    await typeProgram(page, 'print("fresh", 1)');
    await page.click('#run');
    const shown = (await waitForConsole(page, 'fresh 1')).split('\n').map(l => l.trim()).filter(Boolean);
    // it printed at its start, was stopped for the new program, which then ran
    expect(shown.indexOf('from boot')).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf('from boot')).toBeLessThan(shown.indexOf('── stopped ──'));
    expect(shown.indexOf('── stopped ──')).toBeLessThan(shown.indexOf('fresh 1'));
    await settle(() => page.locator('[data-testid="board-program"]').innerText(), 'program stored');
    await expect(page.locator('#stop').isEnabled()).resolves.toBe(false);   // nothing runs, nothing to skip at boot
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-virtual-run-at-boot.png') });
    await page.selectOption('[data-testid="virtual-ram"]', 'desktop');
  });

  test('Burn VM offers each board with its methods and state, and without an image says how to build one', async () => {
    plugged = [OWN];
    await option(OWN_LABEL).waitFor({ state: 'attached', timeout: 2500 });
    await page.selectOption('#board-select', '/dev/ttyACM7');
    await page.click('[data-testid="burn"]');
    await page.locator('[data-testid="burn-dialog"]').waitFor();
    // Picked up from the port: the board, its preferred method, the port.
    await expect(page.inputValue('[data-testid="burn-board"]')).resolves.toBe(own.board);
    await expect(page.inputValue('[data-testid="burn-method"]')).resolves.toBe(BURNABLE_BOARDS.find(b => b.id === own.board)!.firmware.burn[0]);
    await expect(page.inputValue('[data-testid="burn-target"]')).resolves.toBe('/dev/ttyACM7');

    // Every board with firmware, named with its state; each with its own methods, first = preferred.
    const offered = await page.locator('[data-testid="burn-board"] option').evaluateAll(os => os.map(o => [(o as HTMLOptionElement).value, o.textContent]));
    expect(offered).toEqual(BURNABLE_BOARDS.map(b => [b.id, `${b.name} — ${b.firmware.state === 'qemu' ? 'tested under QEMU' : 'untested on hardware'}`]));
    for (const b of BURNABLE_BOARDS) {
      await page.selectOption('[data-testid="burn-board"]', b.id);
      const methods = await page.locator('[data-testid="burn-method"] option').evaluateAll(os => os.map(o => (o as HTMLOptionElement).value));
      expect([b.id, methods]).toEqual([b.id, b.firmware.burn]);
      await expect(page.locator('[data-testid="burn-state"]').innerText()).resolves.toMatch(b.firmware.state === 'qemu' ? /^Tested under QEMU/ : /^Untested on hardware/);
      await expect(page.locator('[data-testid="burn-untested-ok"]').isVisible()).resolves.toBe(b.firmware.state === 'untested');
      await expect(page.locator('[data-testid="burn-image"]').innerText()).resolves.toContain(`make -C vm-firmware firmware BOARD=${b.id}`);
    }

    // A Nucleo through its ST-LINK drive, with no image built for it.
    await page.selectOption('[data-testid="burn-board"]', 'nucleo_f401re');
    await expect(page.inputValue('[data-testid="burn-method"]')).resolves.toBe('stlink-drive');
    await expect(page.locator('[data-testid="burn-image"]').innerText()).resolves.toMatch(/^No VM image is built for this board yet/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-burn-untested.png') });
    await page.fill('[data-testid="burn-target"]', join(ide.tmp, 'elsewhere'));   // not a drive Viper found
    await page.click('[data-testid="burn-start"]');                               // untested, not acknowledged: nothing happens
    await page.locator('[data-testid="burn-error"]', { hasText: 'untested on hardware: tick the box' }).waitFor();
    await expect(page.locator('[data-testid="burn-phase"]').innerText()).resolves.toBe('');
    await page.check('[data-testid="burn-untested-ok"]');
    await page.click('[data-testid="burn-start"]');
    await page.locator('[data-testid="burn-error"]', { hasText: 'not an ST-LINK drive Viper found' }).waitFor();
    await page.fill('[data-testid="burn-target"]', join(ide.tmp, 'media', 'NODE_F401RE'));
    await page.click('[data-testid="burn-start"]');
    await page.locator('[data-testid="burn-error"]', { hasText: 'no VM image for board "nucleo_f401re"' }).waitFor();
    const hint = await page.locator('[data-testid="burn-hint"]').innerText();
    expect(hint).toContain('make -C vm-firmware firmware BOARD=nucleo_f401re');
    expect(hint).toContain(join(ide.tmp, 'firmware'));
    await expect(page.locator('[data-testid="burn-start"]').isEnabled()).resolves.toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-burn-no-image.png') });
  });
});
