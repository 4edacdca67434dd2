# A sensor log parsed from text: readings as the board's sensors print them (some long, some
# malformed), statistics over them, and a report in several number formats. Every float is
# printed by repr, so each must be the shortest string that reads back to the same double.

LOG = """
temp_c, 21.5, 21.45, 21.449999999999999, 0.1e2, 2.5e-1
pressure_hpa, 1013.25, 1_013.250_1, 1.01325E3, +1013.2500000000000000000001
humidity, 45, 45.0, .45e2, 4500e-2, 0.45E+2
tiny, 5e-324, 2.4703282292062328e-324, 2.2250738585072014e-308, 4.9406564584124654e-324
huge, 1.7976931348623157e308, 1e308, 8.98846567431158e307, 1.7976931348623158e308
halfway, 9007199254740993, 9007199254740995, 1.00000000000000011102230246251565404236316680908203125, 0.500000000000000055511151231257827021181583404541015625
bad, 21.5.1, 1e, --3, 1__0, 0x1p3, , nan, -inf
"""

def parse_row(line):
    name, *fields = [f.strip() for f in line.split(',')]
    values, rejected = [], []
    for text in fields:
        try:
            values.append(float(text))
        except ValueError as e:
            rejected.append(str(e))
    return name, values, rejected


def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs) if xs else float('nan')


rows = [parse_row(line) for line in LOG.strip().split('\n')]
for name, values, rejected in rows:
    print(name.ljust(13), [repr(v) for v in values])
    for why in rejected:
        print('   rejected:', why)
    finite = [v for v in values if v == v and abs(v) != float('inf')]
    if finite:
        m = mean(finite)
        print('   mean %r  min %r  max %r' % (m, min(finite), max(finite)))
        print('   %.17g | %g | {:.3e} | {:.2f} | {:+.4g}'.format(m, m / 7, m / 3) % (m, m / 7))
        print('   round trip:', all(float(repr(v)) == v for v in finite))

# values people compute, whose repr CPython gets right and naive printers do not
computed = [0.1 + 0.2, 0.1 * 3, 1 / 3, 2 ** -25, 2.0 ** 53 + 2, 1e16, 1e22, 1e23, 123456789.123456789,
            1708079727397123.2, 0.3 - 0.1, 100 * 1.1, 4.35 * 100, 1e-7, 9.999999999999999e22]
for x in computed:
    print(repr(x), str(-x), '%.17g' % x, '{:.3e}'.format(x), '%g' % x, format(x, '.25g'))

# exact ties when rounding to a given number of places go to the even digit
for x in [0.125, 0.375, 2.5, 3.5, 1.5, 7.5e-9, 2 ** -37]:
    print('%.2f %.0f %.1e' % (x, x * 10, x), format(x, '.2g'))
print(format(1e308 * 10, '%'), format(1.7e308, '%')[-12:], format(float('-nan'), 'f'), '%e' % float('nan'))
try:
    print(0.0 ** -2.0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e, '| but 0.0 ** -inf is', 0.0 ** float('-inf'), pow(0.0, float('-inf')))
