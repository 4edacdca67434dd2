# A sensor log: fixed-size binary records packed with struct, read back, summarised and written
# out as JSON (and read again).
import struct
import json

RECORD = struct.Struct('<IhHf?x')   # time, temperature (0.01 C), humidity (0.1 %), volts, ok
print('record size:', RECORD.size, struct.calcsize('>IhHf?x'), struct.calcsize('@bq'))

readings = [
    (1000, 2150, 455, 3.3, True),
    (1060, 2175, 460, 3.25, True),
    (1120, -512, 998, 2.9, False),
    (1180, 2210, 470, 3.28, True),
]
blob = b''.join(RECORD.pack(*r) for r in readings)
print(len(blob), blob[:RECORD.size].hex())

log = []
for t, temp, hum, volts, ok in RECORD.iter_unpack(blob):
    log.append({'t': t, 'temp_c': temp / 100, 'humidity': hum / 10, 'volts': round(volts, 2), 'ok': ok})

header = struct.pack('>4sBH', b'SENS', 1, len(readings))
magic, version, count = struct.unpack('>4sBH', header)
print(magic, version, count, struct.unpack_from('<I', blob, RECORD.size))

buf = bytearray(8)
struct.pack_into('<hh', buf, 2, -1, 300)
print(buf, struct.unpack('<4h', bytes(buf)))

good = [r for r in log if r['ok']]
summary = {
    'device': 'greenhouse-3',
    'count': len(log),
    'mean_temp': round(sum(r['temp_c'] for r in good) / len(good), 3),
    'alerts': [r['t'] for r in log if not r['ok']],
    'readings': log,
}
text = json.dumps(summary, indent=2)
print(text)
print(json.dumps(summary['readings'][0], sort_keys=True, separators=(',', ':')))
back = json.loads(text)
print(back == summary, back['readings'][2]['temp_c'], type(back['alerts']).__name__)

for bad in ('{"t": 1,}', '[1, 2', '{"t" 5}'):
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('bad JSON:', e)
for fmt, value in (('<b', 300), ('<H', -1), ('<I', 2 ** 32)):
    try:
        struct.pack(fmt, value)
    except struct.error as e:
        print('struct.error:', e)
try:
    struct.unpack('<I', b'\x00\x01')
except struct.error as e:
    print('struct.error:', e)
