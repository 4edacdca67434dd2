name = "Ada"
n = 42
pi = 3.14159
print(f"hello {name}!")
print(f"{n} squared is {n * n}")
print(f"{pi:.2f} {n:>5} {n:<5}| {n:05d} {name!r} {name:^9}|")
print(f"{{literal}} {n}")
w = 8
print(f"{pi:{w}.3f}|")
print(f"{n=} {name=} {pi=:.1f}")
items = [1, 2]
print(f"{items} {len(items)} {items[0] + 1} {'nested'} {n if n > 0 else -n}")
print("plain " f"{n}" " tail")
print(f"")
d = {"k": "v"}
print(f"{d['k']} {n:x} {n:b} {n:,}")
