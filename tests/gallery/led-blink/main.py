# The on-board LED on for a quarter second, off for a quarter second, forever.
import time
from machine import Pin
import board

led = Pin(board.LED, Pin.OUT)
while True:
    led.value(1)
    print("on")
    time.sleep_ms(250)
    led.value(0)
    print("off")
    time.sleep_ms(250)
