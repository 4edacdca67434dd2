def classify(f):
    try:
        f()
    except (ZeroDivisionError, OverflowError):
        return "arith"
    except (KeyError, IndexError):
        return "lookup"
    except:
        return "bare"
    return "none"

print(classify(lambda: 1 // 0))
print(classify(lambda: [][1]))
print(classify(lambda: int("?")))
print(classify(lambda: 0))
