def f():
    try:
        raise ValueError("first")
    except ValueError:
        print("logging")
        raise

try:
    f()
except ValueError as e:
    print("caught again:", e)

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print("got", e)
