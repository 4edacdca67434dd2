class Counter:
    total = 0

    def __init__(self, start=0):
        self.value = start
        Counter.total += 1

    def increment(self, by=1):
        self.value += by
        return self

    def get(self):
        return self.value

c = Counter()
c.increment().increment(5)
print(c.get(), c.value)
d = Counter(10)
print(d.get(), Counter.total, c.total)
d.extra = "dynamic"
print(d.extra)
print(type(c) is Counter, type(c).__name__)
