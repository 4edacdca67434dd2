def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    return wrapper

def exclaim(times):
    def deco(fn):
        def wrapper(*a):
            return fn(*a) + "!" * times
        return wrapper
    return deco

@shout
def hello(name):
    return "hello " + name

@exclaim(3)
@shout
def bye(name, polite=False):
    return ("goodbye " if polite else "bye ") + name

print(hello("ada"))
print(bye("bo"))
