# The three classes as Python sees them: their names, methods and constants (the editor's API
# table is checked against these dir() lists), and that they are types.
import machine
from machine import UART, I2C, SPI

for cls in (UART, I2C, SPI):
    print(cls.__name__, type(cls).__name__, [n for n in dir(cls) if not n.startswith('_')])
print(SPI.MSB, SPI.LSB, 'MSB' in SPI.__dict__, callable(UART.read))
print(machine.UART is UART, isinstance(SPI(1), SPI), isinstance(I2C(1), UART))
u = UART(1)
print(UART.write(u, b'xy'), u.read())   # an unbound method called with its object
try:
    SPI.MSB = 3
except (AttributeError, TypeError) as e:
    print(type(e).__name__)

# the board module's default buses are these classes, opened
import board
print(board.UART(), board.I2C().scan(), board.SPI().read(2, 9))
