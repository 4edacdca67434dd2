// The Virtual board's parts on the panel, drawn from boards/virtual.json's `virtual` section:
// LEDs that light with their pin (brightness follows a PWM duty), buttons that are held while the
// pointer (or Space) is down on them, knobs (range inputs over the ADC's 0..65535), and the SHT31
// sensor's temperature and humidity. What the person does goes out through `send`.
import type { BoardPanelInput, PinReport } from '../../../main/common/api';
import { pinIndex, type BoardDefinition, type VirtualParts } from '../../../main/common/boardDefinitions';
import { el } from '../projects/modal';
import { ledBrightness } from './pinView';

/** A knob's reading before anyone turns it (the VM's default, boards/virtual.json). */
export const KNOB_DEFAULT = 32768;

export interface VirtualPartsView {
  element: HTMLElement;
  /** The pins' latest reported states, by index. */
  showPins(pins: Map<number, PinReport>): void;
  /** Sends what the person set that differs from a fresh board's (knobs, sensor): a new VM starts from its defaults. */
  resendSettings(): void;
  /** Lets go of every held button: the page lost the pointer (`tell`: the board hears of it), or the board went away. */
  releaseAll(tell: boolean): void;
}

/** `send(input, key)`: key names a knob or the sensor, whose waiting value a newer one replaces. */
export function createVirtualParts(board: BoardDefinition & { virtual: VirtualParts }, send: (input: BoardPanelInput, key?: string) => void): VirtualPartsView {
  const parts = board.virtual;
  const leds = parts.leds.map(led => {
    const light = el('span', { className: 'led-light' });
    light.style.setProperty('--led-color', led.color);
    const element = el('div', { className: 'board-led', testId: `led-${led.pin}` }, light, el('span', { className: 'part-label', text: led.label }));
    element.title = `${led.label} on pin ${led.pin}`;
    return { pin: pinIndex(board, led.pin), element, light };
  });

  const buttons = parts.buttons.map(spec => createButton(spec.label, spec.pin, pinIndex(board, spec.pin), send));

  const knobs = parts.knobs.map(spec => {
    const pin = pinIndex(board, spec.pin);
    const input = el('input', { className: 'board-knob', testId: `knob-${spec.pin}` });
    Object.assign(input, { type: 'range', min: '0', max: '65535', step: '1', value: String(KNOB_DEFAULT) });
    input.setAttribute('aria-label', `${spec.label} (${spec.pin}): the ADC reading, 0 to 65535`);
    const shown = el('output', { className: 'knob-value', testId: `knob-value-${spec.pin}`, text: String(KNOB_DEFAULT) });
    const sendValue = () => send({ kind: 'analog', pin, value: Number(input.value) }, `knob ${spec.pin}`);
    input.addEventListener('input', () => {
      shown.textContent = input.value;
      sendValue();
    });
    const element = el('label', { className: 'board-knob-row' }, el('span', { className: 'part-label', text: spec.label }), input, shown);
    return { element, input, sendValue };
  });

  const sensor = createSensor(parts.sensor, send);

  const element = el('div', { className: 'virtual-parts', testId: 'virtual-parts' },
    el('div', { className: 'part-row leds' }, ...leds.map(l => l.element)),
    el('div', { className: 'part-row buttons' }, ...buttons.map(b => b.element)),
    el('div', { className: 'part-column knobs' }, ...knobs.map(k => k.element)),
    sensor.element);

  return {
    element,
    showPins(pins) {
      for (const led of leds) {
        const brightness = ledBrightness(pins.get(led.pin));
        const text = brightness.toFixed(2);
        if (led.element.dataset.brightness === text) continue;    // a write makes the browser restyle
        led.element.dataset.brightness = text;
        led.element.dataset.lit = String(brightness > 0);
        led.light.style.setProperty('--glow', text);
      }
    },
    resendSettings() {
      for (const knob of knobs) if (Number(knob.input.value) !== KNOB_DEFAULT) knob.sendValue();
      sensor.resend();
    },
    releaseAll(tell) {
      for (const b of buttons) b.release(tell);
    },
  };
}

/** A push button: held while the pointer is down on it (leaving it lets go), or while Space/Enter is. */
function createButton(label: string, pinName: string, pin: number, send: (input: BoardPanelInput) => void) {
  const element = el('button', { className: 'board-button', testId: `button-${pinName}`, text: label });
  element.type = 'button';
  element.title = `${label} on pin ${pinName}: the program reads 1 while it is held`;
  let held = false;
  const set = (level: 0 | 1, tell = true) => {
    if (held === (level === 1)) return;
    held = level === 1;
    element.dataset.held = String(held);
    element.setAttribute('aria-pressed', String(held));
    if (tell) send({ kind: 'pin', pin, level });
  };
  const release = (tell = true) => set(0, tell);
  element.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    set(1);
  });
  for (const type of ['pointerup', 'pointerleave', 'pointercancel', 'blur'] as const) element.addEventListener(type, () => release());
  element.addEventListener('keydown', event => {
    if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) { event.preventDefault(); set(1); }
  });
  element.addEventListener('keyup', event => {
    if (event.key === ' ' || event.key === 'Enter') { event.preventDefault(); release(); }
  });
  element.dataset.held = 'false';
  element.setAttribute('aria-pressed', 'false');
  return { element, release };
}

/** The SHT31's temperature and humidity, as the person sets them (sent when a field is committed:
 * Enter, or leaving it), and whether it is connected: unticked, it answers nothing, as a sensor whose
 * wire came loose, so a program's recovery from OSError can be tried. */
function createSensor(spec: VirtualParts['sensor'], send: (input: BoardPanelInput, key?: string) => void) {
  const field = (testId: string, value: number, min: number, max: number, step: string) => {
    const input = el('input', { className: 'sensor-field', testId });
    Object.assign(input, { type: 'number', min: String(min), max: String(max), step, value: String(value) });
    input.required = true;
    return input;
  };
  const temperature = field('sensor-temperature', spec.temperature, -45, 130, '0.1');
  const humidity = field('sensor-humidity', spec.humidity, 0, 100, '0.5');
  const connected = el('input', { className: 'sensor-connected', testId: 'sensor-connected' });
  Object.assign(connected, { type: 'checkbox', checked: true });
  let measures = { temperature: spec.temperature, humidity: spec.humidity };   // the last valid values
  const changed = () => measures.temperature !== spec.temperature || measures.humidity !== spec.humidity || !connected.checked;
  const sendState = () => send({ kind: 'sensor', ...measures, connected: connected.checked }, 'sensor');
  const sendValues = () => {
    if (!temperature.checkValidity() || !humidity.checkValidity()) return;   // the field shows it is wrong; nothing goes
    measures = { temperature: Number(temperature.value), humidity: Number(humidity.value) };
    sendState();
  };
  for (const input of [temperature, humidity]) {
    input.addEventListener('change', sendValues);
    input.addEventListener('keydown', event => { if (event.key === 'Enter') sendValues(); });
  }
  connected.addEventListener('change', sendState);   // with the last valid values, whatever a field holds now
  const element = el('fieldset', { className: 'board-sensor', testId: 'board-sensor' },
    el('legend', { text: `Sensor (SHT31 at 0x${spec.address.toString(16)}, I2C ${spec.bus})` }),
    el('label', {}, temperature, ' °C'),
    el('label', {}, humidity, ' %RH'),
    el('label', { className: 'sensor-connected-label' }, connected, ' connected'));
  connected.title = 'Untick to disconnect the sensor: it answers nothing (OSError ENODEV) until ticked again';
  return { element, resend: () => { if (changed()) sendState(); } };
}
