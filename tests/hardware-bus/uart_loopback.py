# UART 1 of the Virtual board without a link: TX is wired to RX (a jumper), so what the program
# writes it reads back. Every method, MicroPython's return values, and the timeouts.
import time
from machine import UART

u = UART(1, 115200, timeout=20, timeout_char=5)
print(u)
print(isinstance(u, UART), type(u).__name__)
print(u.any(), u.read())                 # nothing yet: None after the timeout
print(u.write(b'hello\nworld\n'), u.any())
print(u.readline(), u.readline())
print(u.readline())                      # nothing left
print(u.write('str too'), u.read(3), u.read())
u.write(bytearray(b'12345678'))
buf = bytearray(5)
print(u.readinto(buf), buf)
print(u.readinto(buf, 2), buf, u.any())
print(u.read(10))                        # the last byte: fewer than asked once timeout_char passes
print(u.readinto(bytearray(4)))          # None: nothing came
mv = memoryview(bytearray(6))
u.write(b'abcdef')
print(u.readinto(mv[2:]), bytes(mv), u.read())
print(u.read(0), u.flush(), u.txdone())

# a long write comes back whole, in order
data = bytes(range(256)) * 8
print(u.write(data), u.any(), u.read() == data)

# the receive buffer holds 4 KB: beyond it bytes are lost, as in an overrun on a chip
print(u.write(bytes(5000)), u.any(), len(u.read()), u.any())

# init() changes the settings and keeps the UART open; parity None / 0 (even) / 1 (odd)
u.init(9600, bits=7, parity=0, stop=2, timeout=0)
print(u)
u.init(parity=1)
print(u)
u.init(parity=None, timeout=30)
u.deinit()
print(u)
try:
    u.write(b'x')
except ValueError as e:
    print('ValueError:', e)
u.init()
print(u.write(b'back'), u.read())

# read(n) waits timeout ms for the first byte, then timeout_char between bytes
u.init(timeout=150, timeout_char=0)
t0 = time.ticks_ms()
r = u.read(1)
waited = time.ticks_diff(time.ticks_ms(), t0)
print(r, 140 <= waited < 1000)
u.init(timeout=0)
t0 = time.ticks_ms()
print(u.read(), time.ticks_diff(time.ticks_ms(), t0) < 50)

# bytes-like objects only
for bad in (42, None, [1, 2]):
    try:
        u.write(bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    u.readinto(b'immutable')
except TypeError as e:
    print('TypeError:', e)
