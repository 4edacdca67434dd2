# Count down with a while loop, then lift off.
n = 10
while n > 0:
    print(n)
    n = n - 1
print("lift off!")
