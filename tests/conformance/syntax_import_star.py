# A sketch that pulls a board's pin map and a units module in with `from ... import *`,
# then reports what came in and what stayed behind.
from modimpl_pins import *
from modimpl_units import *
from math import *

print("led on pin", LED, "button on pin", BUTTON, "->", describe(BUTTON))
print(sorted(PINS.items()))


def imported(lookup):
    try:
        lookup()
        return True
    except NameError:
        return False


checks = {"_calibrated": lambda: _calibrated, "_reset": lambda: _reset, "fahrenheit": lambda: fahrenheit,
          "celsius": lambda: celsius, "KELVIN_OFFSET": lambda: KELVIN_OFFSET, "describe": lambda: describe}
for name, lookup in checks.items():
    print(f"{name:14} imported: {imported(lookup)}")
readings = [293.15, 300.0, 310.5]
print([celsius(k) for k in readings])
print(round(sqrt(LED), 4), floor(pi * BUTTON), imported(lambda: pi))
try:
    fahrenheit(300)
except NameError as e:
    print("NameError:", e)
import modimpl_units
print(modimpl_units.fahrenheit(300.0))
