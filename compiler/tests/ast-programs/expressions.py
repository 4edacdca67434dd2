f = lambda: 0
g = lambda *a, **k: (a, k)
x = [i for i in range(3)]
y = {i for i in x if i if not i}
z = {k: v for k, v in q}
w = (i async for i in x)
sum(i for i in x)
s = x[1:2], x[:], x[::2], x[a:b:c], x[1:2, 3], x[...]
t = a if b else c if d else e
u = not a == b != c is not d in e not in f
v = a ** -b ** c
print(*args, sep="", **kw)
m = {**a, 'b': 1}
n = [*a, *b]
o = 1,
p = ()
q = (1)
r = ((1, 2), [3], {4: 5})
s2 = "a" "b" 'c'
s3 = b"a" b'\xff'
s4 = """triple
quoted""" + '''x'''
s5 = r'\d+' + R"x" + Rb"y" + BR'z'
s6 = '\x41\101\u00e9\U0001F600\
continued'
n2 = 1e10 + 1E-5 + 1_0.0_1 + 0XFF + 0O7 + 0B1 + 10.
a.b.c = d[e][f] = 1
x += 1; y -= 2; z *= 3; a /= 4; b //= 5; c %= 6; d **= 7; e >>= 8; f <<= 9; g &= 1; h |= 2; i ^= 3; j @= k
def h(a, b=1, *c, d, e=2, f, **g): pass
