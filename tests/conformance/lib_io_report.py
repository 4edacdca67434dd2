# A report built in a StringIO, a CSV-like parse from one, and a binary packet stream in a
# BytesIO read back record by record.
import io
import struct

rows = [('widget', 4, 2.5), ('gadget', 10, 1.25), ('doohickey', 1, 12.0)]
out = io.StringIO()
out.write('%-10s %5s %8s\n' % ('item', 'qty', 'total'))
for name, qty, price in rows:
    out.write('%-10s %5d %8.2f\n' % (name, qty, qty * price))
out.writelines(['-' * 25, '\n'])
n = out.write('%-10s %14.2f\n' % ('sum', sum(q * p for _, q, p in rows)))
print(n, out.tell())
report = out.getvalue()
print(report, end='')

src = io.StringIO('name,score\nada,91\nbob,78\n\ncyd,85\n')
header = src.readline().strip().split(',')
scores = {}
for line in src:
    if not line.strip():
        continue
    name, score = line.strip().split(',')
    scores[name] = int(score)
print(header, scores, repr(src.read()), src.tell())
src.seek(5)
print(repr(src.read(6)), repr(src.readline()), src.readlines())

with io.StringIO() as buf:
    buf.write('hello')
    buf.seek(0)
    buf.write('J')
    buf.seek(0, 2)
    buf.write('!')
    print(buf.getvalue(), buf.closed)
print(buf.closed)
try:
    buf.write('x')
except ValueError as e:
    print('ValueError:', e)

stream = io.BytesIO()
for seq, value in enumerate([100, -7, 30000]):
    stream.write(struct.pack('<Bh', seq, value))
print(stream.getvalue(), stream.tell())
stream.seek(0)
while True:
    chunk = stream.read(3)
    if not chunk:
        break
    print(struct.unpack('<Bh', chunk))
stream.seek(1)
print(stream.read(2), stream.read(100), stream.read())
b = io.BytesIO(b'line one\nline two\nrest')
print(b.readline(), list(b))
b.seek(10)
b.write(b'\x00\xff')
print(b.getvalue())
try:
    io.StringIO().write(b'x')
except TypeError as e:
    print('TypeError:', e)
