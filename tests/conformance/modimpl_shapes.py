# A module imported by the import_* programs (run alone it only defines things).
PI = 3
loaded = []

def area(r):
    return PI * r * r

class Square:
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side

def _private():
    return "hidden"
