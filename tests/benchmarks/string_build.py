# Building strings by concatenation and slicing-free scanning.
def build(n):
    s = ""
    i = 0
    while i < n:
        s = s + str(i % 10)
        i += 1
    return s

def count(s, ch):
    k = 0
    for c in s:
        if c == ch:
            k += 1
    return k

total = 0
for r in range(20):
    total += count(build(5000), "7")
print(total)
