# A 2-D vector with the whole numeric protocol, driving a small ballistics simulation.


class Vec:

    def __init__(self, x=0.0, y=0.0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Vec({self.x!r}, {self.y!r})"

    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(self.x + other.x, self.y + other.y)

    def __radd__(self, other):
        if other == 0:          # lets sum() start from 0
            return self
        return NotImplemented

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        if isinstance(k, Vec):  # dot product
            return self.x * k.x + self.y * k.y
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __divmod__(self, k):
        return self // k, self % k

    def __pow__(self, n):
        return Vec(self.x ** n, self.y ** n)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return Vec(+self.x, +self.y)

    def __abs__(self):
        return (self.x * self.x + self.y * self.y) ** 0.5

    def __round__(self, n=None):
        return Vec(round(self.x, n), round(self.y, n))

    def __bool__(self):
        return self.x != 0 or self.y != 0

    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self

    def __imul__(self, k):
        self.x *= k
        self.y *= k
        return self


class Body:
    def __init__(self, name, pos, vel):
        self.name = name
        self.pos = pos
        self.vel = vel

    def step(self, dt, gravity):
        self.vel += gravity * dt
        self.pos += self.vel * dt
        if self.pos.y < 0:       # bounce, losing some energy
            self.pos = Vec(self.pos.x, -self.pos.y)
            self.vel = Vec(self.vel.x, -self.vel.y) * 0.5


gravity = Vec(0.0, -9.75)
bodies = [Body("ball", Vec(0.0, 10.0), Vec(2.0, 0.0)),
          Body("rock", Vec(5.0, 0.0), Vec(-1.0, 12.0))]
for tick in range(40):
    for b in bodies:
        b.step(0.05, gravity)
    if tick % 10 == 9:
        for b in bodies:
            print(tick + 1, b.name, round(b.pos, 2), "speed", round(abs(b.vel), 3))

total = sum(b.vel for b in bodies)
print("total momentum", round(total, 3))
print("dot", round(Vec(1, 2) * Vec(3, 4), 1), "scaled", 3 * Vec(1, 2), Vec(1, 2) * 3)
print("neg", -Vec(1, -2), "pos", +Vec(1, 2), "pow", Vec(2, 3) ** 2)
print("divmod", divmod(Vec(7, -7), 3), "floordiv", Vec(7.5, 1) // 2)
print("bool", bool(Vec()), bool(Vec(0, 1)), "not", not Vec())
print("round", round(Vec(1.25, 2.75)), round(Vec(1.256, 9.999), 1))
v = Vec(1, 1)
alias = v
v += Vec(1, 2)
v *= 2
print("in place", v, alias is v)
print("hash", hash(Vec(1, 2)) == hash((1, 2)), len({Vec(1, 2), Vec(1, 2), Vec(2, 1)}))
try:
    Vec(1, 2) + 5
except TypeError as e:
    print("TypeError:", e)
try:
    "x" * Vec(1, 2)
except TypeError as e:
    print("TypeError:", e)


class Meters:
    """A unit type: behaves as an index and converts to int and float."""

    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n

    def __float__(self):
        return float(self.n)

    def __repr__(self):
        return f"{self.n}m"


m = Meters(3)
track = ["start", "a", "b", "c", "d", "finish"]
print(track[m], track[Meters(1):m], bin(m), hex(m), oct(m), list(range(m)))
print(int(m), float(m), "%d" % 7, [0] * 2)
