# Read a knob (a potentiometer) on A0 and print its voltage ten times a second.
# Open the plotter: a line of numbers like "volts: 1.65" is drawn as a graph.
from machine import ADC
import time
import board

knob = ADC(board.A0)          # the KNOB on the Virtual board

while True:
    raw = knob.read_u16()     # 0 (0 V) .. 65535 (3.3 V)
    volts = raw * 3.3 / 65535
    print("volts:", round(volts, 2))
    time.sleep_ms(100)
