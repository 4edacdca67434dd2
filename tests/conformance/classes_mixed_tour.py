class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(" + repr(self.name) + ")"

class Dog(Animal):
    def speak(self):
        return super().speak() + ": woof"

a = Animal("cat")
d = Dog("rex")
print(a.speak())
print(d.speak())
print(d.kind, Dog.kind)
print(a)
print([a, d])
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal))
m = d.speak
print(m())

class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __str__(self):
        return "V(%d, %d)" % (self.x, self.y) if False else "V(" + str(self.x) + ", " + str(self.y) + ")"
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]

v = V(1, 2) + V(3, 4)
print(v, v == V(4, 6), v != V(0, 0), len(v), v[0])

class MyError(ValueError):
    pass
try:
    raise MyError("custom")
except ValueError as e:
    print("caught", e, type(e) is MyError)

class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), D.__mro__[1].__name__)

class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x * 2
    @staticmethod
    def s(x):
        return x + 1
    @classmethod
    def c(cls):
        return cls.__name__
p = P()
p.v = 5
print(p.v, P.s(1), p.s(2), P.c(), p.c())
