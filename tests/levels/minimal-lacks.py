# What the minimal VM leaves out fails with a clear error, never a crash.
x = 1 << 29
try:
    print(x * x * x * x * x)
except OverflowError as e:
    print("OverflowError:", e)
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: set())
t(lambda: {1, 2})
t(lambda: {i for i in range(3)})
t(lambda: bytes(3))
t(lambda: bytearray(2))
t(lambda: "e".encode())
t(lambda: memoryview([1]))
t(lambda: int("99999999999999999999999"))
t(lambda: 10 ** 30)
t(lambda: int(1e30))
t(lambda: "%.3f %5.1f %e" % (2.5, 1234.56, 12345.678))
print("still running")
