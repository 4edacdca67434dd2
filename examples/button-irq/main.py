# Count button presses with an interrupt: the handler runs by itself on each
# press, so the main loop never has to keep checking the button.
from machine import Pin
import time
import board

button = Pin(board.BUTTON, Pin.IN)
presses = 0


def pressed(pin):
    global presses          # the handler changes the count kept outside it
    presses += 1
    print("pressed", presses, "times")


# IRQ_RISING: call pressed() when the button's pin goes from 0 to 1, the moment it is
# pressed here. (A Nucleo's button reads 0 while held, so there it is the release: still
# one count per press.)
# A real button's contact bounces, making several edges in a few ms:
# debounce=50 ignores edges closer than 50 ms to the last one.
button.irq(pressed, Pin.IRQ_RISING, debounce=50)

print("Press the button")
while True:
    time.sleep_ms(100)      # the main program is free to do other work here
