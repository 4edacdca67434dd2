# error: 2:5 f-string: single '}' is not allowed
x = f"a}b"
