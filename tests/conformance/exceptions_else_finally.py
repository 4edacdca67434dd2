def attempt(x):
    try:
        v = 10 // x
    except ZeroDivisionError:
        print("cannot divide")
        return "handled"
    else:
        print("divided", v)
        return "ok"
    finally:
        print("cleanup", x)

print(attempt(2))
print(attempt(0))

def nested():
    try:
        try:
            raise IndexError("inner")
        finally:
            print("inner finally")
    except LookupError as e:
        print("outer caught", e)
    finally:
        print("outer finally")

nested()
