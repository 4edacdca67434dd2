# error: 3:5 a class inside a function using 'n' of that function is not supported yet
def f(n):
    class A:
        def g(self):
            return n
