class P:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"P({self.x!r})"
    def __str__(self):
        return f"<{self.x}>"

p = P("a")
print(f"{p} {p!r} {p!s} {[p]}")
vals = [1.5, 22.25, 333.125]
for v in vals:
    print(f"|{v:8.2f}|{v:<8.1f}|{v:^10.3f}|")
rows = [("apple", 3), ("kiwi", 12)]
for name, qty in rows:
    print(f"{name:<10}{qty:>4}")
print(f"{'left':<6}|{'right':>6}|")
print(f"{3 + 4 = }")
