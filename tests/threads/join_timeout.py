import time
stop = [False]

def spin():
    while not stop[0]:
        time.sleep(0.005)

t = thread(spin)
start = time.ticks_ms()
r = t.join(0.05)
waited = time.ticks_diff(time.ticks_ms(), start)
print(r, t.is_alive(), waited >= 50)
stop[0] = True
print(t.join(5), t.is_alive())
