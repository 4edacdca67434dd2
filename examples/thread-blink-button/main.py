# One thread blinks the LED, the main program watches the button.
#
# Blinking means sleeping between toggles; watching a button means looking
# at it often. Done in one loop, the sleeps would keep the button waiting.
# With a thread for each job, each loop stays simple: while blink() sleeps,
# the main program runs, and the other way round.
from machine import Pin
import board
import time

# The level the button reads while held. A Nucleo's button reads 0 while
# held (it is "active low"): use 0 there.
PRESSED = 1

led = Pin(board.LED, Pin.OUT)
button = Pin(board.BUTTON, Pin.IN)


def blink():
    while True:
        led.toggle()
        time.sleep_ms(250)   # 4 toggles a second: the LED blinks twice a second


thread(blink)                # blink() now runs by itself

was_pressed = False
while True:
    pressed = button.value() == PRESSED
    if pressed != was_pressed:           # only say something when it changes
        print("pressed" if pressed else "released")
        was_pressed = pressed
    time.sleep_ms(20)        # look 50 times a second: quicker than any finger
