def clamp(x, lo, hi, /):
    return lo if x < lo else hi if x > hi else x

print(clamp(5, 0, 3), clamp(-1, 0, 3), clamp(2, 0, 3))

def fmt(value, /, width=4, *, fill="."):
    s = str(value)
    while len(s) < width:
        s = fill + s
    return s

print(fmt(7))
print(fmt(7, 6))
print(fmt(7, width=3, fill="0"))

def kw_collects(a, /, **kw):
    return a, kw

print(kw_collects(1, a=2))
