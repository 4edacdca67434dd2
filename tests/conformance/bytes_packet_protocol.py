# A framed serial protocol: build packets in a bytearray (header patched in place by slice
# assignment), escape and unescape them, parse a captured stream, and report what arrived.

START, ESC = 0x7E, 0x7D


def checksum(data):
    c = 0
    for b in data:
        c = (c + b) & 0xFF
    return (~c) & 0xFF


def build(kind, seq, payload):
    pkt = bytearray(4)                      # kind, seq, length (2 bytes) patched below
    pkt[0] = kind
    pkt[1] = seq
    pkt += payload
    pkt[2:4] = len(payload).to_bytes(2, "big")
    pkt.append(checksum(pkt))
    # escape START and ESC bytes, then frame
    out = bytearray([START])
    for b in pkt:
        if b in (START, ESC):
            out.extend([ESC, b ^ 0x20])
        else:
            out.append(b)
    out.append(START)
    return bytes(out)


def unescape(body):
    out = bytearray()
    it = iter(body)
    for b in it:
        out.append(next(it) ^ 0x20 if b == ESC else b)
    return out


def parse_stream(stream):
    packets, errors = [], []
    for raw in stream.split(bytes([START])):
        if not raw:
            continue
        body = unescape(raw)
        if len(body) < 5:
            errors.append("short frame " + raw.hex(" "))
            continue
        length = int.from_bytes(body[2:4], "big")
        if checksum(body[:-1]) != body[-1]:
            errors.append("bad checksum in frame of kind %d" % body[0])
            continue
        if length != len(body) - 5:
            errors.append("length %d but %d bytes" % (length, len(body) - 5))
            continue
        packets.append((body[0], body[1], bytes(body[4:-1])))
    return packets, errors


frames = [
    build(1, 0, b"temp=21.5;hum=40"),
    build(2, 1, bytes([0x7E, 0x00, 0x7D, 0xFF])),
    build(1, 2, "name=café".encode()),
    build(3, 3, b""),
]
stream = bytearray(b"".join(frames))
print("stream:", len(stream), "bytes;", stream.count(START), "start bytes;", stream.count(bytes([ESC])), "escapes")
print("first frame:", frames[0].hex(":", 4))

# corrupt a copy: flip a payload byte of frame 3 and truncate the last frame
bad = bytearray(stream)
at = bad.find(b"name=")
bad[at + 5] ^= 0x01
bad[-3:] = b"\x7e\x02"
stream += bytes.fromhex("7e 01 7e")          # a short frame at the end
packets, errors = parse_stream(bytes(stream) + bytes(bad))

for kind, seq, payload in packets:
    if kind == 1:
        text = payload.decode("utf-8", "replace")
        fields = dict(f.partition("=")[::2] for f in text.split(";"))
        print("#%d text %-20s -> %s" % (seq, text, sorted(fields.items())))
    elif kind == 2:
        print("#%d binary %s (%d bytes, max %d)" % (seq, payload.hex(), len(payload), max(payload)))
    else:
        print("#%d empty=%s %r" % (seq, payload == b"", payload))
for e in errors:
    print("error:", e)

# a bytearray as an editable record buffer
rec = bytearray(b"ID=0042|NAME=pump      |STATE=off")
name_at = rec.index(b"NAME=") + 5
end = rec.index(b"|", name_at)
rec[name_at:end] = b"main-pump".ljust(end - name_at)
rec[rec.rfind(b"=") + 1:] = b"ON"
print(rec.decode(), rec.split(b"|")[1].strip().upper())
del rec[:rec.index(b"|") + 1]
print(bytes(rec), rec.startswith(b"NAME"), rec.endswith((b"ON", b"OFF")))
rec[::2] = rec[::2].upper()
print(rec)
del rec[1::2]
print(rec, rec.isupper(), rec.lower().isalpha())
rec.insert(0, ord("<")); rec.append(ord(">")); rec.remove(ord("="))
print(rec, rec.pop(), rec.pop(0), rec)
line = bytearray(b"ab") * 3
line *= 2
print(line, line.replace(b"ab", b"X", 3), b"%s:%03d:%-4s|" % (b"seq", 7, b"ok"))
try:
    rec[0] = 256
except ValueError as e:
    print("ValueError:", e)
try:
    rec[::2] = b"xyz12345"
except ValueError as e:
    print("ValueError:", e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
