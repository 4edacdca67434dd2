def worker():
    try:
        while True:
            try:
                job = yield
                print("doing", job)
            except ValueError as e:
                print("bad job:", e)
    finally:
        print("worker closed")

w = worker()
next(w)
w.send("a")
w.throw(ValueError("oops"))
w.send("b")
w.close()
print("after close")

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("exit seen")
        raise

s = stubborn()
next(s)
s.close()

def unstarted():
    yield 1
u = unstarted()
u.close()
print(list(u))
