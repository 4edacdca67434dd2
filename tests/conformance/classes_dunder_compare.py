class Version:
    def __init__(self, major, minor):
        self.key = (major, minor)
    def __eq__(self, other):
        return self.key == other.key
    def __lt__(self, other):
        return self.key < other.key
    def __le__(self, other):
        return self.key <= other.key
    def __repr__(self):
        return "v%d.%d" % self.key if False else "v" + str(self.key[0]) + "." + str(self.key[1])

vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs) if False else vs)
print(Version(1, 0) < Version(1, 2), Version(2, 0) > Version(1, 5), Version(1, 1) == Version(1, 1))
print(Version(1, 1) != Version(1, 2), Version(3, 0) >= Version(3, 0))
print(Version(1, 0) in vs, vs.index(Version(1, 0)))
print(max(vs), min(vs))
