# Two threads, two priorities: the urgent one cuts in on the busy one.
#
# background() counts as fast as it can and never waits. heartbeat() sleeps
# most of the time, but it has the highest priority: the moment its sleep
# ends, the VM takes the processor away from background() (preemption),
# prints, and goes back to sleep. Without priorities the heartbeat would
# have to wait its turn behind the busy loop.
#
# Try: start heartbeat with prio=PRIO_LOWEST too. Equal threads take turns
# every 10 ms, so the beats come up to 10 ms late.
import time

counted = 0        # how far background() has got; only background() writes it
running = True     # the main program sets it to False to stop background()


def background():
    global counted
    while running:          # busy: no sleep, no wait
        counted += 1


def heartbeat():
    last = 0
    for beat in range(1, 6):
        start = time.ticks_ms()
        time.sleep_ms(200)
        # How long after its 200 ms the heartbeat got to run again.
        late = time.ticks_diff(time.ticks_ms(), start) - 200
        # What background() did meanwhile: it kept counting.
        print(f"beat {beat}: {late} ms late, background counted {counted - last} more")
        last = counted


worker = thread(background, prio=PRIO_LOWEST)
beats = thread(heartbeat, prio=PRIO_HIGHEST)

beats.join()       # wait for the five beats...
running = False    # ...then tell background() to stop
worker.join()
print("done: background counted to", counted)
