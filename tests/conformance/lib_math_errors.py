import math
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: math.sqrt(-1))
check(lambda: math.log(0))
check(lambda: math.log(-5))
check(lambda: math.exp(1000))
check(lambda: math.factorial(-1))
check(lambda: math.factorial(2.5))
check(lambda: math.acos(2))
check(lambda: math.pow(0, -1))
check(lambda: math.sqrt("x"))
check(lambda: math.floor(math.inf))
check(lambda: math.isqrt(-1))
check(lambda: math.nosuch)
check(lambda: math.fmod(1, 0))
