def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: bytes([256]))
check(lambda: bytes("x"))
check(lambda: bytes(-1))
check(lambda: bytearray(b"a").append(256))
check(lambda: b"ab"[5])
check(lambda: b"ab" + "c")
check(lambda: b"\xff".decode())
check(lambda: hash(bytearray(b"x")))
check(lambda: b"abc".index(b"z"))
check(lambda: bytes(1.5))
