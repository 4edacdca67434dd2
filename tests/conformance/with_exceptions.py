class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, t, e, tb):
        if t is not None and issubclass(t, self.types):
            print("suppressed", e)
            return True
        return False

with Suppress(KeyError, ZeroDivisionError):
    {}["missing"]
print("continued")
try:
    with Suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped:", e)
with Suppress(IndexError):
    pass
print("clean exit")
