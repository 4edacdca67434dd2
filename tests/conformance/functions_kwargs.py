def options(**kw):
    for k in kw:
        print(k, kw[k])
    return len(kw)

print(options())
print(options(a=1, b="two", c=[3]))

def mixed(x, *args, sep="/", **kw):
    print(x, args, sep, kw)

mixed(1)
mixed(1, 2, 3)
mixed(1, 2, sep="-", extra=True)
mixed(x=9, other=0)

def pick(a, b, **rest):
    return a, b, rest

print(pick(b=1, a=2, z=3))
