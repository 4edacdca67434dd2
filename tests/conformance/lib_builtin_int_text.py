print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(2 ** 64), bin(True))
print(int("ff", 16), int("777", 8), int("1010", 2), int("z", 36), int("0x1F", 0), int("0o17", 0), int("0b11", 0), int("  -12  "), int("1_000"))
print(int(3.9), int(-3.9), int(True), int("+5"), int(1e18), float("3.5"), float(" -1e-3 "), float("inf"), float("-nan"), float(7))
print(chr(97), chr(0x263A), ord("a"), ord("€"), ord(chr(0x1F600)), list(map(ord, "AZ")))
