# machine for Viper: MicroPython's classes for the board's hardware (Pin, ADC, PWM, Timer, and the
# buses UART, I2C, SPI), written over the VM's _machine natives (vm-firmware/core/modmachine.c),
# which check every pin against the board's table and raise the errors.
#
# Callbacks (Pin.irq handlers, Timer callbacks) do not run inside the interrupt: the VM queues
# each event (a bounded queue; what overflows is counted by irq_dropped()) and one thread of the
# highest priority, started with the first irq() or Timer, calls them in the order the events
# happened. An exception in a callback prints its traceback and turns that callback off, as in
# MicroPython.

import _machine
import _thread

unique_id = _machine.unique_id
reset = _machine.reset
idle = _machine.idle
irq_dropped = _machine.irq_dropped


def freq():
    """The CPU's clock in Hz."""
    return _machine.freq()


# ==== the callbacks' thread ================================================================

_PIN_EVENT = 0
_TIMER_EVENT = 1
# kind * 256 + id -> [callback, its argument, the irq object (pins) or None]
_callbacks = {}
_dispatcher = None


def _dispatch():
    try:
        while True:
            kind, id, flags = _machine.next_event()
            key = kind * 256 + id
            entry = _callbacks.get(key)
            if entry is None:
                continue
            if entry[2] is not None:
                entry[2]._flags = flags
            try:
                entry[0](entry[1])
            except Exception as e:
                import traceback
                traceback.print_exception(e)
                if _callbacks.get(key) is entry:
                    _stop(kind, id)
    finally:
        _machine.detach_events()


def _start_dispatcher():
    global _dispatcher
    if _dispatcher is None or not _dispatcher.is_alive():
        _dispatcher = _thread.start(_dispatch, (), name='machine.irq', prio=_thread.PRIO_HIGHEST, daemon=True)


def _stop(kind, id):
    # a callback that raised: off, as if the program had turned it off
    _callbacks.pop(kind * 256 + id, None)
    if kind == _PIN_EVENT:
        _machine.pin_irq(id, 0, 0)
    else:
        _machine.timer_stop(id)


def _pin_number(x):
    if isinstance(x, Pin):
        return x._pin
    return _machine.pin_find(x)


# ==== Pin ==================================================================================

class _PinIRQ:
    """What Pin.irq() returns: flags() is the edge being handled (IRQ_RISING or IRQ_FALLING)."""

    def __init__(self, trigger):
        self._trigger = trigger
        self._flags = 0

    def flags(self):
        return self._flags

    def trigger(self, trigger=None):
        if trigger is None:
            return self._trigger
        self._trigger = trigger


class Pin:
    """A GPIO pin: Pin('D13', Pin.OUT), Pin('BUTTON', Pin.IN, Pin.PULL_UP), Pin(board.LED)."""

    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_RISING = 1
    IRQ_FALLING = 2

    def __init__(self, id, mode=-1, pull=-1, *, value=None):
        self._pin = _pin_number(id)
        self._irq = None
        if mode != -1 or pull != -1 or value is not None:
            self.init(mode, pull, value=value)

    def init(self, mode=-1, pull=-1, *, value=None):
        if value is not None:
            _machine.pin_write(self._pin, value)   # before the mode: no glitch on an output
        _machine.pin_init(self._pin, -1 if mode is None else mode, -1 if pull is None else pull)

    def value(self, x=None):
        mode = _machine.pin_state(self._pin)[0]
        if x is None:
            if mode == -1:
                _machine.pin_init(self._pin, Pin.IN, -1)
            return _machine.pin_read(self._pin)
        if mode == -1:   # board.LED.value(1): an unused pin becomes an output
            _machine.pin_write(self._pin, x)
            _machine.pin_init(self._pin, Pin.OUT, -1)
        else:
            _machine.pin_write(self._pin, x)

    def __call__(self, x=None):
        return self.value(x)

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)

    def high(self):
        self.value(1)

    def low(self):
        self.value(0)

    def toggle(self):
        self.value(1 - _machine.pin_read(self._pin))

    def mode(self, mode=None):
        if mode is None:
            return _machine.pin_state(self._pin)[0]
        _machine.pin_init(self._pin, mode, -1)

    def pull(self, pull=None):
        if pull is None:
            return _machine.pin_state(self._pin)[1]
        _machine.pin_init(self._pin, -1, pull)

    def irq(self, handler=None, trigger=3, *, debounce=0):
        """Call handler(pin) on each edge in trigger; debounce=ms drops edges closer than ms to
        the last one let through. handler None turns it off."""
        key = _PIN_EVENT * 256 + self._pin
        if handler is None:
            _callbacks.pop(key, None)
            _machine.pin_irq(self._pin, 0, 0)
            self._irq = None
            return _PinIRQ(0)
        if not callable(handler):
            raise TypeError('handler must be callable')
        if _machine.pin_state(self._pin)[0] == -1:
            _machine.pin_init(self._pin, Pin.IN, -1)
        irq = _PinIRQ(trigger)
        self._irq = irq
        _callbacks[key] = [handler, self, irq]
        _start_dispatcher()
        _machine.pin_irq(self._pin, trigger, debounce)
        return irq

    def name(self):
        return _machine.pin_name(self._pin)

    def __eq__(self, other):
        return isinstance(other, Pin) and other._pin == self._pin

    def __hash__(self):
        return self._pin

    def __repr__(self):
        mode, pull = _machine.pin_state(self._pin)
        text = "Pin('" + _machine.pin_name(self._pin) + "'"
        if mode != -1:
            text += ', mode=Pin.' + ('IN', 'OUT', 'OPEN_DRAIN')[mode]
        if pull != 0:
            text += ', pull=Pin.' + ('', 'PULL_UP', 'PULL_DOWN')[pull]
        return text + ')'


