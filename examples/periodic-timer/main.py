# A Timer calls a function by itself at a steady rate. Here it blinks the LED
# and counts its ticks, while the main program only reports the count.
from machine import Pin, Timer
import time
import board

led = Pin(board.LED, Pin.OUT)
ticks = 0


def tick(timer):
    global ticks        # the callback changes the count kept outside it
    led.toggle()
    ticks += 1


# every 250 ms, until the program ends: the LED blinks twice a second
timer = Timer(period=250, mode=Timer.PERIODIC, callback=tick)

seconds = 0
while True:
    time.sleep_ms(1000)
    seconds += 1
    print("after", seconds, "s:", ticks, "ticks")
