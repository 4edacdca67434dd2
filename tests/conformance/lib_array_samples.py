# A sample buffer for an ADC: typed arrays hold readings, convert to and from bytes, and refuse
# values their type cannot hold.
from array import array

samples = array('h', [120, -340, 560, 32000, -32768])
print(samples, len(samples), samples.itemsize, samples.typecode)
print(samples[0], samples[-1], samples[1:3], samples[::2])
raw = samples.tobytes()
print(raw, len(raw))
again = array('h')
again.frombytes(raw)
print(again == samples, again.tolist())
samples.append(7)
samples.extend([8, 9])
samples.insert(0, -1)
print(samples, samples.pop(), samples.pop(0), samples.index(560), samples.count(7))
samples[1] = 0
del samples[2]
print(samples, 7 in samples, max(samples), sum(samples))
volts = array('f', [0.1, 3.3])
print(volts, array('d', [0.1, 3.3]), volts.tobytes())
print(array('B', b'\x00\x7f\xff'), array('I', [1, 2]) + array('I', [3]), array('b', [1, 2]) * 2)
print(array('L', [0, 2 ** 32 - 1]), array('q', [-2 ** 63]), array('Q', [2 ** 64 - 1]).tobytes())
print(array('u', 'héllo'), array('i', range(4)), array('H', array('b', [1, 2])))
for code, value in (('b', 128), ('B', -1), ('h', 40000), ('H', 70000), ('i', 2 ** 31), ('I', -5)):
    try:
        array(code, [value])
    except OverflowError as e:
        print(code, 'OverflowError:', e)
for bad in (lambda: array('x'), lambda: array('b', [1.5]), lambda: array('b', [1]) + array('h', [1]),
            lambda: array('h').frombytes(b'\x01')):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
