# struct formats: byte orders, alignment, counts, pad bytes, strings, bools, floats, and the errors for bad values.
import struct
for f, v in [('<b', 200), ('b', 200), ('<B', -1), ('B', 300), ('<h', 1 << 20), ('H', -1), ('<i', 1 << 40), ('i', 1 << 40), ('<I', -1), ('I', -1), ('<q', 1 << 70), ('Q', -1), ('<l', 1 << 40), ('l', 1 << 70), ('<L', -1), ('<b', 'x'), ('<f', 1e300), ('<d', 'x'), ('<3s', 5), ('<b', 2.5)]:
    try:
        struct.pack(f, v)
    except Exception as e:
        print(f, type(e).__name__, e)
for args in [('<2b', 1), ('<b', 1, 2), ('<z', 1)]:
    try:
        struct.pack(*args)
    except Exception as e:
        print(args, type(e).__name__, e)
try: struct.unpack('<I', b'abc')
except Exception as e: print(type(e).__name__, e)
try: struct.unpack_from('<I', b'abc', 1)
except Exception as e: print(type(e).__name__, e)
try: struct.pack_into('<I', bytearray(3), 1, 5)
except Exception as e: print(type(e).__name__, e)
try: list(struct.iter_unpack('<I', b'abcde'))
except Exception as e: print(type(e).__name__, e)
print(struct.calcsize('@bq'), struct.calcsize('bi?'), struct.calcsize('=bq'), struct.pack('3p', b'abcdef'), struct.pack('5s', b'ab'), struct.unpack('5p', b'\x03abcd'))
print(struct.pack('?', 5), struct.unpack('??', b'\x00\x07'))
print(struct.pack('<2h', 1, 2), struct.calcsize('0s'), struct.pack('<d', 1.1), struct.unpack('>f', struct.pack('>f', 0.1)))
print(struct.pack('>hHiIqQ', -2, 65535, -3, 4000000000, -5, 2**64 - 1), struct.unpack('<hHiIqQ', struct.pack('<hHiIqQ', -2, 65535, -3, 4000000000, -5, 2**64 - 1)))
buf = bytearray(12); struct.pack_into('<hf', buf, 2, 7, 2.5); print(buf, struct.unpack_from('<hf', buf, 2))
print(list(struct.iter_unpack('<BH', b'\x01\x02\x00\x03\x04\x00')), struct.Struct('<I').size)
print(struct.pack('!d', float('inf')), struct.unpack('<d', struct.pack('<d', -0.0)))
for f in ['<I','<L','<Q','<q','<i','<l','I','L','Q','q','i','l','<B','<H','B','H','<b','<h','b','h','n','N']:
  out=[]
  for v in [-1, -(1<<63)-1, 1<<32, 1<<64, 1<<100]:
    try: struct.pack(f,v); out.append('ok')
    except Exception as e: out.append(str(e))
  print(f, out)
