# A UART receive ring buffer as a driver keeps it: one preallocated bytearray, written and read
# through memoryview slices so no chunk is copied twice; then a sample ring of 16-bit values in
# an array('H') edited through a memoryview that indexes by item.
from array import array


class Ring:
    def __init__(self, size):
        self.buf = bytearray(size)
        self.view = memoryview(self.buf)
        self.head = 0      # next byte to write
        self.count = 0

    def write(self, data):
        data = memoryview(data)
        size = len(self.buf)
        if len(data) > size - self.count:
            raise OverflowError('ring full: %d bytes free, %d offered' % (size - self.count, len(data)))
        first = min(len(data), size - self.head)
        self.view[self.head:self.head + first] = data[:first]
        self.view[:len(data) - first] = data[first:]
        self.head = (self.head + len(data)) % size
        self.count += len(data)

    def read(self, n):
        n = min(n, self.count)
        size = len(self.buf)
        tail = (self.head - self.count) % size
        first = min(n, size - tail)
        out = bytes(self.view[tail:tail + first]) + self.view[:n - first]
        self.count -= n
        return out


ring = Ring(8)
ring.write(b'HELLO')
print(ring.read(3), ring.count)
ring.write(bytearray(b'WORLD'))
print(ring.buf, ring.head, ring.count)
print(ring.read(10), ring.count)
try:
    ring.write(b'x' * 9)
except OverflowError as e:
    print('OverflowError:', e)
ring.write(memoryview(b'..abc..')[2:5])
print(ring.read(8), ring.view.nbytes, ring.view.readonly, ring.view.itemsize, ring.view.format)

# read-only views, released views, wrong shapes
def store(view, where, value):
    try:
        view[where] = value
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)


store(memoryview(b'const'), 0, 1)
store(ring.view, slice(0, 2), b'abc')
store(ring.view, 0, 256)
store(ring.view, 0, 'a')
with memoryview(bytearray(b'tmp')) as m:
    print(m[0], m[-1], list(m[::2]))
try:
    len(m)
except ValueError as e:
    print('ValueError:', e)

# a ring of 16-bit samples: the view indexes items, not bytes
samples = array('H', [0] * 6)
mv = memoryview(samples)
print(len(mv), mv.itemsize, mv.format, mv.nbytes, mv.shape, mv.strides)
pos = 0
for reading in (100, 200, 65535, 7, 8, 9, 10, 11):
    mv[pos] = reading
    pos = (pos + 1) % len(mv)
print(samples, mv[pos], mv.tolist())
mv[1:3] = array('H', [1, 2])
print(samples, bytes(mv[:2]), mv[::2].tolist())
mv[1:] = mv[:-1]           # shift right by one through overlapping views
print(samples)
try:
    mv[0] = 70000
except ValueError as e:
    print('ValueError:', e)
try:
    mv[0:2] = b'\x00\x00\x00\x00'
except ValueError as e:
    print('ValueError:', e)
raw = mv.cast('B')
raw[0] = 0xFF
raw[1] = 0x00
print(samples[0], len(raw), raw[:4].tolist(), raw.cast('H').tolist() == samples.tolist())
print(mv == samples, mv == array('I', samples), mv[:2] == b'\xff\x00\x0b\x00', bytes(mv[:1]) == b'\xff\x00')
print(int(memoryview(b'  42 ')), b'ab' + memoryview(b'cd'), bytearray(b'x') + mv[:1])
