for v in [0, 1, 5, 255, 256, -1, -256, 2 ** 70, -(2 ** 70) - 1, True]:
    print(v, v.bit_length(), v.bit_count(), v.conjugate())
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (255).to_bytes(1, "big"), (-1).to_bytes(2, "big", signed=True))
print((2 ** 70).to_bytes(9, "big"), (0).to_bytes(0, "big"), (-128).to_bytes(1, "big", signed=True), (65).to_bytes())
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff\xff", "big", signed=True))
print(int.from_bytes(bytes(range(1, 12)), "little"), int.from_bytes([1, 2], "big"), int.from_bytes(b"", "big"), int.from_bytes(b"\x80", "big", signed=True))
def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
check(lambda: (256).to_bytes(1, "big"))
check(lambda: (-1).to_bytes(1, "big"))
check(lambda: (128).to_bytes(1, "big", signed=True))
check(lambda: (1).to_bytes(1, "middle"))
