def make():
    total = 0
    history = []
    def add(x):
        nonlocal total
        total += x
        history.append(total)
        return total
    def reset():
        nonlocal total
        total = 0
    return add, reset, history

add, reset, history = make()
for v in [1, 2, 3]:
    add(v)
reset()
add(10)
print(history)
