# A task scheduler: tasks are namedtuples in a heap ordered by (time, priority); running one
# may schedule follow-ups.
import heapq
from collections import namedtuple

Task = namedtuple('Task', 'due priority name repeat', defaults=[0])


class Scheduler:
    def __init__(self):
        self.queue = []
        self.log = []
        self.counter = 0

    def add(self, due, priority, name, repeat=0):
        task = Task(due, priority, name, repeat)
        heapq.heappush(self.queue, (task.due, task.priority, self.counter, task))
        self.counter += 1
        return task

    def run(self, until):
        while self.queue and self.queue[0][0] <= until:
            due, _, _, task = heapq.heappop(self.queue)
            self.log.append('%3d %-8s p%d' % (due, task.name, task.priority))
            if task.repeat:
                self.add(due + task.repeat, task.priority, task.name, task.repeat)
        return len(self.queue)


s = Scheduler()
t = s.add(0, 2, 'boot')
print(t, t.name, t.due, t._fields)
print(t._replace(priority=9), t._asdict())
s.add(5, 1, 'sample', repeat=10)
s.add(5, 0, 'alarm')
s.add(12, 3, 'report', repeat=25)
s.add(3, 1, 'blink', repeat=7)
left = s.run(40)
print('\n'.join(s.log))
print('left:', left, [entry[3].name for entry in sorted(s.queue)])

# the three most urgent and the latest, from a plain list
jobs = [Task(9, 1, 'a'), Task(2, 5, 'b'), Task(7, 0, 'c'), Task(2, 1, 'd')]
print(heapq.nsmallest(3, jobs))
print(heapq.nlargest(1, jobs, key=lambda j: j.due))
merged = list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 5]))
print(merged)
h = [5, 3, 8, 1]
heapq.heapify(h)
print(h, heapq.heappushpop(h, 0), heapq.heapreplace(h, 7), h)
try:
    Task(1)
except TypeError as e:
    print('TypeError:', e)
print(Task._make([1, 2, 'x', 3]) == (1, 2, 'x', 3), Task(1, 2, 'x') < Task(1, 3, 'a'))
