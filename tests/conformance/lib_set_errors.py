def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: set([1]) | [2])
check(lambda: set([1]) < [1])
check(lambda: frozenset([1]).add)
check(lambda: set().remove(5))
check(lambda: set([[1, 2]]))
check(lambda: set(5))
check(lambda: {frozenset([1]): 1}[frozenset([2])])
check(lambda: set([1]) - 1)
