# collections, one class after another: namedtuple (defaults, _make, errors), deque, defaultdict, OrderedDict, Counter arithmetic, ChainMap.
from collections import namedtuple, deque, defaultdict, OrderedDict, Counter, ChainMap
Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], len(p), p._fields, p._asdict(), p._replace(x=5), Point._make([3, 4]))
x, y = p
print(x + y, p == (1, 2), p == Point(1, 2), tuple(p), list(p))
Task = namedtuple('Task', ['prio', 'name', 'tags'], defaults=[()])
print(Task(1, 'a'), sorted([Task(2, 'b'), Task(1, 'z')]), Task.__name__)
try:
    Point(1)
except TypeError as e:
    print(e)
try:
    p.x = 3
except AttributeError as e:
    print('AttributeError')
d = deque([1, 2, 3], maxlen=4)
d.append(4); d.append(5); d.appendleft(0)
print(d, d[0], d[-1], len(d), d.maxlen)
d.rotate(1); print(d); d.rotate(-2); print(d)
d.extendleft('ab'); print(d, d.popleft(), d.pop(), d)
e = deque(range(10)); e.remove(3); e.insert(0, 'x'); e.reverse(); print(e, e.count(5), e.index(5), 5 in e)
print(deque(), deque('abc') == deque('abc'))
try:
    deque().pop()
except IndexError as ex:
    print(ex)
dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dd['a'], 'c' in dd, dict(dd.items()), len(dd))
di = defaultdict(int); di['x'] += 1; print(di)
od = OrderedDict(); od['b'] = 1; od['a'] = 2; od['c'] = 3
od.move_to_end('b'); print(od); od.move_to_end('c', last=False); print(od, list(od))
print(od.popitem(), od.popitem(last=False), od, OrderedDict())
c = Counter('abracadabra')
print(c, c.most_common(2), c['z'], sorted(c.elements()))
c.update('aaz'); c.subtract({'a': 2}); print(c)
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c & c2, c | c2, c.total())
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm)
