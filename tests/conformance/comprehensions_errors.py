try:
    print([1 / x for x in [1, 0]])
except ZeroDivisionError as e:
    print("inside comprehension:", e)
print([y for y in []])
print([undefined for z in [1]])
