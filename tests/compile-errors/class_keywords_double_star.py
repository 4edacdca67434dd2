# error: 3:11 '**' in a class's keywords is not supported yet
kw = {}
class A(**kw):
    pass
