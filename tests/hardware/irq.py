# Pin.irq without the IDE: an output pin's own edges interrupt too (as on a chip).
import time, machine
from machine import Pin

p = Pin('D5', Pin.OUT, value=0)
seen = []
def handler(pin):
    seen.append((pin.name(), irq.flags()))
irq = p.irq(handler, Pin.IRQ_RISING | Pin.IRQ_FALLING)
print(irq.trigger() == Pin.IRQ_RISING | Pin.IRQ_FALLING)
for i in range(3):
    p.on()
    p.off()
time.sleep(0.05)
print(seen)
print(seen == [('D5', Pin.IRQ_RISING), ('D5', Pin.IRQ_FALLING)] * 3)

# only rising edges
seen.clear()
irq = p.irq(handler, Pin.IRQ_RISING)
p.on(); p.off(); p.on(); p.off()
time.sleep(0.05)
print(seen == [('D5', Pin.IRQ_RISING)] * 2)

# debounce: edges closer than 300 ms to the last one let through are dropped (ten pulses: far less)
seen.clear()
irq = p.irq(handler, Pin.IRQ_RISING, debounce=300)
for i in range(10):
    p.on(); p.off()
time.sleep(0.35)
p.on(); p.off()
time.sleep(0.05)
print('debounced:', len(seen))

# off
seen.clear()
p.irq(None)
p.on(); p.off()
time.sleep(0.05)
print('after irq(None):', seen)

# a handler that raises: traceback on stderr, that handler off, the others on
q = Pin('D6', Pin.OUT, value=0)
calls = []
def bad(pin):
    calls.append(1)
    raise ZeroDivisionError('bad handler')
q.irq(bad, Pin.IRQ_RISING)
p.irq(handler, Pin.IRQ_RISING)
q.on(); q.off(); q.on()
p.on()
time.sleep(0.05)
print('bad handler ran', len(calls), 'time; the other', len(seen))
print(machine.irq_dropped())

try:
    p.irq(42)
except TypeError as e:
    print('TypeError:', e)
