# A data logger on a board: ADC readings are kept in a typed array, clipped to the converter's
# range, packed into little-endian packets with a header and checksum, "sent" as bytes, and
# decoded again on the other side (arrays, bytes, memoryview and struct working on one buffer).
import struct
from array import array

SENSOR_ID = 7


def clip(value, lo=-32768, hi=32767):
    return lo if value < lo else hi if value > hi else value


class Logger:
    def __init__(self):
        self.samples = array('h')
        self.rejected = []

    def record(self, raw):
        try:
            self.samples.append(raw)
        except OverflowError as e:
            self.rejected.append((raw, str(e)))
            self.samples.append(clip(raw))

    def packet(self, seq):
        body = self.samples.tobytes()
        header = struct.pack('<BBH', SENSOR_ID, seq, len(self.samples))
        checksum = sum(body) & 0xFF
        return header + body + bytes([checksum])


def decode(packet):
    sensor, seq, count = struct.unpack_from('<BBH', packet)
    body = memoryview(packet)[4:-1]
    if sum(body) & 0xFF != packet[-1]:
        raise ValueError('bad checksum in packet %d' % seq)
    values = array('h')
    values.frombytes(body)
    assert len(values) == count
    return sensor, seq, values


log = Logger()
for raw in (120, -340, 560, 40000, -32768, 99999, -70000, 12):
    log.record(raw)
print(log.samples, len(log.samples), log.samples.itemsize)
for raw, why in log.rejected:
    print('clipped', raw, '->', clip(raw), '(' + why + ')')

pkt = log.packet(3)
print(type(pkt).__name__, len(pkt), pkt[:8].hex(' '))
sensor, seq, values = decode(pkt)
print(sensor, seq, values == log.samples, values.tolist())
print('mean %.2f, peak %d, trough %d' % (sum(values) / len(values), max(values), min(values)))

# a corrupted byte is caught by the checksum
bad = bytearray(pkt)
bad[5] ^= 0x40
try:
    decode(bytes(bad))
except ValueError as e:
    print('ValueError:', e)

# the same readings from a big-endian device: swap them in place
wire = array('h', values)
wire.byteswap()
print(wire.tobytes()[:4], bytes(values)[:4])
wire.byteswap()
print(wire == values, bytes(wire) == values.tobytes(), b'\x78\x00' + wire[1:2])

# the buffer protocol: the array is bytes-like everywhere a bytes object is accepted
print(bytes(array('H', [1, 256])), bytearray(array('b', [-1, 1])), int.from_bytes(array('B', [1, 2]), 'big'))
print(array('b', [1, 2]) in b'\x00\x01\x02', bytearray(b'\x01\x00') == array('h', [1]), b'\x01\x00' == array('h', [1]))
print(struct.unpack('<2h', array('h', [-2, 5])), memoryview(array('i', [1, -1])).tolist())

# a moving average over the window, in a float array
window = array('f')
for i in range(len(values) - 2):
    window.append(sum(values[i:i + 3]) / 3)
print(window.typecode, [round(x, 1) for x in window])
smooth = array('d', window)
print(smooth[:2], smooth * 0 == array('d'), array('d', [0.5]) * 3, 2 * array('b', [1, -1]))

# typecodes: sizes, ranges and the errors of a wrong value
for code in 'bBhHiIqQfd':
    a = array(code, [1, 2])
    try:
        a.append(-1)
        a.append(2 ** 31)
        result = 'ok'
    except OverflowError as e:
        result = 'OverflowError: %s' % e
    print(code, a.itemsize, len(a.tobytes()), a.tolist(), result)
for bad_value in ('1', 1.5, None):
    try:
        array('i', [bad_value])
    except TypeError as e:
        print('TypeError:', e)
