# Printing measurements so people can read them: f-strings with format specs.
# A spec goes after a colon inside the braces: f'{value:8.2f}' means 8 characters wide,
# 2 decimals. The same specs work in str.format() and format().

temperature = 21.4567
humidity = 0.4521        # a fraction: 45.21 %
pressure = 101325        # pascals
current = 0.000352       # amperes

# Decimals, signs, percentages, thousands separators
print(f'temperature: {temperature:.1f} °C')          # 1 decimal
print(f'change:      {-0.25:+.2f} °C')                # always show the sign
print(f'humidity:    {humidity:.1%}')                 # x100 and a % sign
print(f'pressure:    {pressure:,} Pa')                # 101,325
print(f'current:     {current:.2e} A')                # scientific notation
print(f'register:    {0x2C:#04x} = {0x2C:08b}')       # hex and binary, padded with zeros


def with_unit(value, unit):
    """A value with a metric prefix so that it reads 1..999: 0.000352 A -> '352 µA'."""
    for factor, prefix in ((1e6, 'M'), (1e3, 'k'), (1, ''), (1e-3, 'm'), (1e-6, 'µ')):
        if abs(value) >= factor:
            return f'{value / factor:.3g} {prefix}{unit}'
    return f'{value / 1e-9:.3g} n{unit}'


print('with prefixes:', with_unit(current, 'A'), '|', with_unit(pressure, 'Pa'), '|', with_unit(4.7e-8, 'F'))

# Alignment: < left, > right, ^ centre, with a width; a fill character goes before the arrow
print(f'[{"left":<10}] [{"right":>10}] [{"centre":^10}] [{"dots":.^10}]')

# A table: the same widths in the header and in every row line the columns up
readings = [
    ('kitchen', 21.456, 0.452, 3),
    ('cellar', 12.1, 0.781, 12),
    ('attic', 28.75, 0.305, 7),
    ('garden', -3.25, 0.9, 1),
]
print()
print(f'{"room":<10}{"temp °C":>9}{"humidity":>10}{"samples":>9}')
print('-' * 38)
for room, temp, hum, samples in readings:
    print(f'{room:<10}{temp:>9.1f}{hum:>10.0%}{samples:>9d}')
print('-' * 38)
mean = sum(r[1] for r in readings) / len(readings)
print(f'{"mean":<10}{mean:>9.2f}')
