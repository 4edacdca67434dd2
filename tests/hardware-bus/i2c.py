# I2C 1 of the Virtual board: an SHT31 at 0x44 (21.5 °C, 45 % until the person sets others).
from machine import I2C


class SHT31:
    """A driver as one writes it for the real chip: single-shot measurement, CRC checked."""

    def __init__(self, i2c, addr=0x44):
        self.i2c = i2c
        self.addr = addr

    @staticmethod
    def crc8(data):
        crc = 0xFF
        for b in data:
            crc ^= b
            for _ in range(8):
                crc = ((crc << 1) ^ 0x31) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
        return crc

    def _word(self, data, at):
        if self.crc8(data[at:at + 2]) != data[at + 2]:
            raise ValueError('CRC mismatch')
        return data[at] << 8 | data[at + 1]

    def measure(self):
        self.i2c.writeto(self.addr, b'\x24\x00')
        data = self.i2c.readfrom(self.addr, 6)
        t = -45 + 175 * self._word(data, 0) / 65535
        rh = 100 * self._word(data, 3) / 65535
        return round(t, 2), round(rh, 2)


i2c = I2C(1)
print(i2c, isinstance(i2c, I2C))
print(i2c.scan() == [68], i2c.scan())
print(SHT31.crc8(b'\xbe\xef') == 0x92)          # the datasheet's example
sensor = SHT31(i2c)
print(sensor.measure())

# one transaction: the 16-bit command as a memory address, then the 6 bytes after a repeated start
data = i2c.readfrom_mem(0x44, 0x2400, 6, addrsize=16)
print(len(data), sensor._word(data, 0), sensor._word(data, 3))
buf = bytearray(6)
i2c.readfrom_mem_into(0x44, 0x2C06, buf, addrsize=16)   # with clock stretching: same result
print(bytes(buf) == data)
i2c.writeto_mem(0x44, 0x24, b'\x00')             # the command in two parts: 0x24 as an 8-bit address
print(i2c.readfrom(0x44, 6) == data)
print(i2c.writeto(0x44, bytearray([0xF3, 0x2D])))  # read status: 3 bytes, CRC'd
st = bytearray(3)
i2c.readfrom_into(0x44, st)
print(st, sensor.crc8(st[:2]) == st[2])
print(i2c.writeto(0x44, b'\x30\xa2', False))      # soft reset, no STOP
print(i2c.writevto(0x44, (b'\x24', bytearray(b'\x00'))), i2c.readfrom(0x44, 6) == data)   # one write of both

def attempt(what, f):
    try:
        print(what, f())
    except Exception as e:
        print(what, type(e).__name__ + ':', e, getattr(e, 'errno', ''))

attempt('no device', lambda: i2c.readfrom(0x45, 2))
attempt('no device write', lambda: i2c.writeto(0x10, b'\x00'))
attempt('no device mem', lambda: i2c.readfrom_mem(0x50, 0, 4))
attempt('nothing to read', lambda: i2c.readfrom(0x44, 6))
attempt('unknown command', lambda: i2c.writeto(0x44, b'\x12\x34'))
attempt('address 128', lambda: i2c.readfrom(128, 1))
attempt('addrsize 12', lambda: i2c.readfrom_mem(0x44, 0, 1, addrsize=12))
attempt('memaddr too big', lambda: i2c.readfrom_mem(0x44, 0x100, 1))
attempt('write str', lambda: i2c.writeto(0x44, 'ab'))
attempt('writevto', lambda: i2c.writevto(0x44, [b'\x24', 5]))
attempt('I2C(2)', lambda: I2C(2))
attempt('freq', lambda: I2C(1, freq=2000000))
try:
    i2c.readfrom(0x45, 1)
except OSError as e:
    print(e.args[0] == 19, e.errno, str(e))

i2c.init(freq=100000)
print(i2c)
i2c.deinit()
print(i2c)
attempt('closed', lambda: i2c.scan())
i2c.init()
print(i2c, i2c.scan())
