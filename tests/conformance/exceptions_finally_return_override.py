def f():
    try:
        return "try"
    finally:
        print("cleanup runs")

def g():
    for i in range(3):
        try:
            if i == 1:
                return i
        finally:
            print("finally", i)

print(f(), g())

def h():
    try:
        raise ValueError("lost")
    except ValueError:
        return "handled"
    finally:
        print("h finally")

print(h())
