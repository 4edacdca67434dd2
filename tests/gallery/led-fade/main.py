import time
from machine import PWM
import board

led = PWM(board.LED2, freq=1000)
while True:
    for duty in range(0, 65536, 4096):
        led.duty_u16(duty)
        time.sleep_ms(30)
