# A sensor that stops answering (a loose wire, a sensor without power) must not stop the
# program. A failed read raises OSError: we catch it, retry a few times with a growing pause
# (back-off), carry on with the last good reading meanwhile, and say when the sensor is back.
# On the Virtual board: untick "connected" on the board panel's sensor, then tick it again.
import time

import board
from sht31 import SHT31

PERIOD_MS = 1000        # one reading a second while all is well
LONGEST_WAIT_MS = 4000  # while the sensor is away, wait longer and longer, up to this


def read_with_retries(sensor, tries=3):
    """A measurement; if the sensor does not answer, try again after 50, then 100 ms.
    Raises the last OSError when every try failed: the caller decides what to do then."""
    pause_ms = 50
    for attempt in range(1, tries + 1):
        try:
            return sensor.measure()
        except OSError as error:
            if attempt == tries:
                raise
            print(f'  try {attempt} failed ({error}), again in {pause_ms} ms')
            time.sleep_ms(pause_ms)
            pause_ms *= 2   # back off: a struggling device gets more time each try


sensor = SHT31(board.I2C())
last_good = None     # the last temperature we trust
failed_reads = 0     # reads in a row that failed

while True:
    try:
        temperature, humidity = read_with_retries(sensor)
    except OSError:
        failed_reads += 1
        if last_good is None:
            print('sensor not answering, no reading yet')
        else:
            print(f'sensor not answering, still showing the last reading: {last_good:.1f} C')
        # wait twice as long after each failure (2, 4, 4... s): no point hammering a dead bus
        time.sleep_ms(min(PERIOD_MS * 2 ** failed_reads, LONGEST_WAIT_MS))
        continue

    if failed_reads:
        print(f'sensor is back after {failed_reads} failed reads')
        failed_reads = 0
    last_good = temperature
    print(f'{temperature:.1f} C  {humidity:.0f} %')
    time.sleep_ms(PERIOD_MS)
