# error: 3:5 'yield' is not supported yet
def gen():
    yield 1
