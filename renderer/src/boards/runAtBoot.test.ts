import type { BoardInfo, DeviceEvent } from '../../../main/common/api';
import { createRunAtBootSwitch, runAtBootOffer, storedProgramText, type RunAtBootElements } from './runAtBoot';

const VIRTUAL: BoardInfo = { id: 'virtual', name: 'Virtual board', kind: 'virtual' };
const SERIAL: BoardInfo = { id: '/dev/ttyACM0', name: 'Nucleo', kind: 'serial' };

describe('the run-at-boot switch', () => {
  test('the bar says what the board keeps, and nothing before it has said', () => {
    expect(storedProgramText(undefined)).toBe('');
    expect(storedProgramText({ keeps: true, stored: false, runAtBoot: false })).toBe('no program stored');
    expect(storedProgramText({ keeps: true, stored: true, runAtBoot: false })).toBe('program stored');
    expect(storedProgramText({ keeps: true, stored: true, runAtBoot: true })).toBe('program runs at boot');
    expect(storedProgramText({ keeps: false })).toBe('VM too old for run at boot');
  });

  test('is offered for every usable board, greyed out with the reason where the VM cannot keep a program to run at boot', () => {
    expect(runAtBootOffer(undefined, undefined)).toEqual({ shown: false });
    expect(runAtBootOffer({ ...VIRTUAL, unavailable: 'Windows' }, undefined)).toEqual({ shown: false });
    expect(runAtBootOffer(SERIAL, undefined)).toMatchObject({ shown: true, enabled: true, title: expect.stringMatching(/hold the board's button/) });
    expect(runAtBootOffer(VIRTUAL, undefined)).toMatchObject({ shown: true, enabled: true, title: expect.stringMatching(/Virtual board keeps it in Viper's settings/) });
    expect(runAtBootOffer(SERIAL, { keeps: false })).toMatchObject({ shown: true, enabled: false, title: expect.stringMatching(/too old .* burn the VM/) });
  });

  /** Stand-ins for the three elements: only what the switch touches. */
  function fakeElements() {
    const listeners: (() => void)[] = [];
    const box = { checked: false, disabled: false, addEventListener: (_: string, l: () => void) => listeners.push(l) };
    const el = { label: { hidden: true, title: '' }, box, program: { textContent: '' } };
    const tick = (checked: boolean) => { box.checked = checked; listeners.forEach(l => l()); };
    return { el: el as unknown as RunAtBootElements & typeof el, tick };
  }

  test('follows what each board reports until the person sets it, and remembers the choice per board', () => {
    const { el, tick } = fakeElements();
    let board: BoardInfo | undefined = SERIAL;
    const sw = createRunAtBootSwitch(el, () => board);
    sw.refresh();
    // nothing known, nothing chosen: Run leaves it to what the board has
    expect([el.label.hidden, el.box.checked, el.program.textContent, sw.runAtBoot()]).toEqual([false, false, '', undefined]);

    const program = (boardId: string, runAtBoot: boolean): DeviceEvent => ({ kind: 'program', boardId, program: { keeps: true, stored: true, runAtBoot } });
    sw.noteEvent(program(SERIAL.id, true));                // the board already runs its program at boot
    expect([el.box.checked, el.program.textContent, sw.runAtBoot()]).toEqual([true, 'program runs at boot', true]);

    tick(false);                                           // the person says no
    sw.noteEvent(program(SERIAL.id, true));
    expect(sw.runAtBoot()).toBe(false);

    board = VIRTUAL;                                       // another board: its own switch
    sw.refresh();
    expect([el.box.checked, el.program.textContent, sw.runAtBoot()]).toEqual([false, '', undefined]);
    tick(true);
    board = SERIAL;
    sw.refresh();
    expect(sw.runAtBoot()).toBe(false);
    board = VIRTUAL;
    sw.refresh();
    expect(sw.runAtBoot()).toBe(true);

    sw.noteEvent({ kind: 'state', boardId: VIRTUAL.id, state: 'disconnected', detail: 'the VM exited' });
    expect(el.program.textContent).toBe('');              // unknown until it answers again

    board = SERIAL;
    sw.noteEvent({ kind: 'program', boardId: SERIAL.id, program: { keeps: false } });
    expect([el.box.disabled, sw.runAtBoot(), el.program.textContent]).toEqual([true, false, 'VM too old for run at boot']);
    board = undefined;
    sw.refresh();
    expect([el.label.hidden, sw.runAtBoot()]).toEqual([true, false]);
  });
});
