def checked_sqrt(x):
    assert x >= 0, f"negative input: {x}"
    return x ** 0.5

print(checked_sqrt(9))
try:
    checked_sqrt(-4)
except AssertionError as e:
    print("assert:", e)
checked_sqrt(-1)
