# error: 2:5 f-string: empty expression not allowed
x = f"{}"
