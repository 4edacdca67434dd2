class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        return ("$" + format(self.cents / 100, spec or ".2f"))
    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents
    def __hash__(self):
        return hash(self.cents)
    def __repr__(self):
        return "Money(%d)" % self.cents
    def __lt__(self, other):
        return self.cents < other.cents
m = Money(1234)
print(format(m), format(m, ".1f"), "{:.3f} and {}".format(m, m), "%r" % m, str(m), [m])
s = set([Money(1), Money(1), Money(2)])
print(len(s), Money(2) in s, {Money(5): "five"}[Money(5)], sorted([Money(3), Money(1)]), max([Money(3), Money(9)]))
print(sorted([Money(3), Money(1)], key=lambda x: -x.cents), min(Money(4), Money(2)), Money(7) == Money(7), Money(7) in [Money(7)])
class Table:
    def __getitem__(self, k):
        return "<" + "{}".format(k) + ">"
print("a{0[x]}b{0[y]}c".format(Table()), "%s|%s" % (Money(5), Table()["q"]))
