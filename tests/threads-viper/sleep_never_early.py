# time.sleep and sleep_ms never return early, whole or fractional milliseconds, while another
# thread keeps the interpreter busy; and they do not oversleep by much.
import time

busy = [True]


def spin():
    while busy[0]:
        pass


thread(spin, prio=PRIO_LOWEST)
for ms in (0, 0.3, 1, 7, 20.5, 150):
    start = time.ticks_us()
    time.sleep_ms(ms)
    took = time.ticks_diff(time.ticks_us(), start)
    print(ms, "not early:", took >= ms * 1000, "not 50 ms late:", took < ms * 1000 + 50000)
start = time.ticks_us()
time.sleep(0.25)
took = time.ticks_diff(time.ticks_us(), start)
print("sleep(0.25) not early:", took >= 250000, "not 50 ms late:", took < 300000)
busy[0] = False
