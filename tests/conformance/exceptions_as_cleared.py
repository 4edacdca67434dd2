e = "outer"
try:
    raise ValueError("v")
except ValueError as e:
    print("inside", e)
try:
    print(e)
except NameError:
    print("e was deleted after the except block")
