# SPI sends and receives at the same time: each clock pulse shifts one bit out on MOSI and
# one bit in on MISO. The Virtual board's SPI device echoes what it gets; on a real board a
# wire from MOSI to MISO does the same.
import board

spi = board.SPI()   # the board's default SPI bus (SPI 1 on the Virtual board), 1 MHz

# write_readinto: send a message and keep the bytes that came back, one for each sent
message = b'hello SPI'
reply = bytearray(len(message))
spi.write_readinto(message, reply)
print('sent:    ', message)
print('received:', bytes(reply))

# read: clock in 4 bytes while sending the same byte each time (0xA5 here)
print('read(4, 0xA5):', spi.read(4, 0xA5))

# a check a driver could run at start: every byte value from 0 to 255 makes the round trip
sent = bytes(range(256))
back = bytearray(256)
spi.write_readinto(sent, back)
errors = sum(1 for a, b in zip(sent, back) if a != b)
print('round trip of 256 bytes:', 'ok' if errors == 0 else f'{errors} wrong')

spi.deinit()
