e = ValueError("a", 1)
print(e, repr(e), e.args)
print(repr(KeyError("k")), KeyError("k"), KeyError("k").args)
print(repr(TypeError()), str(TypeError()) == "", TypeError().args)
try:
    raise RuntimeError("code", 42)
except RuntimeError as err:
    print(err.args[1], err)

class Custom(Exception):
    pass
print(repr(Custom("x", "y")), Custom("x", "y"))
raise OSError if False else ValueError("final", 2)
