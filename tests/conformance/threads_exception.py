# An exception a thread lets out: the thread ends, the program goes on; threading.excepthook
# sees it when replaced, and by default "Exception in thread NAME:" and the traceback go to stderr.
import threading

caught = []


def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


def fails(kind):
    if kind == 'value':
        raise ValueError('bad value %d' % 42)
    if kind == 'key':
        {}['missing']
    if kind == 'exit':
        raise SystemExit(3)
    return 'fine'


threading.excepthook = hook
for kind in ('value', 'key', 'none'):
    t = threading.Thread(target=fails, args=(kind,), name='job-' + kind)
    t.start()
    t.join()
    print(t.name, 'alive:', t.is_alive())
print(caught)
threading.excepthook = threading.__excepthook__

# SystemExit ends only its thread, silently
t = threading.Thread(target=fails, args=('exit',))
t.start()
t.join()
print('after SystemExit in a thread')

# the main thread's work is not disturbed by a failing thread
results = []


def divide(a, b):
    results.append(a // b)


threads = [threading.Thread(target=divide, args=(12, d)) for d in (4, 3)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(sorted(results))

# the last thing: the default hook prints the traceback on stderr
bad = threading.Thread(target=divide, args=(1, 0), name='divider')
bad.start()
bad.join()
print('main carries on after', bad.name)
