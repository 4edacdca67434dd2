# Start threads together with a threading.Event: a race with a starting gun.
#
# An Event is a flag threads can wait for. go.wait() blocks until some
# thread calls go.set(); then every thread waiting for it goes at once.
# The runners get ready in their own time; the gun starts them together.
#
# The threading module makes a program of about 17 KB, more than most
# boards keep: this one is for the Virtual board.
import threading
import time

go = threading.Event()      # the starting gun: not fired yet
gun_fired_at = 0            # when it was fired (time.ticks_ms)


def run(name, lap_ms):
    print(name, "is at the start line")
    go.wait()                                   # wait here for the gun
    reaction = time.ticks_diff(time.ticks_ms(), gun_fired_at)
    print(name, "is off after", reaction, "ms")
    time.sleep_ms(lap_ms)                       # the race itself
    print(name, "finished")


print("On your marks...")
runners = [
    threading.Thread(target=run, args=("Ada", 300)),
    threading.Thread(target=run, args=("Bob", 200)),
]
for runner in runners:
    runner.start()

time.sleep(0.5)              # get set...
print("Go!")
gun_fired_at = time.ticks_ms()
go.set()                     # both runners wake up now

for runner in runners:
    runner.join()            # wait until both have finished
print("Race over")
