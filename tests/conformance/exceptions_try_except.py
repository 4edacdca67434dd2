def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        return {}["k"]
    if n == 2:
        return 1 / 0
    return n

for n in range(4):
    try:
        print("result", risky(n))
    except ValueError as e:
        print("value error:", e)
    except (KeyError, IndexError) as e:
        print("lookup error:", repr(e))
    except Exception as e:
        print("other:", e)
print("done")
