# Fade an LED up and down with PWM: the pin switches on and off a thousand
# times a second, and the share of time it is on (the duty) sets the brightness.
from machine import Pin, PWM
import time
import board

led = PWM(Pin(board.LED2), freq=1000)   # LED2 can do PWM on the Virtual board

STEPS = 32
FULL = 65535                            # duty_u16: 0 is off, 65535 is fully on

while True:
    for i in range(STEPS + 1):          # brighter...
        led.duty_u16(FULL * i // STEPS)
        time.sleep_ms(20)
    for i in range(STEPS, -1, -1):      # ...then dimmer
        led.duty_u16(FULL * i // STEPS)
        time.sleep_ms(20)
    print("faded up and down")
