def double(n):
    r = n * 2
    return r
