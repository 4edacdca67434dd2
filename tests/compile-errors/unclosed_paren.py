# error: 2:6 never closed
print((1, 2)
