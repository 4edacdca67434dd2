try:
    raise ValueError
except ValueError as e:
    print("bare class raised", repr(e))
try:
    raise TypeError("with message")
except TypeError as e:
    print(e)
try:
    raise 5
except TypeError as e:
    print(e)
