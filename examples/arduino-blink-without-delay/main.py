# BlinkWithoutDelay, from the Arduino examples: blink the LED without sleeping, so the loop
# stays free to do other work (read a button, talk to a sensor) between the changes.
import time

from machine import Pin
import board

led = Pin(board.LED, Pin.OUT)
INTERVAL_MS = 1000            # how long the LED stays on, then off
previous = time.ticks_ms()    # Arduino: previousMillis = millis()

while True:
    # here is where you would put code that needs to run all the time
    now = time.ticks_ms()
    # ticks_diff, not now - previous: it stays right when the counter wraps around
    if time.ticks_diff(now, previous) >= INTERVAL_MS:
        previous = now
        led.toggle()
