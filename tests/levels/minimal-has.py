def gen(n):
    for i in range(n):
        yield i * i
class A:
    def __init__(self, x): self.x = x
    def __repr__(self): return "A(%d)" % self.x
def outer():
    k = 3
    return lambda y: y + k
try:
    raise ValueError("boom")
except ValueError as e:
    print("caught", e)
print(list(gen(5)), (1, 2), {"a": 1}, A(4), outer()(2), 1.5 * 2, "x".upper())
print(2**20, 1 << 20, hash(-1), 7 // 2, -7 % 3, pow(3, 4, 5), pow(3, -1, 7))
print("{} {:>5} {:.2f}".format(1, "ab", 3.14159), f"{10:x}")
import machine, board, _thread, math
print(math.sqrt(16))
