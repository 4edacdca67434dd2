class P:
    def __init__(self, a, b=2):
        self.a = a
print(P(1).a)
P()
