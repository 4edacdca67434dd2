def check(n):
    if n > 1:
        raise ValueError('too big: ' + str(n))
    return n
try:
    check(5)
except ValueError:
    pass
try:
    try:
        check(2)
    except (KeyError, TypeError):
        pass
finally:
    print('cleanup')
