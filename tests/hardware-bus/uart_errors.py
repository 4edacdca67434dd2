# Bad use of UART: clear exceptions, as MicroPython's (and the brief's) words.
from machine import UART

def attempt(what, f):
    try:
        f()
        print(what, 'no error')
    except Exception as e:
        print(what, type(e).__name__ + ':', e)

attempt('UART(3)', lambda: UART(3))
attempt('UART(0)', lambda: UART(0))
attempt("UART('1')", lambda: UART('1'))
attempt('bits=10', lambda: UART(1, bits=10))
attempt('parity=2', lambda: UART(1, parity=2))
attempt('stop=3', lambda: UART(1, stop=3))
attempt('baudrate=0', lambda: UART(1, 0))
attempt('timeout=-1', lambda: UART(1, timeout=-1))
attempt('rxbuf=', lambda: UART(1, rxbuf=64))
attempt('UART()', lambda: UART())
u = UART(1)
attempt('read(-1)', lambda: u.read(-1))
attempt('readinto n', lambda: u.readinto(bytearray(2), 3))
attempt('write()', lambda: u.write())
u.deinit()
for name in ('read', 'readline', 'any', 'flush', 'txdone'):
    attempt(name + ' closed', getattr(u, name))
