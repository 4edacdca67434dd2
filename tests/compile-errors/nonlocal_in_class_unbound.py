# error: 3:5 no binding for nonlocal 'x' found
class A:
    nonlocal x
