# Each handler raises a new error: the traceback shows the whole chain, oldest first.
def level(n):
    if n == 0:
        raise ValueError("bottom")
    try:
        level(n - 1)
    except Exception as e:
        raise TypeError("level %d: %s" % (n, e))


level(3)
