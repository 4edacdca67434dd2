class Ignore:
    def __init__(self, kind):
        self.kind = kind
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, self.kind)

with Ignore(KeyError):
    with Ignore(ValueError):
        raise KeyError("outer handles it")
    print("not reached")
print("done")

def use():
    with Ignore(ZeroDivisionError):
        return 1 / 0
    return "fell through"

print(use())
