# A read that waits for its timeout gives the interpreter up: another thread runs meanwhile,
# and the byte it writes ends the wait early.
import time
from machine import UART

u = UART(1, timeout=2000)
ticks = []

def ticker():
    for i in range(5):
        ticks.append(i)
        time.sleep(0.01)
    u.write(b'!')

t0 = time.ticks_ms()
thread(ticker)
got = u.read(1)
waited = time.ticks_diff(time.ticks_ms(), t0)
print(got, ticks, waited < 1500)

# readline waits for the rest of the line between the pieces another thread writes
u.init(timeout=2000, timeout_char=1000)

def slow_writer():
    for piece in (b'one ', b'two ', b'three\n', b'next'):
        u.write(piece)
        time.sleep(0.02)

thread(slow_writer)
print(u.readline(), u.readline())
