# Unbounded recursion in a thread ends in RecursionError at the depth its stack allows (the
# default, or size=): it never writes past the thread's frames (it did on the inline call path,
# which checked the main thread's limit).
out = []

def down(n):
    return down(n + 1) + 1

def probe(tag):
    try:
        down(0)
    except RecursionError:
        out.append(tag)

for size in (None, 100, 2000, 65536):
    t = thread(probe, str(size), size=size)
    t.join()
probe("main")
print(out)
