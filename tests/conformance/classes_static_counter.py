class IdGen:
    _next = 1

    @classmethod
    def new(cls):
        value = cls._next
        cls._next += 1
        return value

    @staticmethod
    def fmt(i):
        return "id-" + str(i)

print([IdGen.fmt(IdGen.new()) for _ in range(3)])
print(IdGen._next)
