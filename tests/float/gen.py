# Writes the float property test's cases (tests/float/check.py reads them) to stdout:
#   python3 gen.py COUNT SEED
# Deterministic for a given COUNT and SEED. Doubles go as sign, integer mantissa and power of two,
# so that building them needs only exact arithmetic; decimal strings go as text.
import random
import struct
import sys
from fractions import Fraction

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 10)
out = []


def parts(x):
    """(sign, m, e) with x == (-1)**sign * m * 2**e, or the word for inf and nan."""
    bits = struct.unpack('<Q', struct.pack('<d', x))[0]
    sign = bits >> 63
    biased = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if biased == 0x7FF:
        return sign, 'nan' if frac else 'inf', None
    if biased == 0:
        return sign, frac, -1074
    return sign, frac | (1 << 52), biased - 1075


def double(x, kind='r'):
    s, m, e = parts(x)
    out.append(f'{kind} {s} {m}' + ('' if e is None else f' {e}'))


def from_bits(bits):
    return struct.unpack('<d', struct.pack('<Q', bits))[0]


def bits_of(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def exact_decimal(fr):
    """The exact decimal text of a fraction whose denominator is a power of two."""
    n, d = fr.numerator, fr.denominator
    k = d.bit_length() - 1
    digits = str(n * 5 ** k)
    if k == 0:
        return digits
    digits = digits.rjust(k + 1, '0')
    return digits[:-k] + '.' + digits[-k:]


def midpoint(x):
    """The exact decimal halfway between positive finite x and the next double up."""
    y = from_bits(bits_of(x) + 1)
    lo = Fraction(x)
    hi = Fraction(y) if y != float('inf') else Fraction(2) ** 1024
    return exact_decimal((lo + hi) / 2)


def sci(text):
    """Rewrite a plain decimal in scientific form with a shifted point, to vary the exponent."""
    if '.' not in text:
        text += '.'
    intpart, frac = text.split('.')
    digits = (intpart + frac).lstrip('0')
    if not digits:
        return '0e0'
    exp = len(intpart) - (len(intpart + frac) - len(digits)) - 1
    return digits[0] + '.' + digits[1:] + 'e' + str(exp)


# ---- edge cases --------------------------------------------------------------------------
MAXF = 1.7976931348623157e308
edges = [0.0, -0.0, float('inf'), -float('inf'), float('nan'), 5e-324, -5e-324, 1e-323,
         2.2250738585072014e-308, 2.225073858507201e-308, MAXF, -MAXF, 1e16, 1e22, 1e23, 1e21,
         9007199254740992.0, 9007199254740993.0, 9007199254740991.0, 0.1, 0.2, 0.3, 0.1 + 0.2,
         1 / 3, 2 / 3, 1e-7, 1e-5, 1e-4, 1e15, 1e17, 123456789012345678.0, 0.5, 1.5, 2.5,
         4.35, 0.015, 1.005, 2.675, 1e300 * 10, 1e-300 / 1e10, 5e-310, 1.1, 100.0, 1e100]
for i in range(-1074, 1024):
    edges.append(2.0 ** i)
for b in (1, 2, 3, 0xFFFFFFFFFFFFF, 0x10000000000000, 0x8000000000000, 0x7FEFFFFFFFFFFFFF,
          0x7FEFFFFFFFFFFFFE, 0x0010000000000001, 0x000FFFFFFFFFFFFF, 0x3FF0000000000001,
          0x3FEFFFFFFFFFFFFF):
    edges.append(from_bits(b))
for k in range(-30, 31):
    edges.append(10.0 ** k)
for x in edges:
    double(x)
    double(x, 'f')
for t in ['0', '-0', '+0.0', '1e400', '-1e400', '1e-400', '2.4703282292062327e-324',
          '2.4703282292062328e-324', '2.470328229206232720882e-324', '4.9406564584124654e-324',
          '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308',
          '179769313486231580793728971405301e276', '2.2250738585072011e-308',
          '2.2250738585072012e-308', '9007199254740993', '9007199254740993.0000000001',
          '9007199254740992.9999999999', '0.1', '.5', '5.', '1E5', '1e+5', ' 1.5 ', '\t-2.5e-3\t',
          '1_000.000_1', 'inf', '-Infinity', 'nAn', '+inf', '1e-325', '8.988465674311579e307',
          '0.000000000000000000000000000000000000001', '1' + '0' * 400 + 'e-400',
          '0.' + '0' * 330 + '1e330', '1' * 30, '123456789012345678901234567890e-40',
          '7.2057594037927933e16', '1e23', '8.533e+68', '4.1006e-184', '9.998e+307',
          '9.9538452227e-280', '6.47660115e-260', '7.4e+47', '5.92e+48', '7.35e+66', '8.32116e+55']:
    out.append('s ' + t)
# past the 780 digits the parser keeps: what follows only matters as zero or not
for x in [5e-324, 2.2250738585072014e-308, 1.0, 0.1, 1e300, MAXF / 2, 123.456e-200]:
    mid = midpoint(x)
    for tail in ['', '0' * 900, '0' * 900 + '1', '0' * 20 + '1']:
        out.append('s ' + mid + tail)
    below = mid[:-1] + str(int(mid[-1]) - 1) + '9' * 900
    out.append('s ' + below)
out.append('s ' + '1_2' * 300 + 'e-600')
out.append('s 0.' + '0' * 1000 + '1' + 'e1000')
out.append('s ' + '9' * 1200 + 'e-1200')
for t in ['', ' ', '1.2.3', 'e5', '1e', '--1', '1_', '_1', '1__0', 'in f', 'nanx', '0x10', '1,5',
          '1e5.5', '. 5', '+', '-', '1 2', 'infinit', '1_e5', '1e_5', '1._5']:
    out.append('x ' + t)

# ---- random cases ------------------------------------------------------------------------
def random_double():
    while True:
        x = from_bits(rng.getrandbits(64))
        if x == x and x not in (float('inf'), -float('inf')):
            return x


def random_decimal():
    nd = rng.choice([1, 2, 3, 5, 8, 12, 15, 16, 17, 18, 19, 20, 21, 25, 30, 40])
    digits = ''.join(rng.choice('0123456789') for _ in range(nd)).lstrip('0') or '0'
    e = rng.randint(-345, 330)
    sign = rng.choice(['', '', '-', '+'])
    form = rng.random()
    if form < 0.5:
        return f'{sign}{digits}e{e}'
    if form < 0.8:
        p = rng.randint(0, len(digits))
        return f'{sign}{digits[:p]}.{digits[p:]}e{e}'
    e = rng.randint(-25, 25)
    return sign + exact_decimal(Fraction(int(digits)) * Fraction(10) ** e) if e >= 0 else \
        sign + '0.' + '0' * rng.randint(0, 20) + digits


n = len(out)
while len(out) < count:
    r = rng.random()
    if r < 0.30:
        double(random_double())
    elif r < 0.38:   # short decimals: k * 10**j
        k = rng.randint(1, 10 ** rng.randint(1, 17))
        double(float(f'{k}e{rng.randint(-330, 300)}'))
    elif r < 0.44:   # computed ones: 0.1 * k, k / 10, sums
        k = rng.randint(1, 100000)
        double(rng.choice([0.1 * k, k / 10, k * 0.01, 0.1 * k + 0.2, k / 3, 1.1 ** (k % 700)]))
    elif r < 0.48:   # near a power of two or 2**53
        x = from_bits(max(0, bits_of(2.0 ** rng.randint(-1074, 1023)) + rng.randint(-3, 3)))
        double(x if x != float('inf') else MAXF)
    elif r < 0.56:
        double(random_double() if rng.random() < 0.5 else float(random_decimal()), 'f')
    elif r < 0.78:
        out.append('s ' + random_decimal())
    elif r < 0.88:   # exactly halfway between two doubles, and just either side of it
        x = abs(random_double()) if rng.random() < 0.7 else abs(float(random_decimal()))
        if x == float('inf') or x == MAXF:
            continue
        mid = midpoint(x)
        choice = rng.random()
        if choice < 0.4:
            text = mid
        elif choice < 0.7:
            text = mid + '0' * rng.randint(0, 5) + '1'
        else:   # just below: subtract one unit in a far place
            nines = '9' * rng.randint(1, 8)
            if '.' in mid:   # an exact halfway point with a fraction ends in 5
                text = mid[:-1] + str(int(mid[-1]) - 1) + nines
            else:
                text = str(int(mid) - 1) + '.' + nines
        out.append('s ' + (sci(text) if rng.random() < 0.5 else text))
    else:   # repr strings read back, and their neighbours at 17-20 digits
        x = random_double()
        t = repr(x)
        if rng.random() < 0.5:
            t = '%.*e' % (rng.randint(16, 22), x)
        out.append('s ' + t)
out = out[:max(count, n)]
# Viper's input() reads at most 256 characters a line: long texts go in pieces
lines = []
for line in out:
    while len(line) > 200:
        lines.append('c ' + line[2:200])
        line = line[:2] + line[200:]
    lines.append(line)
out = lines
out.append('end')
sys.stdout.write('\n'.join(out) + '\n')
