# error: 3:5 no binding for nonlocal 'count' found
def f():
    nonlocal count
