class Tracker:
    def __enter__(self):
        print("acquire")
        return self
    def __exit__(self, *a):
        print("release")

def items():
    with Tracker():
        yield 1
        yield 2

for v in items():
    print("item", v)
g = items()
print(next(g))
g.close()
print("closed")
