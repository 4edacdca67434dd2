def pair():
    value = [0]
    x = 10
    def get():
        return x
    def set(v):
        nonlocal x
        x = v
    return get, set

g, s = pair()
print(g())
s(42)
print(g())
s("text")
print(g())
