def outer(a, b=10):
    def inner(c, d=a + b):
        return c + d
    return inner

print(outer(1)(2), outer(1, 2)(3), outer(0)(0, 5))

def kwonly_default_expr(*, sep=", ".join(["a", "b"])):
    return sep

print(kwonly_default_expr(), kwonly_default_expr(sep="-"))
