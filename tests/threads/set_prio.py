# set_prio at run time: a starved thread raised above a busy one takes over at once, and lowered
# again it stops. main runs at PRIO_HIGHEST so that it can look whenever its sleeps end.
import _thread, time
_thread.current().set_prio(PRIO_HIGHEST)
count = {"x": 0, "y": 0}
stop = [False]

def spin(key):
    while not stop[0]:
        count[key] += 1

def wait_for(key, above):
    while count[key] <= above:
        time.sleep(0.001)

x = thread(spin, "x", prio=PRIO_LOWEST)
y = thread(spin, "y", prio=PRIO_LOWER)
wait_for("y", 0)
x_before = count["x"]   # x may have run before y's OS thread was under way
time.sleep(0.03)
print("x starved below y:", count["x"] == x_before)

x.set_prio(PRIO_HIGHER)
print("x.prio is now", x.prio)
wait_for("x", 0)
y_before, x_before = count["y"], count["x"]
time.sleep(0.03)
print("x runs:", count["x"] > x_before, "y frozen:", count["y"] == y_before)

x.set_prio(PRIO_LOWEST)
wait_for("y", count["y"])
x_before = count["x"]
time.sleep(0.03)
print("x frozen:", count["x"] == x_before)

stop[0] = True
x.join()
y.join()
print(x.prio, y.prio, x.is_alive(), y.is_alive())
