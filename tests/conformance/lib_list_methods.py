l = [3, 1, 2]
l.append(4); l.insert(0, 0); l.insert(-1, 9); l.insert(100, 7); l.extend((5, 6)); l.extend("ab")
print(l, len(l), l.index(9), l.index(2, 2), l.count(1), l.count("z"))
l.remove("a"); print(l.pop(), l.pop(0), l.pop(-2), l)
c = l.copy(); c.reverse(); print(c, l == c[::-1], c is l)
c.clear(); print(c, l.index(6, -3), [1, 2] * 2, [0] * 0, [[]] * 2)
m = [1, 2]
m += [3]; m *= 2; print(m, m.count(3))
