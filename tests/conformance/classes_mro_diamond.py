class Base:
    def hello(self):
        return ["Base"]

class Left(Base):
    def hello(self):
        return ["Left"] + super().hello()

class Right(Base):
    def hello(self):
        return ["Right"] + super().hello()

class Child(Left, Right):
    def hello(self):
        return ["Child"] + super().hello()

print(Child().hello())
print(Child.__mro__[0].__name__, Child.__mro__[1].__name__, Child.__mro__[2].__name__, Child.__mro__[3].__name__)

class X: pass
class Y: pass
class Z(X, Y): pass
print(Z.__mro__[1].__name__, Z.__mro__[2].__name__)
