registry = []

def register(cls):
    registry.append(cls.__name__)
    return cls

@register
class First:
    pass

@register
class Second(First):
    pass

def trace(fn):
    def wrapper(*a, **k):
        print("call", len(a), sorted(k))
        return fn(*a, **k)
    return wrapper

class Api:
    @trace
    def get(self, key, default=None):
        return default

print(registry, isinstance(Second(), First))
print(Api().get("k", default=5))
