# error: 3:25 import * only allowed at module level
def load():
    from helpers import *
