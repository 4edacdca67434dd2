def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError:
    print("recursion stopped")
print("still alive")
