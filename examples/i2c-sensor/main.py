# Temperature and humidity from an SHT31 sensor, once a second.
# The driver (the part that talks to the chip) is in sht31.py; this file is the app.
import time

import board
from sht31 import SHT31

i2c = board.I2C()   # the board's default I2C bus (I2C 1 on the Virtual board)
print('devices on the bus:', [hex(address) for address in i2c.scan()])

sensor = SHT31(i2c)
while True:
    temperature, humidity = sensor.measure()
    print(f'{temperature:.1f} C  {humidity:.0f} %')
    time.sleep(1)
