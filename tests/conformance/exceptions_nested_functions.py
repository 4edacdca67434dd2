def level3():
    raise ValueError("deep")

def level2():
    try:
        level3()
    finally:
        print("level2 cleanup")

def level1():
    try:
        level2()
    except ValueError as e:
        print("level1 caught", e)
        return "recovered"

print(level1())

def handler_returns():
    try:
        raise TypeError("t")
    except TypeError:
        return "from handler"
    finally:
        print("finally after handler return")

print(handler_returns())
