# f-string fields format without looking up format/repr/str by name, as CPython does.
x = 42
name = "Ada"
print(f"{x}", f"{x!r:>6}", f"{name!r}", f"{x:08.3f}", f"{name=}", f"{x=:5}", f"{'é'!a}")
format = 5
repr = None
str = 0
print(f"{x} {name!r} {x!s:<4}|")
