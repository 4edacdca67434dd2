# A display driver's frame buffer: one bytearray, and memoryviews onto its rows and regions
# so drawing writes into the buffer without copying; views are compared, sliced and released.

W, H = 8, 4
fb = bytearray(W * H)
view = memoryview(fb)
rows = [view[r * W:(r + 1) * W] for r in range(H)]


def show(title):
    print(title)
    for r in range(H):
        print("  " + "".join(".#+*"[b & 3] for b in rows[r]))


# draw a border through the row views
for x in range(W):
    rows[0][x] = 1
    rows[H - 1][x] = 1
for r in rows:
    r[0] = r[W - 1] = 1
show("border")

# fill the inside of row 1 with a slice assignment from bytes, row 2 from another view
rows[1][1:W - 1] = bytes([2]) * (W - 2)
rows[2][1:W - 1] = rows[1][1:W - 1]
rows[2][2:6:2] = b"\x03\x03"
show("filled")

print("len", len(view), len(rows[1]), "sum", sum(view), "row sums", [sum(r) for r in rows])
print("row 2 as bytes", rows[2].tobytes(), rows[2].hex("-"))
print("equal rows:", rows[0] == rows[H - 1], rows[1] == rows[2], rows[0] == b"\x01" * W)
print("every other byte of row 2:", list(rows[2][::2]), rows[2][::-1].tolist())
print("a copy is independent:", bytes(rows[1]) is not fb, bytearray(rows[3])[:3])

# a view of a view still writes into the frame buffer
inner = memoryview(rows[1])[2:5]
inner[:] = b"\x00\x00\x00"
print("after clearing 3 pixels:", fb[W:2 * W])

# read-only views of bytes, and the errors CPython gives
font = memoryview(b"\x3c\x42\x42\x3c")
print("glyph rows:", [format(b, "08b") for b in font])
def poke_font():
    font[0] = 1


def poke_big():
    rows[0][0] = 300


def poke_wide():
    rows[0][0:2] = b"abc"


for bad in (poke_font, poke_big, poke_wide, lambda: memoryview("text")):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

# release every view; using one afterwards fails
for r in rows:
    r.release()
view.release()
try:
    rows[0][0]
except ValueError as e:
    print("ValueError:", e)
fb[0:2] = b"\x09\x09"
print("buffer still usable:", fb[:4], len(fb))
