data = []
for i in range(60):
    data.append(((i * 37) % 7, i))
s = sorted(data, key=lambda p: p[0])
print(s)
r = sorted(data, key=lambda p: p[0], reverse=True)
print(r)
l = list(data)
l.sort(key=lambda p: p[0])
print(l == s)
l.sort(reverse=True)
print(l[:5])
