for s in ["1.5", "-0.0", "  3.25  ", "1e10", "1E-5", "inf", "-Infinity", "nan", "1_000.5", ".5", "5.", "0x10" if False else "10"]:
    print(s.strip(), float(s))
print(repr(0.1), repr(0.1 + 0.2), repr(1 / 3), repr(1e16), repr(1e-4), repr(123.456e7), repr(2.0 ** 60), repr(5e-324), repr(1.7976931348623157e308))
print(str(1.0), str(100.0), str(1e22), str(-1.5e-10), 3.0 * 1.1, 0.1 * 3, 1e308 * 10, -1e308 * 10, 2.5 // 1, -2.5 % 2)
print(float(2 ** 53 + 1), float(10 ** 23), int(1e23), 1e23 == 10 ** 23, float("1e500"), float(True))
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
