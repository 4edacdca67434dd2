import board

i2c = board.I2C()
print(i2c.scan())
