# Tight loops over small ints: dispatch, comparisons, in-place arithmetic.
def run(n):
    total = 0
    i = 0
    while i < n:
        total += i * 3 % 7
        if total > 1000000:
            total -= 1000000
        i += 1
    return total

print(run(3000000))
