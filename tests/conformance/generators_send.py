def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count

a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))

def accumulate():
    items = []
    while True:
        item = yield len(items)
        if item is None:
            return items
        items.append(item)

acc = accumulate()
print(next(acc), acc.send("a"), acc.send("b"))
try:
    acc.send(None)
except StopIteration as stop:
    print("finished with", stop.value)
