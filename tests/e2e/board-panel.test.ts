// End-to-end journeys through the board panel in real Chromium: the bundled renderer, the
// browser-mode server, the real service and the host VM (the Virtual board) behind it. Blink
// makes the panel's LED change at the program's rate; pressing the panel's button runs the
// program's interrupt handler; turning a knob changes what an ADC loop prints and plots; the
// sensor's values and the UART console reach the program; a real board's pins are read-only.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { PortInfo } from '../../main/devices/portInfo';
import { probeVm } from '../../main/devices/probeVm';
import { startPtyBoard } from '../../main/devices/virtualBoard';
import {
  chooseBoard, consoleText, describeWithChromium, type Ide, openIde, pasteProgram, RESULTS_DIR, settle, startIde, stopIde, waitForConsole,
  watchLed, ledChanges,
} from './harness';

jest.setTimeout(90_000);

describeWithChromium('the board panel in Chromium', () => {
  let ide: Ide;
  let context: BrowserContext;
  let page: Page;
  let plugged: PortInfo[] = [];

  beforeAll(async () => {
    ide = await startIde('viper-e2e-board-', () => ({
      listPorts: async () => plugged,
      probePort: async path => (path.startsWith('/dev/pts/') || path.startsWith(tmpdir()) ? probeVm(path, { timeoutMs: 400 }) : undefined),
    }));
  });
  afterAll(() => stopIde(ide));

  beforeEach(async () => {
    plugged = [];
    ({ context, page } = await openIde(ide));
    await chooseBoard(page, 'Virtual board');
    await page.locator('[data-testid="board-panel"]').waitFor();
  });

  afterEach(async () => {
    if (await page.isEnabled('#stop')) {                          // (it may turn disabled meanwhile: a short wait)
      await page.click('#stop', { timeout: 3000 }).catch(() => undefined);
      await waitForConsole(page, '── stopped ──', 5000).catch(() => undefined);
    }
    await context.close();
  });

  const lit = (pin: string) => page.getAttribute(`[data-testid="led-${pin}"]`, 'data-lit');

  /** Runs the program and waits for the console to show `marker`. */
  async function run(source: string, marker: string): Promise<void> {
    await pasteProgram(page, source);
    await page.click('#run');
    await waitForConsole(page, marker);
  }

  test('the Virtual board\'s panel sits beside the console, with its parts; it says when no VM runs yet', async () => {
    for (const id of ['led-D13', 'led-D9', 'button-D2', 'button-D3', 'knob-A0', 'knob-A1', 'board-sensor']) {
      await expect(page.locator(`[data-testid="${id}"]`).isVisible()).resolves.toBe(true);
    }
    const [consoleBox, panelBox] = await Promise.all([page.locator('#console').boundingBox(), page.locator('#board-panel').boundingBox()]);
    expect(panelBox!.x).toBeGreaterThanOrEqual(consoleBox!.x + consoleBox!.width - 1);   // beside it, on its right
    expect(await lit('D13')).toBe('false');
    await page.click('[data-testid="button-D2"]');
    await expect(page.locator('[data-testid="board-note"]').innerText()).resolves.toMatch(/press Run first/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-panel.png') });
    // A line typed to the UART with no VM to take it stays in the field.
    await page.click('[data-testid="board-tab-uart-1"]');
    await page.fill('[data-testid="uart-input-1"]', 'too early');
    await page.press('[data-testid="uart-input-1"]', 'Enter');
    expect(await settle(() => page.inputValue('[data-testid="uart-input-1"]'), 'too early')).toBe('too early');
  });

  test('blink makes the panel\'s LED change state at the program\'s rate; LED2 glows with its PWM duty', async () => {
    // Every change of the LED, timed in the page as it is drawn.
    await watchLed(page);
    await run([
      'import time',
      'from machine import Pin, PWM',
      "PWM(Pin('LED2'), freq=1000, duty_u16=16384)",
      "led = Pin('LED', Pin.OUT)",
      'print("blinking")',
      'for i in range(16):',
      '    led.toggle()',
      '    time.sleep_ms(200)',
      'print("blinked")',
    ].join('\n'), 'blinking');
    await waitForConsole(page, 'blinked');
    const changes = await ledChanges(page);
    const toggles = changes.filter((c, i) => i === 0 || c.lit !== changes[i - 1].lit);
    // 16 toggles 200 ms apart; the panel shows (nearly) each of them, at about that pace.
    expect(toggles.length).toBeGreaterThanOrEqual(12);
    expect(toggles.length).toBeLessThanOrEqual(17);
    const gaps = toggles.slice(1).map((c, i) => c.at - toggles[i].at).sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)];
    expect(median).toBeGreaterThan(120);
    expect(median).toBeLessThan(320);
    // The PWM-dimmed LED glows at a quarter; the pin list names both pins.
    expect(await page.getAttribute('[data-testid="led-D9"]', 'data-brightness')).toBe('0.25');
    const rows = await page.locator('[data-testid="pin-table"] tr[data-pin]').allInnerTexts();
    expect(rows.join('\n')).toMatch(/D9 LED2\s+PWM\s+duty 25\.0 %/);
    expect(rows.join('\n')).toMatch(/D13 LED\s+output\s+(high|low)/);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-blink.png') });
  });

  test('clicking the panel\'s button runs the program\'s handler; holding it holds the level', async () => {
    await run([
      'from machine import Pin',
      "button = Pin('BUTTON', Pin.IN)",
      'def changed(pin):',
      '    print("button", pin.value())',
      'button.irq(changed, Pin.IRQ_RISING | Pin.IRQ_FALLING)',
      'print("waiting")',
      'while True:',
      '    pass',
    ].join('\n'), 'waiting');
    await page.click('[data-testid="button-D2"]');
    await waitForConsole(page, 'button 0');
    expect(await consoleText(page)).toMatch(/button 1\s+button 0/);

    // Held: pressed while the pointer is down, released when it comes up.
    await page.click('#clear-console');
    const box = (await page.locator('[data-testid="button-D2"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await waitForConsole(page, 'button 1');
    expect(await page.getAttribute('[data-testid="button-D2"]', 'data-held')).toBe('true');
    await page.waitForTimeout(500);
    expect(await consoleText(page)).not.toContain('button 0');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-button-held.png') });
    await page.mouse.up();
    await waitForConsole(page, 'button 0');
    expect(await page.getAttribute('[data-testid="button-D2"]', 'data-held')).toBe('false');

    // Sliding off the button lets go of it, as a finger would.
    await page.click('#clear-console');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await waitForConsole(page, 'button 1');
    await page.mouse.move(box.x + box.width / 2, box.y - 80);
    await waitForConsole(page, 'button 0');
    await page.mouse.up();
    expect(await page.getAttribute('[data-testid="button-D2"]', 'data-held')).toBe('false');

    // From the keyboard: held while Space is down.
    await page.click('#clear-console');
    await page.focus('[data-testid="button-D2"]');
    await page.keyboard.down(' ');
    await waitForConsole(page, 'button 1');
    await page.keyboard.up(' ');
    await waitForConsole(page, 'button 0');
  });

  test('turning a knob changes what an ADC loop prints and plots; a knob set before Run is what the program reads', async () => {
    await page.focus('[data-testid="knob-A1"]');
    await page.keyboard.press('Home');                           // KNOB2 down before any VM runs
    await run([
      'import time',
      'import board',
      'from machine import ADC',
      'knob, knob2 = ADC(board.KNOB), ADC(board.KNOB2)',
      'while True:',
      '    print("knob:", knob.read_u16(), "knob2:", knob2.read_u16())',
      '    time.sleep_ms(50)',
    ].join('\n'), 'knob: 32768 knob2: 0');                      // the panel's setting followed the run
    await page.focus('[data-testid="knob-A0"]');
    await page.keyboard.press('End');                            // turned all the way up
    await waitForConsole(page, 'knob: 65535');
    await page.keyboard.press('Home');                           // and all the way down
    await waitForConsole(page, 'knob: 0');
    await expect(page.locator('[data-testid="knob-value-A0"]').innerText()).resolves.toBe('0');
    await page.waitForTimeout(300);                              // a few readings at 0 to plot

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#plot-csv')]);
    const [header, ...rows] = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    expect(header).toBe('sample,knob,knob2');
    const knob = rows.map(line => Number(line.split(',')[1]));
    expect(knob).toContain(32768);
    expect(knob).toContain(65535);
    expect(knob[knob.length - 1]).toBe(0);
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-knob.png') });
  });

  test('the sensor\'s values reach the program over I2C', async () => {
    await run([
      'import time',
      'from machine import I2C',
      'i2c = I2C(1)',
      'def measure():',
      '    i2c.writeto(0x44, bytes([0x24, 0x00]))',
      '    d = i2c.readfrom(0x44, 6)',
      '    t = -45 + 175 * ((d[0] << 8) | d[1]) / 65535',
      '    rh = 100 * ((d[3] << 8) | d[4]) / 65535',
      '    return round(t, 1), round(rh)',
      'while True:',
      '    try:',
      '        print("sht31", *measure())',
      '    except OSError as e:',
      '        print("sht31 gone:", e)',
      '    time.sleep_ms(100)',
    ].join('\n'), 'sht31 21.5 45');
    await page.fill('[data-testid="sensor-temperature"]', '30.2');
    await page.fill('[data-testid="sensor-humidity"]', '60');
    await page.press('[data-testid="sensor-humidity"]', 'Enter');
    await waitForConsole(page, 'sht31 30.2 60');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-sensor.png') });
    // A value the sensor cannot have is marked and not sent.
    await page.fill('[data-testid="sensor-temperature"]', '300');
    await page.press('[data-testid="sensor-temperature"]', 'Enter');
    expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="sensor-temperature"]')!.matches(':invalid'))).toBe(true);
    await page.click('#clear-console');
    await waitForConsole(page, 'sht31 30.2 60');
    // Unticked, the sensor answers nothing (its wire came loose); ticked again, it measures what it did.
    await page.uncheck('[data-testid="sensor-connected"]');
    await waitForConsole(page, 'sht31 gone: [Errno 19] ENODEV');
    await page.check('[data-testid="sensor-connected"]');
    await page.click('#clear-console');
    await waitForConsole(page, 'sht31 30.2 60');
  });

  test('the UART console tab shows what the program sends and types what the program reads', async () => {
    await run([
      'from machine import UART',
      'uart = UART(1, 115200, timeout=100)',
      'uart.write(b"hello from the board\\n")',
      'print("listening")',
      'while True:',
      '    line = uart.readline()',
      '    if line:',
      '        print("got", line.decode().strip())',
      '        uart.write(b"echo " + line)',
    ].join('\n'), 'listening');
    await page.click('[data-testid="board-tab-uart-1"]');
    const uartLog = async () => (await page.locator('[data-testid="uart-log-1"]').innerText()).trim();
    expect(await settle(uartLog, 'hello from the board')).toBe('hello from the board');
    await page.fill('[data-testid="uart-input-1"]', 'ping 42');
    await page.press('[data-testid="uart-input-1"]', 'Enter');
    await waitForConsole(page, 'got ping 42');
    expect(await settle(uartLog, 'hello from the board\necho ping 42')).toBe('hello from the board\necho ping 42');
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-uart.png') });
  });

  test('a real board\'s pins are listed read-only, by name, from what its VM reports', async () => {
    const board = await startPtyBoard();                          // the host VM on a pseudo-terminal: a serial board
    try {
      plugged = [{ path: board.path }];
      await page.locator(`#board-select option[value="${board.path}"]`).waitFor({ state: 'attached', timeout: 5000 });
      await page.selectOption('#board-select', board.path);
      expect(await page.isHidden('[data-testid="board-panel"]')).toBe(true);   // nothing reported yet
      await run("from machine import Pin\nPin('LED', Pin.OUT).on()\nprint('lit')\nwhile True:\n    pass\n", 'lit');
      await page.locator('[data-testid="board-panel"]').waitFor();
      expect(await page.getAttribute('[data-testid="board-panel"]', 'data-readonly')).toBe('true');
      await expect(page.locator('[data-testid="pin-table"] tr[data-pin="13"]').innerText()).resolves.toMatch(/D13 LED\s+output\s+high/);
      expect(await page.isVisible('[data-testid="virtual-parts"]')).toBe(false);
      expect(await page.isVisible('[data-testid="board-tab-uart-1"]')).toBe(false);
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-board-readonly.png') });
    } finally {
      await page.click('#stop', { timeout: 3000 }).catch(() => undefined);
      await waitForConsole(page, '── stopped ──', 5000).catch(() => undefined);
      await board.stop();
    }
  });
});
