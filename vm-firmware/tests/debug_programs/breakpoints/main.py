import helper
def add(a, b):
    s = a + b
    return s
total = 0
for i in range(3):
    total = add(total, i)
print(total, helper.double(total))
