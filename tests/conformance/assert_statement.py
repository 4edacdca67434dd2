assert True
assert 1 == 1, "fine"
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assertion:", e)
try:
    assert []
except AssertionError as e:
    print("empty message:", repr(e))
assert False, "final"
