def f():
    try:
        raise ValueError("boom")
    finally:
        print("finally first")

f()
