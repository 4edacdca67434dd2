b = b"hello"
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], b + b" world", b * 2, b"l" in b, 104 in b, b"xyz" in b)
print(bytes(3), bytes([65, 66, 67]), bytes("héllo", "utf-8"), bytes(b"copy"), bytes(range(5)), bytes())
print(b == b"hello", b < b"help", b"a" != b"b", list(b), tuple(b"ab"), b.hex(), b.decode(), str(b, "utf-8"))
print(repr(b"\x00\x01\x7f\x80\xff"), repr(b"it's"), repr(b'say "hi"'), repr(b"both'\""), repr(b"\t\n\r\\"))
for x in b"AZ":
    print(x, end=" ")
print(hash(b"abc") == hash(b"abc"), b"abc".upper(), b"ABC".lower(), b"  x ".strip(), b"a,b".split(b","), b"-".join([b"a", b"b"]))
