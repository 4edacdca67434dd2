// The hardware API as the editor knows it: the `machine` module's functions, classes, methods and
// constants (MicroPython's names and behaviour) and what every `board` module has besides its pins.
// One table feeds the completions, the hover, the argument-count warnings, docs/hardware.md and
// docs/api.md; tests/hardware-api.test.ts compares it with the VM's own dir() of each class.
// The threads and time modules are described the same way in threadsApi.ts.
//
// A signature is written as in MicroPython's docs, without `self`: `[x]` is an optional positional
// argument, `name=default` one with a default, names after `*` are keyword-only.

export interface ApiFunction {
  name: string;
  signature: string;
  doc: string;
  /** The class of what a call returns, when the editor should know its members (`lock = Lock()`). */
  returns?: ApiClass;
}
export interface ApiConstant { name: string; doc: string }
export interface ApiClass {
  name: string;
  /** The constructor's signature; '' for a type a program does not call (a lock). */
  signature: string;
  doc: string;
  methods: ApiFunction[];
  constants: ApiConstant[];
  /** What an instance has besides its methods (`t.name`, `t.ident`). */
  attributes?: ApiConstant[];
}
export interface ApiModule { name: string; doc: string; functions: ApiFunction[]; classes: ApiClass[]; constants: ApiConstant[] }

const fn = (name: string, signature: string, doc: string): ApiFunction => ({ name, signature, doc });
const k = (name: string, doc: string): ApiConstant => ({ name, doc });

const PIN: ApiClass = {
  name: 'Pin',
  signature: '(id, mode=-1, pull=-1, *, value=None)',
  doc: "A pin: id is a name or alias ('D13', 'LED'), a board.X pin or a pin number.",
  methods: [
    fn('init', '(mode=-1, pull=-1, *, value=None)', 'Configures the pin again; arguments left out keep their setting.'),
    fn('value', '([x])', 'Without x: the level read (0 or 1). With x: sets the output level.'),
    fn('on', '()', 'Sets the pin high (1).'),
    fn('off', '()', 'Sets the pin low (0).'),
    fn('high', '()', 'Sets the pin high (1).'),
    fn('low', '()', 'Sets the pin low (0).'),
    fn('toggle', '()', 'Inverts the output level.'),
    fn('mode', '([mode])', 'Without mode: the mode. With mode: changes it (Pin.IN, Pin.OUT, Pin.OPEN_DRAIN).'),
    fn('pull', '([pull])', 'Without pull: the pull. With pull: changes it (Pin.PULL_UP, Pin.PULL_DOWN, None).'),
    fn('irq', '(handler=None, trigger=Pin.IRQ_FALLING | Pin.IRQ_RISING, *, debounce=0)',
      'Calls handler(pin) on each edge of trigger, in the callback thread; debounce (ms) drops edges closer than that.'),
    fn('name', '()', "The pin's name on this board: 'D13'."),
  ],
  constants: [
    k('IN', 'Mode: an input.'),
    k('OUT', 'Mode: a push-pull output.'),
    k('OPEN_DRAIN', 'Mode: an open-drain output (drives low, floats high).'),
    k('PULL_UP', 'Pull: a resistor to the supply, so an open input reads 1.'),
    k('PULL_DOWN', 'Pull: a resistor to ground, so an open input reads 0.'),
    k('IRQ_RISING', 'Trigger: the level goes from 0 to 1.'),
    k('IRQ_FALLING', 'Trigger: the level goes from 1 to 0.'),
  ],
};

const ADC: ApiClass = {
  name: 'ADC',
  signature: '(pin)',
  doc: 'An analog input on a pin that has one (a knob on the Virtual board).',
  methods: [
    fn('read_u16', '()', 'A reading scaled to 0..65535.'),
    fn('read_uv', '()', 'A reading in microvolts.'),
  ],
  constants: [],
};

const PWM: ApiClass = {
  name: 'PWM',
  signature: '(dest, *, freq=None, duty_u16=None, duty_ns=None)',
  doc: 'Pulse-width modulation on dest, a pin that has a timer channel (dims an LED).',
  methods: [
    fn('init', '(*, freq=None, duty_u16=None, duty_ns=None)', 'Changes the frequency and duty given.'),
    fn('freq', '([value])', 'Without value: the frequency in Hz. With value: sets it.'),
    fn('duty_u16', '([value])', 'Without value: the duty cycle as 0..65535. With value: sets it.'),
    fn('duty_ns', '([value])', 'Without value: the high time in nanoseconds. With value: sets it.'),
    fn('deinit', '()', 'Stops the output.'),
  ],
  constants: [],
};

