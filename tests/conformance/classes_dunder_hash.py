class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)

d = {Key("a"): 1}
d[Key("b")] = 2
d[Key("a")] = 3
print(len(d), d[Key("a")], d[Key("b")])

class Plain:
    pass
p = Plain()
q = {p: "identity"}
print(q[p], p == p, p == Plain())

class NoHash:
    def __eq__(self, other):
        return True
try:
    {NoHash(): 1}
except TypeError as e:
    print(e)
