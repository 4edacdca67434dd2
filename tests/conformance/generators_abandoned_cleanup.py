# A generator pipeline abandoned halfway: its stages hold resources (a with block, a finally)
# that must be released when the pipeline is dropped, collected, or the program ends.
import gc

log = []

class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        log.append('open ' + self.name)
        return self
    def __exit__(self, kind, value, tb):
        log.append('close %s (%s)' % (self.name, kind.__name__ if kind else None))
        return False

def read_lines(name, lines):
    with Resource(name):
        for line in lines:
            yield line

def parse(rows):
    try:
        for row in rows:
            key, _, value = row.partition('=')
            yield key.strip(), int(value)
    finally:
        log.append('parse done')

def running_total(pairs):
    total = 0
    try:
        for key, value in pairs:
            total += value
            yield key, total
    except GeneratorExit:
        log.append('total closed at %d' % total)
        raise

data = ['a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5']
pipeline = running_total(parse(read_lines('data.cfg', data)))
for key, total in pipeline:
    print(key, total)
    if total > 5:
        break
print('after break:', log)
del pipeline
gc.collect()
print('after collect:', log)

# close() by hand runs the same cleanup at once
log.clear()
p = parse(read_lines('other.cfg', data))
print(next(p), next(p))
p.close()
gc.collect()   # the inner reader, now unreachable, is closed too
print('closed by hand:', log, p.gi_running)

# a generator that finished normally needs no cleanup; one never started has none to run
log.clear()
done = parse(iter(['x=1']))
print(list(done))
fresh = parse(iter(['y=2']))
del done, fresh
gc.collect()
print('finished/unstarted:', log)

# PEP 479: a StopIteration escaping a generator becomes RuntimeError
def take(it, n):
    for _ in range(n):
        yield next(it)

try:
    print(list(take(iter([1, 2]), 3)))
except RuntimeError as e:
    print('RuntimeError:', e, '| cause:', repr(e.__cause__))

# still suspended at the end of the program: cleaned up at exit
def watcher():
    try:
        while True:
            yield
    finally:
        print('watcher stopped at exit')

w = watcher()
next(w)
print('program ends')
