def f():
    pass
for bad in (0, 6, -1, "high", 2.5, None):
    try:
        thread(f, prio=bad)
        print("started with prio", repr(bad))
    except ValueError as e:
        print("ValueError", repr(bad))
for bad in (42, "f", None):
    try:
        thread(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    thread()
except TypeError as e:
    print("TypeError without a function")
try:
    thread(f, size=-5)
except ValueError as e:
    print("ValueError size")
t = thread(f, prio=PRIO_HIGHEST)
t.join()
print(PRIO_LOWEST, PRIO_LOWER, PRIO_NORMAL, PRIO_HIGHER, PRIO_HIGHEST, t.prio)
try:
    t.set_prio(9)
except ValueError:
    print("set_prio ValueError")
