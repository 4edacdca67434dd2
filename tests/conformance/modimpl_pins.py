# Pin names and helpers for syntax_import_star.py; `from modimpl_pins import *` takes the
# public names only (no __all__ here).
LED = 13
BUTTON = 2
PINS = {"led": LED, "button": BUTTON}
_calibrated = False


def describe(pin):
    return next(name for name, number in PINS.items() if number == pin)


def _reset():
    return "private"
