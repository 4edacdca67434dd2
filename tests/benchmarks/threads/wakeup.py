# Wake-up latency: a thread sleeps 2 ms while another spins executing bytecodes; how late does
# the sleeper run its first bytecode after its sleep ends? On Viper the sleeper has the higher
# priority and preempts the spinner at its next backward jump; CPython has no priorities: the
# sleeper waits for the spinner's switch interval.
import _thread
import time

try:
    from time import ticks_us, ticks_diff, ticks_add
except ImportError:
    def ticks_us():
        return time.perf_counter_ns() // 1000

    def ticks_diff(a, b):
        return a - b

    def ticks_add(a, b):
        return a + b

try:
    start_thread = thread

    def start(fn, high):
        start_thread(fn, prio=PRIO_HIGHEST if high else PRIO_LOWEST)
except NameError:
    def start(fn, high):
        _thread.start_new_thread(fn, ())

ROUNDS = 40
state = {"stop": False, "spins": 0}
late = []
done = _thread.allocate_lock()
done.acquire()


def spinner():
    while not state["stop"]:
        state["spins"] += 1


def sleeper():
    for _ in range(ROUNDS):
        due = ticks_add(ticks_us(), 2000)
        time.sleep(0.002)
        late.append(ticks_diff(ticks_us(), due))
    state["stop"] = True
    done.release()


start(spinner, False)
time.sleep(0.01)
start(sleeper, True)
done.acquire()
late.sort()
print("wakeup_median_us", late[len(late) // 2])
print("wakeup_max_us", late[-1])
