l = [5, 2, 8, 1, 9, 3]
l.sort(); print(l)
l.sort(reverse=True); print(l)
w = ["pear", "Fig", "apple", "kiwi", "Banana"]
w.sort(key=len); print(w)
w.sort(key=lambda s: s.lower()); print(w)
w.sort(key=lambda s: (len(s), s)); print(w)
n = [3.5, -1, 2 ** 65, 0, True, -2.5]
n.sort(); print(n)
e = []
e.sort(); print(e)
t = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
t.sort(key=lambda p: p[0], reverse=True); print(t)
print(l.sort() is None)
