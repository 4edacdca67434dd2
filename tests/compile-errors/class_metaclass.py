# error: 2:9 class keywords (metaclass=...) are not supported yet
class A(metaclass=type):
    pass
