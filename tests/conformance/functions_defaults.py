def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ada"))
print(greet("Ada", "Hi"))
print(greet("Ada", "Hi", "?"))

def counter(start=0, step=1):
    return [start, start + step, start + 2 * step]

print(counter())
print(counter(10))
print(counter(10, -2))

def shared(item, bucket=[]):
    bucket.append(item)
    return bucket

print(shared(1))
print(shared(2))
print(shared(3, []))
print(shared(4))

n = 5
def captured(x=n):
    return x
n = 6
print(captured(), n)
