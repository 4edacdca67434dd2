# Producer and consumer: a queue carries readings from one thread to another.
#
# The sensor thread (the producer) reads the knob on A0 five times a second
# and puts each reading in a queue. The main program (the consumer) takes
# them out and prints them. Neither waits for the other to be ready: the
# queue keeps the readings in between, in the order they were put in.
# On the Virtual board, turn the KNOB while it runs.
#
# The queue module (and the threading module it uses) makes a program of
# about 24 KB, more than most boards keep: this one is for the Virtual board.
from machine import ADC
import board
import queue
import time

# Room for 10 readings: if the printer fell behind, put() would wait for
# space instead of letting the queue eat all the memory.
readings = queue.Queue(maxsize=10)


def sensor():
    knob = ADC(board.A0)
    count = 0
    while True:
        count += 1
        volts = knob.read_u16() * 3.3 / 65535
        readings.put((count, volts))   # hand the reading over
        time.sleep_ms(200)


# The sensor gets a higher priority: it must read on time, printing can wait.
thread(sensor, prio=PRIO_HIGHER)

while True:
    count, volts = readings.get()      # waits until a reading arrives
    print(f"reading {count}: {volts:.2f} V")
