b = b"abracadabra"
print(b.count(b"a"), b.find(b"cad"), b.find(b"zz"), b.index(b"b"), b.startswith(b"abra"), b.endswith(b"bra"), b.replace(b"a", b"A"))
print(b.split(), b"a b  c".split(), b"x--y--z".split(b"--"), b.lstrip(b"ab"), b.rstrip(b"ar"), b"  pad  ".strip(), b.count(97))
print("héllo".encode(), "héllo".encode("utf-8").decode(), b"\xc3\xa9".decode(), len("日本".encode()))
