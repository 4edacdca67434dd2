# Two threads, two priorities: the urgent one cuts in on the busy one.
#
# background() runs in a thread of its own at the lowest priority; it counts
# as fast as it can and never waits. The main program runs at PRIO_NORMAL,
# above it: it sleeps most of the time, but the moment its sleep ends the
# VM takes the processor away from background() (preemption), the main
# program prints, and goes back to sleep. Without priorities it would have
# to wait its turn behind the busy loop.
#
# Try: start background with prio=PRIO_NORMAL, the main program's own.
# Equal threads take turns every 10 ms, so the beats come up to 10 ms late.
import time

counted = 0        # how far background() has got; only background() writes it
running = True     # the main program sets it to False to stop background()


def background():
    global counted
    while running:          # busy: no sleep, no wait
        counted += 1


worker = thread(background, prio=PRIO_LOWEST)

last = 0
for beat in range(1, 6):
    start = time.ticks_ms()
    time.sleep_ms(200)
    # How long after its 200 ms the main program got to run again.
    late = time.ticks_diff(time.ticks_ms(), start) - 200
    # What background() did meanwhile: it kept counting.
    print(f"beat {beat}: {late} ms late, background counted {counted - last} more")
    last = counted

running = False    # tell background() to stop...
worker.join()      # ...and wait until it has
print("done: background counted to", counted)
