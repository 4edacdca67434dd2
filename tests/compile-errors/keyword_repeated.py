# error: 4:22 keyword argument repeated: pin
def setup(pin, mode):
    return pin, mode
setup(pin=4, mode=1, pin=5)
