# Blink: the "hello world" of boards. The LED goes on and off twice a second.
from machine import Pin
import time
import board

led = Pin(board.LED, Pin.OUT)   # the on-board LED, as an output

while True:
    led.on()
    print("on")
    time.sleep_ms(250)          # wait a quarter of a second
    led.off()
    print("off")
    time.sleep_ms(250)
