# Unit conversions for syntax_import_star.py; __all__ limits what `import *` takes.
__all__ = ["celsius", "KELVIN_OFFSET"]
KELVIN_OFFSET = 273.15


def celsius(kelvin):
    return round(kelvin - KELVIN_OFFSET, 2)


def fahrenheit(kelvin):
    return round(celsius(kelvin) * 9 / 5 + 32, 2)
