print(bytes.fromhex("deadbeef"), bytes.fromhex("00 ff 10"), bytearray.fromhex("4142"), bytes.fromhex(""), bytes.fromhex("DEAD").hex())
data = bytes.fromhex("0102030405")
print(list(data), data.hex(), bytes.fromhex(data.hex()) == data, sum(data))
try:
    bytes.fromhex("abc")
except ValueError as e:
    print("ValueError:", e)
try:
    bytes.fromhex("zz")
except ValueError as e:
    print("ValueError:", e)
