class Err(Exception):
    pass

try:
    raise Err("one", 2)
except Err as e:
    print(e.args, e)
try:
    raise Err()
except Err as e:
    print(e.args, repr(str(e)))
try:
    raise Err("msg")
except Exception as e:
    print(e.args, e)
print(ValueError("v").args, KeyError("k").args)
