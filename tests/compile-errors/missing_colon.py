# error: 2:9 expected ':'
if x > 1
    pass
