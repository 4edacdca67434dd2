inf = float("inf")
nan = float("nan")
for spec in ["", "f", "e", "g", "F", "E", "G", "10f", "010f", "<8", "+", "%"]:
    print(repr(spec), repr(format(inf, spec)), repr(format(-inf, spec)), repr(format(nan, spec)))
print(format(1e22, "f"), format(5e-324, "e"), format(1.7976931348623157e308, ".3e"), format(0.1, ".30f"))
print(format(1 / 3, ".17g"), format(2 / 3, ".16f"), format(1e-310, "g"), format(123.456, ".1e"))
