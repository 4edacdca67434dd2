# error: 5:9 'nonlocal' in a class body is not supported yet
def f():
    x = 1
    class A:
        nonlocal x
