# Reads float test cases from stdin and prints one line per case; run by both CPython and Viper
# (tests/float-repr.test.ts), whose outputs must be equal byte for byte.
#   r SIGN M E  -> the double (-1)**SIGN * M * 2**E: its repr, whether float(repr) gives it back
#   f SIGN M E  -> the same double through %-formats and format specs
#   s TEXT      -> float(TEXT), written exactly (float.hex)
#   x TEXT      -> float(TEXT) must fail: the exception's type and message
#   c TEXT      -> TEXT starts the next s or x case's text (Viper's input() reads at most 256
#                  characters a line, so long strings come in pieces)
#   end         -> the last line

def build(sign, m, e):
    if e < -1022:   # two exact steps: 2.0 ** e alone would round to a subnormal power of two
        x = float(m) * 2.0 ** (e + 200) * 2.0 ** -200
    else:
        x = float(m) * 2.0 ** e
    return -x if sign else x


def special(word):
    if word == 'inf':
        return float('inf')
    if word == 'nan':
        return float('nan')
    return None


FORMATS = ['%.17g', '%g', '%.3e', '%.0f', '%.12g', '%r', '%s', '%e']
SPECS = ['.3e', '.17g', '', 'g', '.1f', '.10f', '+.5g', '.25g', '.0e', '%']

count = 0
pending = ''
while True:
    line = input()
    if line == 'end':
        break
    kind = line[0]
    if kind == 'c':
        pending += line[2:]
        continue
    if pending:
        line = line[:2] + pending + line[2:]
        pending = ''
    if kind == 'r' or kind == 'f':
        parts = line.split(' ')
        x = special(parts[2])
        if x is None:
            x = build(parts[1] == '1', int(parts[2]), int(parts[3]))
        elif parts[1] == '1':
            x = -x
        if kind == 'r':
            r = repr(x)
            y = float(r)
            print(r, str(x) == r, y == x or (x != x and y != y), y.hex() == x.hex())
        else:
            out = [f % x for f in FORMATS]
            for s in SPECS:
                out.append(format(x, s))
            print(' '.join(out))
    elif kind == 's':
        print(float(line[2:]).hex())
    elif kind == 'x':
        try:
            float(line[2:])
            print('accepted', line[2:])
        except ValueError as e:
            print('ValueError', e)
    count += 1
print('cases', count)
