# A driver for the Sensirion SHT31 temperature and humidity sensor on I2C.
# main.py imports it; another program can too: copy this file next to its main.py.
import time

MEASURE = b'\x24\x00'   # single shot, high repeatability, no clock stretching
MEASURE_MS = 16          # the datasheet's longest single-shot measurement is 15 ms


def crc8(data):
    """Sensirion's CRC-8 (polynomial 0x31, starting at 0xFF): the check byte after each word."""
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            if crc & 0x80:
                crc = ((crc << 1) ^ 0x31) & 0xFF
            else:
                crc = (crc << 1) & 0xFF
    return crc


class SHT31:
    def __init__(self, i2c, address=0x44):
        self.i2c = i2c
        self.address = address   # 0x44, or 0x45 when the ADDR pin is tied high

    def measure(self):
        """One measurement: (temperature in C, relative humidity in %)."""
        self.i2c.writeto(self.address, MEASURE)
        time.sleep_ms(MEASURE_MS)
        data = self.i2c.readfrom(self.address, 6)
        raw_temperature = self._word(data[0:3])
        raw_humidity = self._word(data[3:6])
        # the conversion formulas of the datasheet (section 4.13)
        temperature = -45 + 175 * raw_temperature / 65535
        humidity = 100 * raw_humidity / 65535
        return temperature, humidity

    def _word(self, chunk):
        # two data bytes then their CRC: a wrong CRC means the bits were garbled on the wire
        if crc8(chunk[0:2]) != chunk[2]:
            raise OSError('SHT31: CRC mismatch, the reading was garbled')
        return chunk[0] << 8 | chunk[1]
