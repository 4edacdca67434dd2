# Smoothing a sensor with generators: one yields readings forever, the next averages the
# last few. Open the Plotter and turn the knob: the average follows it, smoothly and late.
import time

from machine import ADC, Pin


def readings(adc, period_ms):
    """The knob's voltage, one reading every period_ms, forever."""
    while True:
        yield adc.read_u16() * 3.3 / 65535
        time.sleep_ms(period_ms)


def moving_average(stream, size):
    """For each value of stream: (the value, the mean of the last `size` values)."""
    window = []
    for value in stream:
        window.append(value)
        if len(window) > size:
            window.pop(0)   # forget the oldest
        yield value, sum(window) / len(window)


knob = ADC(Pin('A0'))   # the KNOB on the Virtual board
# The pipeline pulls one reading at a time: nothing is read before it is needed.
for volts, average in moving_average(readings(knob, 50), 10):
    print(f'knob:{volts:.2f} average:{average:.2f}')
