xs = list(range(8))
ys = xs[1:6:2]
print(ys, xs[::-3], xs[-2::-2])
s = "abcdefgh"
print(s[1:-1:2], s[::-2], s[5:1:-1])
t = tuple(range(5))
print(t[:2] + t[3:], t[-1:-4:-1])
