# Instances with __getitem__ and no __iter__ iterate the old way: obj[0], obj[1], ... until IndexError.
class Squares:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError('out of range')
        return i * i


s = Squares(5)
print(list(s))
print([v + 1 for v in s])
print(sum(s), max(s), 9 in s, 10 in s)
print(sorted(Squares(4), reverse=True))
print(tuple(zip(Squares(3), 'abc')))
it = iter(Squares(2))
print(next(it), next(it), next(it, 'done'), next(it, 'still done'))
a, b, c = Squares(3)
print(a, b, c)


class Letters:
    def __getitem__(self, i):
        return 'hello'[i]       # IndexError from str ends the iteration too


print('-'.join(Letters()))


class Stops:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


print(list(Stops()))


class Broken:
    def __getitem__(self, i):
        if i == 1:
            raise KeyError('boom')
        return i


try:
    list(Broken())
except KeyError as e:
    print('KeyError', e)
try:
    iter(object())
except TypeError as e:
    print(e)
