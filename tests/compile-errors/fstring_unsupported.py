# error: 2:5 f-strings are not supported yet
x = f"{1}"
