class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, scale=1):
        return (x + self.n) * scale

add5 = Adder(5)
print(add5(1), add5(1, scale=10))

class Empty:
    def __bool__(self):
        return False

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

print(bool(Empty()) if False else ("falsy" if not Empty() else "truthy"))
print("yes" if Sized(1) else "no", "yes" if Sized(0) else "no")
if Empty() or Sized(2):
    print("or works")
print(not Sized(0))
