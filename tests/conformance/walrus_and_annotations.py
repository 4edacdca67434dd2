x: int = 5
y: list
print(x)
def f(a: int, b: str = "s") -> str:
    n: int = a * 2
    return b * n
print(f(2))
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print("long list", n)
values = [y for v in data if (y := v * 2) > 5]
print(values, y)
def g():
    total = [s for v in range(4) if (s := v * v) > 1]
    return total, s
print(g())
while (chunk := data.pop()) != 8:
    print("chunk", chunk)
print(data)
class C:
    attr: int = 3
    other: str
print(C.attr)
