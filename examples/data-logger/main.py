# A data logger that keeps only the last readings: a ring buffer. RAM on a board is small, so
# the log has a fixed size and the newest reading replaces the oldest one.
# Open the Plotter and turn the knob: the lines show the min, max and mean of the last 5 s.
import time

from machine import ADC, Pin


class RingBuffer:
    """The last `size` values added; adding to a full buffer replaces the oldest."""

    def __init__(self, size):
        self.values = [0.0] * size   # made full size once: the log never grows
        self.size = size
        self.count = 0               # how many values it holds, up to size
        self.next = 0                # where the next value goes

    def add(self, value):
        self.values[self.next] = value
        self.next = (self.next + 1) % self.size   # wrap around to the start
        if self.count < self.size:
            self.count += 1

    def __len__(self):
        return self.count

    def __iter__(self):
        # oldest first: it sits `count` places before the next free slot
        start = (self.next - self.count) % self.size
        for i in range(self.count):
            yield self.values[(start + i) % self.size]

    def minimum(self):
        return min(self)

    def maximum(self):
        return max(self)

    def mean(self):
        return sum(self) / self.count


SAMPLE_MS = 250
log = RingBuffer(20)   # 20 readings of 250 ms: the last 5 seconds
knob = ADC(Pin('A0'))   # the KNOB on the Virtual board
print(f'logging the knob every {SAMPLE_MS} ms, keeping the last {log.size} readings')

while True:
    log.add(knob.read_u16() * 3.3 / 65535)
    if len(log) % 4 == 0:   # once a second (every 4th reading) a summary
        print(f'min:{log.minimum():.2f} max:{log.maximum():.2f} mean:{log.mean():.2f}')
    time.sleep_ms(SAMPLE_MS)