# ==== ADC and PWM ==========================================================================

class ADC:
    """An analog input: ADC('A0').read_u16() is 0..65535."""

    def __init__(self, pin):
        self._pin = _pin_number(pin)
        _machine.adc_init(self._pin)

    def read_u16(self):
        return _machine.adc_read(self._pin)

    def read_uv(self):
        return _machine.adc_read(self._pin) * _machine.adc_vref_uv() // 65535

    def __repr__(self):
        return "ADC(Pin('" + _machine.pin_name(self._pin) + "'))"


class PWM:
    """A PWM output: PWM('D9', freq=1000, duty_u16=32768). Pins of one timer share its freq."""

    def __init__(self, dest, *, freq=None, duty_u16=None, duty_ns=None):
        self._pin = _pin_number(dest)
        self._freq = None
        self._duty = 0
        self.init(freq=freq, duty_u16=duty_u16, duty_ns=duty_ns)

    def init(self, *, freq=None, duty_u16=None, duty_ns=None):
        if freq is None:
            freq = self._freq if self._freq is not None else 1000
        self.freq(freq)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)
        elif duty_ns is not None:
            self.duty_ns(duty_ns)
        else:
            self.duty_u16(self._duty)

    def freq(self, value=None):
        if value is None:
            return self._freq
        if isinstance(value, float):
            value = int(value)
        _machine.pwm_init(self._pin, value)
        self._freq = value
        _machine.pwm_duty(self._pin, self._duty)

    def duty_u16(self, value=None):
        if value is None:
            return self._duty
        _machine.pwm_duty(self._pin, value)
        self._duty = value

    def duty_ns(self, value=None):
        if value is None:
            return self._duty * 1000000000 // (self._freq * 65535)
        duty = int(value * self._freq * 65535 // 1000000000)
        self.duty_u16(min(max(duty, 0), 65535))

    def deinit(self):
        _machine.pwm_deinit(self._pin)

    def __repr__(self):
        return "PWM(Pin('%s'), freq=%d, duty_u16=%d)" % (_machine.pin_name(self._pin), self._freq, self._duty)


# ==== Timer ================================================================================

class Timer:
    """Timer(-1, mode=Timer.PERIODIC, period=100, callback=f): f(timer) every 100 ms (or once)."""

    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id=-1, *, mode=1, period=-1, freq=None, callback=None):
        self._id = _machine.timer_claim(id)
        self._requested = id
        if period != -1 or freq is not None or callback is not None:
            try:
                self.init(mode=mode, period=period, freq=freq, callback=callback)
            except Exception:
                _machine.timer_release(self._id)
                raise

    def init(self, *, mode=1, period=-1, freq=None, callback=None):
        if freq is not None:
            if freq <= 0:
                raise ValueError('freq must be more than 0')
            period_us = int(1000000 / freq)
        elif period >= 0:
            period_us = int(period * 1000)
        else:
            raise ValueError('Timer needs a period (ms) or a freq (Hz)')
        if period_us < 1:
            period_us = 1
        if mode not in (Timer.ONE_SHOT, Timer.PERIODIC):
            raise ValueError('mode must be Timer.ONE_SHOT or Timer.PERIODIC')
        _machine.timer_stop(self._id)
        key = _TIMER_EVENT * 256 + self._id
        if callback is None:
            _callbacks.pop(key, None)
        else:
            _callbacks[key] = [callback, self, None]
            _start_dispatcher()
        _machine.timer_start(self._id, period_us, mode == Timer.PERIODIC)

    def deinit(self):
        _callbacks.pop(_TIMER_EVENT * 256 + self._id, None)
        _machine.timer_release(self._id)

    def __repr__(self):
        return 'Timer(%d)' % self._requested


# ==== the buses (modmachine_bus.c) =========================================================

for _name in ('UART', 'I2C', 'SPI'):
    if hasattr(_machine, _name):
        globals()[_name] = getattr(_machine, _name)
