l = [1]
l += (2, 3)
l += "ab"
l += range(2)
l += {9: 0}
print(l)
m = l
m += [7]
print(l is m, l[-1])
try:
    l += 5
except TypeError as e:
    print("TypeError:", e)
try:
    l + (1,)
except TypeError as e:
    print("TypeError:", e)
