# error: 2:1 'with' is not supported yet
with open("f") as f:
    pass
