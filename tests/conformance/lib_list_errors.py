def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
l = [1, 2, 3]
def assign():
    l[::2] = [1]
def assign_bad_index():
    l[10] = 5
check(assign)
check(assign_bad_index)
check(lambda: l.index(5))
check(lambda: l.index(1, 1))
check(lambda: [].pop())
check(lambda: l.pop("x"))
check(lambda: l.insert("a", 1))
check(lambda: l[::0])
check(lambda: l["a":])
check(lambda: [3, "a"].sort())
check(lambda: sorted([1, 2], key=5))
