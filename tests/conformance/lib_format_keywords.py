# str.format with keyword arguments, mixed with positional ones and ** unpacking.
print("{a} and {b}".format(a=1, b="two"))
print("{0}-{name}-{1}".format("x", "y", name="n"))
print("{greeting}, {who}!".format(**{"greeting": "Hello", "who": "world"}))
print("{v:>6.2f}|{w:<4}|".format(v=3.14159, w="ab"))
print("{d[key]} {l[1]}".format(d={"key": "value"}, l=[10, 20]))
print("{x!r} {x!s}".format(x="quoted"))
point = {"x": 1, "y": 2}
print("({x}, {y})".format(**point))
print("{0}{0}{n}{n}".format("ab", n=5))
try:
    "{missing}".format(present=1)
except KeyError as e:
    print("KeyError", e)
try:
    "{}".format(a=1)
except IndexError as e:
    print("IndexError", e)
fmt = "{:{width}}|".format
print(fmt("pad", width=6))
