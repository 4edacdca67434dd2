# error: 5:1 outside function
def f():
    pass
    return 1
return 2
