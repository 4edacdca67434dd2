# Modular arithmetic for a toy RSA key, a hash table keyed by custom objects, and the int()
# and float() conversions a parser relies on.

p, q = 61, 53
n = p * q
phi = (p - 1) * (q - 1)
e = 17
d = pow(e, -1, phi)
print("n", n, "d", d, "check", e * d % phi)
message = [ord(c) for c in "Hi!"]
cipher = [pow(m, e, n) for m in message]
plain = [pow(c, d, n) for c in cipher]
print(cipher, "".join(map(chr, plain)))
print(pow(3, -2, 7), pow(-3, -1, 7), pow(3, -1, -7), pow(2, 100, 10**9 + 7), pow(2**65, -1, 10**9 + 7))
for base, mod in ((2, 4), (6, 9)):
    try:
        pow(base, -1, mod)
    except ValueError as e:
        print("ValueError:", e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-0.5, 0.25), divmod(10**20, 7))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


class Money:
    """Cents; the numeric protocol in full, with reflected operands."""

    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        sign = "-" if self.cents < 0 else ""
        return f"{sign}${abs(self.cents) // 100}.{abs(self.cents) % 100:02d}"

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __rsub__(self, other):
        return Money(other - self.cents)

    def __mul__(self, k):
        return Money(round(self.cents * k)) if isinstance(k, (int, float)) else NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, k):
        return Money(self.cents // k)

    def __mod__(self, k):
        return Money(self.cents % k)

    def __divmod__(self, k):
        return (self // k, self % k)

    def __rdivmod__(self, other):
        return divmod(other, self.cents)

    def __neg__(self):
        return Money(-self.cents)

    def __pos__(self):
        return self

    def __abs__(self):
        return Money(abs(self.cents))

    def __invert__(self):
        return Money(~self.cents)

    def __lshift__(self, n):
        return Money(self.cents << n)

    def __rrshift__(self, other):
        return other >> self.cents

    def __and__(self, other):
        return Money(self.cents & other)

    def __rxor__(self, other):
        return other ^ self.cents

    def __round__(self, ndigits=None):
        if ndigits is None:
            return round(self.cents / 100)
        return Money(round(self.cents, ndigits))

    def __int__(self):
        return self.cents // 100

    def __float__(self):
        return self.cents / 100

    def __index__(self):
        return self.cents

    def __bool__(self):
        return self.cents != 0

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __hash__(self):
        return self.cents * (2 ** 70)   # any int: reduced as CPython reduces big ints


wallet = [Money(1250), Money(399), Money(-75)]
print(sum(wallet), 10 + Money(5), Money(5) + 10, 1000 - Money(1), Money(250) * 3, 0.5 * Money(301))
print(-Money(5), +Money(5), abs(Money(-42)), ~Money(0), Money(3) << 2, 1024 >> Money(3), Money(7) & 3, 6 ^ Money(3))
print(divmod(Money(1001), 100), divmod(1001, Money(100)), round(Money(1250)), round(Money(1234), -2))
print(int(Money(1999)), float(Money(1999)), bool(Money(0)), bool(Money(1)), hex(Money(255)), "ab"[Money(1)])
ledger = {Money(100): "coffee", Money(250): "lunch"}
ledger[Money(100)] = "tea"
print(ledger, hash(Money(1)) == hash(2 ** 70), hash(Money(0)), Money(1) in {Money(1)})
total = Money(0)
for m in wallet:
    total += m
print(total, total == Money(1574), total != Money(1574))
try:
    Money(1) * "x"
except TypeError as e:
    print("TypeError:", e)
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)


class Celsius:
    def __init__(self, deg):
        self.deg = deg

    def __float__(self):
        return self.deg * 1.0

    def __trunc__(self):
        return int(self.deg)


class Count:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(float(Celsius(21)), int(Count(4)), float(Count(4)), list(range(Count(3))), [10, 20, 30][Count(-1)])
print(bin(Count(5)), oct(Count(8)), hex(Count(255)), "%x" % 255, (1, 2, 3, 4)[Count(1):Count(3)])
class Sized:
    def __len__(self):
        return 0


class Flagged(Sized):
    def __bool__(self):
        return True


print(bool(Sized()), bool(Flagged()), not Sized(), [x for x in (Sized(), Flagged()) if x].__len__())
print(True & False, True | False, True ^ True, False | False, type(True ^ False).__name__, True + True, True & 2)
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 64)), hash(10 ** 30) == hash(10 ** 30 % (2 ** 61 - 1)))
