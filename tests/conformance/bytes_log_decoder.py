# Decode a raw log captured from a device: split the byte stream into records, repair bad
# UTF-8, print a hex dump, sanitise control bytes, and reject malformed records with the
# errors CPython gives.

RAW = (b"BOOT v1.2\r\n"
       b"T=21.50C\tH=40%\r\n"
       b"caf\xc3\xa9 ok\n"
       b"bad \xff\xfe utf8\n"
       b"cut \xe2\x82\n"
       b"\x00\x01noise\x7f\n"
       b"  KEY = value with spaces  \n"
       b"\n"
       b"END")

records = RAW.splitlines()
print(len(records), "records;", RAW.count(b"\n"), "newlines;", RAW.count(b"\r\n"), "CRLF")
print("kept ends:", [r[-2:] for r in RAW.splitlines(keepends=True)][:3])

# repair
for r in records:
    try:
        text = r.decode()
        how = "utf-8"
    except UnicodeDecodeError as e:
        text = r.decode("utf-8", "replace")
        how = "replaced (%s)" % str(e).split(": ")[-1]
    print("%-24r %s" % (text, how))

# a hex dump of the first 32 bytes, 8 per row, grouped by 2
for off in range(0, 32, 8):
    chunk = RAW[off:off + 8]
    printable = chunk.translate(bytes(c if 32 <= c < 127 else 46 for c in range(256)))
    print("%04x  %-19s  %s" % (off, chunk.hex(" ", 2), printable.decode("ascii")))

# sanitise: drop control bytes, keep tabs, squeeze the spaces
CONTROL = bytes(c for c in range(32) if c != 9) + b"\x7f"
clean = [b" ".join(r.translate(None, CONTROL).split()) for r in records if r.strip()]
print(clean)
print([c.decode("latin-1").upper() for c in clean if c.isascii() is False])

# key=value records, with partition and strip
pairs = {}
for r in clean:
    k, sep, v = r.partition(b"=")
    if sep:
        pairs[k.strip().lower().decode()] = v.strip()
print(sorted(pairs.items()))
print(pairs["key"].title(), pairs["key"].split(maxsplit=1), pairs["key"].rsplit(b" ", 1)[-1].capitalize())

# reading the fields of the sensor record
sensor = records[1]
for field in sensor.split(b"\t"):
    name, _, value = field.partition(b"=")
    number = value.rstrip(b"C%")
    print(name.decode(), float(number.decode()), value[len(number):] or b"-", number.isdigit(), number.replace(b".", b"").isdigit())

# malformed input gives CPython's errors
checks = [
    lambda: RAW.decode("ascii"),
    lambda: b"\xe9t\xe9".decode("ascii", "ignore"),
    lambda: b"\xe9t\xe9".decode("latin-1").encode("ascii"),
    lambda: "été".encode("ascii", "replace"),
    lambda: RAW.index(b"\x00\x00"),
    lambda: RAW.split(b""),
    lambda: bytes.fromhex("de ad be ef").hex("-"),
    lambda: bytes.fromhex("dead beeg"),
    lambda: b"%s=%d" % (b"n", 5) + b"%x" % 255,
    lambda: b"abc".decode("utf-8", "nonsense"),
    lambda: b"\xff".decode("utf-8", "nonsense"),
]
for check in checks:
    try:
        print("ok:", check())
    except (ValueError, LookupError, TypeError) as e:
        print(type(e).__name__ + ":", e)
