s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[8:2:-2], s[100:], s[-100:2], s[5:2])
u = "héllo wörld ñ"
print(u[1:4], u[::-1], u[-1], u[7:9], len(u[3:]), u[::3])
print(s[slice(1, 4)], s[slice(None, None, -3)], "x"[5:], ""[::-1] == "")
