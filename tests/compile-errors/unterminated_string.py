# error: 2:7 unterminated string
print("abc)
