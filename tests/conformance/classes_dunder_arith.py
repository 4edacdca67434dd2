class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return Money(self.cents + other)
    def __radd__(self, other):
        return Money(self.cents + other)
    def __sub__(self, other):
        return Money(self.cents - other.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    def __rmul__(self, k):
        return Money(self.cents * k)
    def __neg__(self):
        return Money(-self.cents)
    def __repr__(self):
        return "Money(" + str(self.cents) + ")"

a = Money(150)
b = Money(75)
print(a + b, a - b, a * 2, 3 * b, -a, a + 5, 5 + a)
print(sum([a, b], Money(0)))
