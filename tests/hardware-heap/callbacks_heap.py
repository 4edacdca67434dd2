# A Timer callback and a pin's irq handler on a Nucleo's heap (--heap 28k): they start the
# callbacks' thread, which has a small stack there.
import time
from machine import Pin, Timer
seen = [0, None]
def tick(tm):
    seen[0] += 1
def edge(pin):
    seen[1] = pin.name()
t = Timer(-1, period=10, callback=tick)
p = Pin('D5', Pin.OUT, value=0)
p.irq(edge, Pin.IRQ_RISING)
p.on()
time.sleep(0.2)
t.deinit()
print(seen[0] > 5, seen[1])
