# error: 2:1 'class' is not supported yet
class Point:
    pass
