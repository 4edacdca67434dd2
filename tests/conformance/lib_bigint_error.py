print(10 ** 30 // 7)
print(10 ** 30 // 0)
