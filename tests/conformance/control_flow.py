total = 0
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
print(total, i)

for c in "abc":
    print(c)
for n in range(3):
    print(n, n * n)
for n in range(10, 0, -3):
    print(n)
for x in [1, 2]:
    pass
else:
    print("for-else ran")
while False:
    pass
else:
    print("while-else ran")
for x in range(5):
    if x == 2:
        break
else:
    print("not printed")
if 0:
    print("no")
elif 1:
    print("elif")
else:
    print("else")
