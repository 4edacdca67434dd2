def check(n):
    if n > 1:
        raise ValueError('too big: ' + str(n))
    return n
try:
    check(5)
except ValueError:
    pass
check(2)
