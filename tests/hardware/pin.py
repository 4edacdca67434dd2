# machine.Pin and the board module on the Virtual board, without the IDE.
import board
from machine import Pin

led = Pin('LED', Pin.OUT)
print(led, led.name(), led.value())
led.on(); print(led.value(), led())
led.off(); print(led.value())
led.toggle(); print(led.value())
led.high(); led.low(); print(led.value())
led(1); print(led.value())
led.value(False); print(led.value())

# inputs read their pull while nothing drives them
b = Pin('BUTTON', Pin.IN, Pin.PULL_UP)
print(b, b.value(), b.mode() == Pin.IN, b.pull() == Pin.PULL_UP)
b.init(pull=Pin.PULL_DOWN)
print(b, b.value())
b.pull(None)
print(Pin('D4', Pin.IN).value(), Pin('D4').mode())

# open drain: 0 pulls low, 1 lets go (the pull-up reads 1)
od = Pin('D7', Pin.OPEN_DRAIN, Pin.PULL_UP, value=0)
print(od, od.value())
od.on(); print(od.value())

# the same pin by name, alias, number and board attribute
print(Pin(13) == Pin('D13') == Pin(board.LED) == board.D13, repr(Pin(board.LED)))
print(Pin('D5', Pin.OUT, value=1).value())
print(board.NAME, board.BUTTON, board.A3)
print(repr(board.D12), board.D12.mode())   # not set up until used
board.D12.on()
print(repr(board.D12))
print(len([n for n in dir(board) if n[0] in 'DA' and n[1:].isdigit()]))
print(sorted(n for n in dir(board) if n.isupper() and n != 'NAME'))

def fails(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)

fails(lambda: Pin('D99'))
fails(lambda: Pin(20))
fails(lambda: Pin(-1))
fails(lambda: Pin(2.5))
fails(lambda: Pin('D3', 7))
fails(lambda: Pin('D3', Pin.IN, 5))
fails(lambda: board.D99)
