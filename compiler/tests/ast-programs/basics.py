x = 1
y = x + 2 * 3 - -4 ** 2
a = b = "hi" 'there'
print(x, y, a, 1.5, 1e16, 0x1F, 0o17, 0b101, 1_000_000, .5, 2., None, True, False, ...)
z = [1, 2, (3, 4), {}, {"a": 1, **d}, {1, 2}, ()]
if x < y <= 3 and not a or b:
    pass
elif x is not None:
    x += 1
else:
    del x, y
while True:
    break
else:
    continue
for i in range(10):
    s[i] = t.u[1:2, ::3]
def f(a, b=1, *args, c, d=2, **kw):
    global g
    return a if b else c
print(f(1, *r, k=2, **m))
lambda x, y=2: x
w = [i * 2 for i in z if i for j in i]
q = {k: v for k, v in d.items()}
print(-x, ~x, +x, x // 2 % 3 @ m, x << 1 >> 2 & 3 | 4 ^ 5)
print(b"bytes\x00", r"raw\n", "esc\t\n\\\"", u"uni", 'it\'s', "é", 99999999999999999999999)
