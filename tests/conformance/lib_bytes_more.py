data = bytes(range(0, 256, 17))
print(data, data.hex(), len(data), data[3], data[-1], data[2:5], list(data[::5]), bytes(reversed(data))[:3])
ba = bytearray(b"hello world")
ba[0] = ord("H")
ba[6:11] if False else None
print(ba, ba.upper(), ba.find(b"o"), ba.count(b"l"), ba.replace(b"l", b"L"), ba.split(b" "), ba.startswith(b"Hell"))
packed = (1000).to_bytes(2, "big") + (7).to_bytes(1, "big") + b"\x00\x01"
print(packed, int.from_bytes(packed[:2], "big"), packed[2], int.from_bytes(packed[3:], "little"))
print(b"%d" if False else b"a" * 3, b"".join([b"x", b"y"]), b"abc" < b"abd", sorted([b"b", b"a"]), {b"k": 1}[b"k"])
