for spec in ["", "s", "10", "<10", ">10", "^10", "*^9", ".2", "10.3", "-<6", "^3", ".0", "é>5"]:
    print(repr(spec), repr(format("hello", spec)), repr(format("", spec)), repr(format("héllo", spec)))
print(repr(format(None, "")), repr(format([1, 2], "")), repr(format((1,), "")))
