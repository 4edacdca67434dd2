def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle

print(outer(1)(2)(3))
print(outer("x")("y")("z"))

def adders():
    fs = []
    for i in range(3):
        def add(n, i=i):
            return n + i
        fs.append(add)
    return fs

print(adders()[0](10), adders()[1](10), adders()[2](10))
