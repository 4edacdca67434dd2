import time
from machine import ADC
import board

knob = ADC(board.KNOB)
while True:
    print(knob.read_u16() * 3.3 / 65535)
    time.sleep_ms(100)
