# A moving average over a sensor stream with a bounded deque, plus the deque as a work queue
# and an undo history.
from collections import deque


class MovingAverage:
    def __init__(self, size):
        self.window = deque(maxlen=size)
        self.total = 0

    def add(self, value):
        if len(self.window) == self.window.maxlen:
            self.total -= self.window[0]
        self.window.append(value)
        self.total += value
        return self.total / len(self.window)


ma = MovingAverage(3)
for v in [10, 20, 30, 40, 25, 5]:
    print('%5.1f' % ma.add(v), ma.window)

# breadth-first search over a small grid with a deque as the queue
GRID = ['..#.', '.##.', '....']


def shortest(start, goal):
    queue = deque([(start, 0)])
    seen = {start}
    while queue:
        (r, c), d = queue.popleft()
        if (r, c) == goal:
            return d
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < len(GRID) and 0 <= nc < 4 and GRID[nr][nc] == '.' and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append(((nr, nc), d + 1))
    return -1


print('path length:', shortest((0, 0), (0, 3)), shortest((0, 0), (0, 2)))

history = deque(maxlen=4)
for edit in ['type a', 'type b', 'bold', 'type c', 'delete']:
    history.append(edit)
print(history, history.pop(), history)
history.appendleft('open')
print(history, len(history), history[1], history[-1])
d = deque(range(6))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.extendleft([9, 8])
print(d, d.index(3), d.count(9), 3 in d)
d.remove(9)
d[0] = 'x'
del d[1]
print(d, d.popleft(), d.pop(), d)
d.clear()
try:
    d.popleft()
except IndexError as e:
    print('IndexError:', e)
print(deque('abc') == deque('abc'), deque([1, 2]) + deque([3]), deque([1], maxlen=2) * 3)
