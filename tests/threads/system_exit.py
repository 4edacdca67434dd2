# sys.exit() in a thread ends that thread only, silently (as in CPython): the thread waiting
# for it and main go on.
import sys
log = []

def quitter():
    log.append("quitter")
    sys.exit(3)
    log.append("never")

q = thread(quitter)

def other():
    q.join()
    log.append("other ends")

o = thread(other)
o.join()
print(log, q.is_alive())
