# How deep a thread may call: its own frames (250 on the host VM, 16 on boards), fewer with
# threading.stack_size(bytes). Too deep raises RecursionError in that thread, nothing worse.
import threading


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


results = []


def climb(n):
    try:
        results.append(deep(n))
    except RecursionError:
        results.append('RecursionError at %d' % n)


def run_all(depths):
    del results[:]
    for n in depths:
        t = threading.Thread(target=climb, args=(n,))
        t.start()
        t.join()
    return list(results)


print('default:', threading.stack_size(), run_all((10, 200, 400, 5000)))
print('set 4096, was', threading.stack_size(4096))
print('4096 bytes:', run_all((10, 20, 60)))
threading.stack_size(0)
print('back to default:', run_all((200,)))
try:
    threading.stack_size(-1)
except ValueError as e:
    print('ValueError:', e)
print('main thread:', deep(900))
