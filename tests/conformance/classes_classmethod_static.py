class Temp:
    unit = "C"

    def __init__(self, degrees):
        self.degrees = degrees

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 // 9)

    @staticmethod
    def valid(d):
        return d > -273

    @classmethod
    def describe(cls):
        return "unit " + cls.unit

t = Temp.from_f(212)
print(t.degrees, Temp.valid(-300), t.valid(0))
print(Temp.describe(), t.describe())

class Sub(Temp):
    unit = "K"
print(Sub.describe(), type(Sub.from_f(32)).__name__ if False else isinstance(Sub.from_f(32), Sub))
