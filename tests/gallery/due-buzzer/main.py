import time
from machine import Pin
import board

buzzer = Pin(board.D5, Pin.OUT)
while True:
    buzzer.value(1)
    time.sleep_ms(5)
    buzzer.value(0)
    time.sleep_ms(995)
