# SPI 1 of the Virtual board: a device that answers each byte with the byte it got.
from machine import SPI

s = SPI(1)
print(s, isinstance(s, SPI), SPI.MSB, SPI.LSB, s.MSB)
r = bytearray(4)
s.write_readinto(b'\x01\x80\x55\xfe', r)
print(r)
print(s.read(3), s.read(2, 0xA5), s.read(1, write=7))
buf = bytearray(b'abc')
s.readinto(buf)
print(buf)
s.readinto(buf, 0x42)
print(buf)
print(s.write(b'ignored'))
inplace = bytearray(b'same')
s.write_readinto(inplace, inplace)
print(inplace)

# LSB first: the bytes go out bit-reversed and come back reversed again, so the echo shows
# them unchanged; the caller's buffer is not touched
s.init(500000, polarity=1, phase=1, firstbit=SPI.LSB)
print(s)
tx = b'\x01\x02\xf0'
rx = bytearray(3)
s.write_readinto(tx, rx)
print(rx, tx, s.read(2, 0x01))
s = SPI(1, baudrate=8000000, polarity=0, phase=1, bits=8, firstbit=SPI.MSB)
print(s)

def attempt(what, f):
    try:
        print(what, f())
    except Exception as e:
        print(what, type(e).__name__ + ':', e)

attempt('lengths', lambda: s.write_readinto(b'ab', bytearray(3)))
attempt('bits=16', lambda: SPI(1, bits=16))
attempt('firstbit=5', lambda: SPI(1, firstbit=5))
attempt('polarity=2', lambda: SPI(1, polarity=2))
attempt('baudrate', lambda: SPI(1, 60000000))
attempt('SPI(2)', lambda: SPI(2))
attempt('read into bytes', lambda: s.readinto(b'xy'))
attempt('write=300', lambda: s.read(1, 300))
s.deinit()
attempt('closed', lambda: s.read(1))