const UART: ApiClass = {
  name: 'UART',
  signature: '(id, baudrate=9600, bits=8, parity=None, stop=1, *, timeout=0, timeout_char=0)',
  doc: 'A serial port (UART); timeouts are in ms.',
  methods: [
    fn('init', '(baudrate=9600, bits=8, parity=None, stop=1, *, timeout=0, timeout_char=0)', 'Configures the UART again.'),
    fn('deinit', '()', 'Turns the UART off.'),
    fn('read', '([nbytes])', 'Up to nbytes bytes (all waiting without nbytes); None when nothing came before the timeout.'),
    fn('readline', '()', 'Bytes up to and including a newline; None when nothing came before the timeout.'),
    fn('readinto', '(buf[, nbytes])', 'Reads into buf; the number of bytes read, or None.'),
    fn('write', '(buf)', 'Sends the bytes of buf; the number sent.'),
    fn('any', '()', 'How many bytes can be read without waiting.'),
    fn('flush', '()', 'Waits until everything written has been sent.'),
    fn('txdone', '()', 'Whether everything written has been sent.'),
  ],
  constants: [],
};

const I2C: ApiClass = {
  name: 'I2C',
  signature: '(id, *, freq=400000)',
  doc: 'An I2C bus controller. A device that does not answer raises OSError: [Errno 19] ENODEV.',
  methods: [
    fn('init', '(*, freq=400000)', 'Configures the bus again.'),
    fn('deinit', '()', 'Turns the bus off.'),
    fn('scan', '()', 'The addresses (7-bit) of the devices that answer.'),
    fn('readfrom', '(addr, nbytes, stop=True)', 'Reads nbytes bytes from the device at addr.'),
    fn('readfrom_into', '(addr, buf, stop=True)', 'Reads into buf from the device at addr.'),
    fn('writeto', '(addr, buf, stop=True)', 'Writes buf to the device at addr; the number of ACKs.'),
    fn('writevto', '(addr, vector, stop=True)', 'Writes the buffers of vector (a list or tuple) to the device at addr as one transfer; the number of ACKs.'),
    fn('readfrom_mem', '(addr, memaddr, nbytes, *, addrsize=8)', 'Reads nbytes bytes from a register (memaddr) of the device.'),
    fn('readfrom_mem_into', '(addr, memaddr, buf, *, addrsize=8)', 'Reads into buf from a register of the device.'),
    fn('writeto_mem', '(addr, memaddr, buf, *, addrsize=8)', 'Writes buf to a register of the device.'),
  ],
  constants: [],
};

const SPI: ApiClass = {
  name: 'SPI',
  signature: '(id, baudrate=1000000, *, polarity=0, phase=0, bits=8, firstbit=SPI.MSB)',
  doc: 'An SPI bus controller.',
  methods: [
    fn('init', '(baudrate=1000000, *, polarity=0, phase=0, bits=8, firstbit=SPI.MSB)', 'Configures the bus again.'),
    fn('deinit', '()', 'Turns the bus off.'),
    fn('read', '(nbytes, write=0)', 'Reads nbytes bytes while sending the byte write.'),
    fn('readinto', '(buf, write=0)', 'Reads into buf while sending the byte write.'),
    fn('write', '(buf)', 'Sends the bytes of buf.'),
    fn('write_readinto', '(write_buf, read_buf)', 'Sends write_buf while reading as many bytes into read_buf.'),
  ],
  constants: [
    k('MSB', 'firstbit: the most significant bit first.'),
    k('LSB', 'firstbit: the least significant bit first.'),
  ],
};

const TIMER: ApiClass = {
  name: 'Timer',
  signature: '(id=-1, *, mode=Timer.PERIODIC, period=-1, freq=None, callback=None)',
  doc: 'A timer that calls callback(timer) every period ms (or once), in the callback thread.',
  methods: [
    fn('init', '(*, mode=Timer.PERIODIC, period=-1, freq=None, callback=None)', 'Starts the timer (again) with these settings.'),
    fn('deinit', '()', 'Stops the timer.'),
  ],
  constants: [
    k('ONE_SHOT', 'mode: call the callback once.'),
    k('PERIODIC', 'mode: call the callback every period.'),
  ],
};

export const MACHINE: ApiModule = {
  name: 'machine',
  doc: "The board's hardware: pins, analog inputs, PWM, buses and timers (MicroPython's machine module).",
  functions: [
    fn('unique_id', '()', "The chip's unique id as bytes."),
    fn('reset', '()', 'Resets the board, as its reset button does.'),
    fn('freq', '()', "The CPU's clock frequency in Hz."),
    fn('idle', '()', 'Waits for the next interrupt or tick, saving power.'),
    fn('irq_dropped', '()', 'How many interrupt and timer events were dropped (the queue was full) since the program started.'),
  ],
  classes: [PIN, ADC, PWM, UART, I2C, SPI, TIMER],
  constants: [],
};

/** What every board module has besides its pins and aliases (each a machine.Pin). */
export const BOARD_MODULE: ApiModule = {
  name: 'board',
  doc: "The selected board's pin names and aliases, each a machine.Pin (not configured until used).",
  functions: [
    fn('UART', '()', "The board's default UART, as machine.UART."),
    fn('I2C', '()', "The board's default I2C bus, as machine.I2C."),
    fn('SPI', '()', "The board's default SPI bus, as machine.SPI."),
  ],
  classes: [],
  constants: [k('NAME', "The board's id: 'virtual', 'nucleo_f401re'.")],
};

export const HARDWARE_MODULES: readonly ApiModule[] = [MACHINE, BOARD_MODULE];

export function apiClass(name: string): ApiClass | undefined {
  return MACHINE.classes.find(c => c.name === name);
}
