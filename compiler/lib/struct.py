# struct for Viper: bytes <-> values by format strings, with CPython's sizes, alignment and
# messages (native '@' mode as CPython on a 64-bit host: l, L, n, N, P are 8 bytes).

from _stdlib import pack_float as _pack_float, unpack_float as _unpack_float


class error(Exception):
    pass


_STANDARD = {'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 4, 'L': 4,
             'q': 8, 'Q': 8, 'f': 4, 'd': 8, 's': 1, 'p': 1}
_NATIVE = {'x': 1, 'c': 1, 'b': 1, 'B': 1, '?': 1, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8,
           'q': 8, 'Q': 8, 'n': 8, 'N': 8, 'P': 8, 'f': 4, 'd': 8, 's': 1, 'p': 1}
_RANGE_TEXT = {'b': 'byte format requires -128 <= number <= 127',
               'B': 'ubyte format requires 0 <= number <= 255',
               'h': 'short format requires -32768 <= number <= 32767',
               'H': 'ushort format requires 0 <= number <= 65535'}
_cache = {}


def _parse(fmt):
    # -> (size, little, [(code, count, offset, itemsize)], number of values)
    if isinstance(fmt, bytes):
        fmt = fmt.decode()
    if not isinstance(fmt, str):
        raise TypeError('Struct() argument 1 must be a str or bytes object, not %s' % type(fmt).__name__)
    parsed = _cache.get(fmt)
    if parsed is not None:
        return parsed
    i = 0
    native = True
    little = True
    if fmt and fmt[0] in '@=<>!':
        native = fmt[0] == '@'
        little = fmt[0] in '@=<'
        i = 1
    sizes = _NATIVE if native else _STANDARD
    items = []
    offset = 0
    nvalues = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch in ' \t\n\r\x0b\x0c':
            i += 1
            continue
        count = 1
        if '0' <= ch <= '9':
            j = i
            while i < n and '0' <= fmt[i] <= '9':
                i += 1
            if i >= n:
                raise error('repeat count given without format specifier')
            count = int(fmt[j:i])
            ch = fmt[i]
        i += 1
        size = sizes.get(ch)
        if size is None:
            raise error('bad char in struct format')
        if native and size > 1:
            offset = (offset + size - 1) // size * size
        if ch in 'sp':
            items.append((ch, count, offset, count))
            offset += count
            nvalues += 1
        elif ch == 'x':
            offset += count
        else:
            for _ in range(count):
                items.append((ch, 1, offset, size))
                offset += size
            nvalues += count
    parsed = (offset, little, items, nvalues)
    _cache[fmt] = parsed
    return parsed


def calcsize(fmt):
    return _parse(fmt)[0]


def _int_arg(v):
    if isinstance(v, int):
        return v
    if hasattr(v, '__index__'):
        return v.__index__()
    raise error('required argument is not an integer')


def _pack_value(code, v, size, little, count):
    if code in 'sp':
        if not isinstance(v, (bytes, bytearray)):
            raise error("argument for '%s' must be a bytes object" % code)
        if code == 'p':
            n = min(len(v), count - 1, 255) if count else 0
            data = bytes([n]) + bytes(v[:n]) if count else b''
        else:
            data = bytes(v[:count])
        return data + bytes(count - len(data))
    if code in 'fd':
        if not isinstance(v, (int, float)):
            raise error('required argument is not a float')
        return _pack_float(v, size, little)
    if code == '?':
        return b'\x01' if v else b'\x00'
    if code == 'c':
        if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
            raise error('char format requires a bytes object of length 1')
        return bytes(v)
    v = _int_arg(v)
    signed = code in 'bhilqn'
    bits = size * 8
    if signed:
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else:
        lo, hi = 0, (1 << bits) - 1
    if v < lo or v > hi:
        # CPython's wording: beyond a C long, 8-byte items and negative I/L are "out of range"
        if v < -(1 << 63) or v >= 1 << 63 or size == 8 or (v < 0 and code in 'IL'):
            raise error('argument out of range')
        text = _RANGE_TEXT.get(code)
        raise error(text or "'%s' format requires %d <= number <= %d" % (code, lo, hi))
    return (v & ((1 << bits) - 1)).to_bytes(size, 'little' if little else 'big')


def _pack(fmt, args, what):
    size, little, items, nvalues = _parse(fmt)
    if len(args) != nvalues:
        raise error('%s expected %d items for packing (got %d)' % (what, nvalues, len(args)))
    parts = []
    at = 0
    for (code, count, offset, itemsize), v in zip(items, args):
        if offset > at:
            parts.append(bytes(offset - at))   # padding and x bytes
        data = _pack_value(code, v, itemsize, little, count)
        parts.append(data)
        at = offset + len(data)
    if size > at:
        parts.append(bytes(size - at))
    return b''.join(parts)


def pack(fmt, *args):
    return _pack(fmt, args, 'pack')


def pack_into(fmt, buffer, offset, *args):
    data = _pack(fmt, args, 'pack_into')
    n = len(buffer)
    if offset < 0:
        if offset + n < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        offset += n
    if offset + len(data) > n:
        raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes at offset %d (actual buffer size is %d)' % (
            offset + len(data), len(data), offset, n))
    for i in range(len(data)):
        buffer[offset + i] = data[i]


def _unpack(fmt, buffer, start):
    size, little, items, nvalues = _parse(fmt)
    order = 'little' if little else 'big'
    out = []
    for code, count, offset, itemsize in items:
        at = start + offset
        if code in 'fd':
            out.append(_unpack_float(buffer, at, itemsize, little))
        elif code == 's':
            out.append(bytes(buffer[at:at + count]))
        elif code == 'p':
            if count:
                n = min(buffer[at], count - 1)
                out.append(bytes(buffer[at + 1:at + 1 + n]))
            else:
                out.append(b'')
        elif code == '?':
            out.append(buffer[at] != 0)
        elif code == 'c':
            out.append(bytes(buffer[at:at + 1]))
        else:
            v = int.from_bytes(bytes(buffer[at:at + itemsize]), order)
            if code in 'bhilqn' and v >= 1 << (itemsize * 8 - 1):
                v -= 1 << (itemsize * 8)
            out.append(v)
    return tuple(out)


def _bytes_arg(buffer):
    if isinstance(buffer, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    if not isinstance(buffer, (bytes, bytearray)):
        buffer = bytes(buffer)
    return buffer


def unpack(fmt, buffer):
    buffer = _bytes_arg(buffer)
    size = _parse(fmt)[0]
    if len(buffer) != size:
        raise error('unpack requires a buffer of %d bytes' % size)
    return _unpack(fmt, buffer, 0)


def unpack_from(fmt, buffer, offset=0):
    buffer = _bytes_arg(buffer)
    size = _parse(fmt)[0]
    n = len(buffer)
    if offset < 0:
        if offset + n < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        offset += n
    if n - offset < size:
        if offset > n:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d (actual buffer size is %d)' % (
            size + offset, size, offset, n))
    return _unpack(fmt, buffer, offset)


def iter_unpack(fmt, buffer):
    buffer = _bytes_arg(buffer)
    size = _parse(fmt)[0]
    if size == 0:
        raise error('cannot iteratively unpack with a struct of length 0')
    if len(buffer) % size:
        raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % size)
    return _iter_unpack(fmt, buffer, size)


def _iter_unpack(fmt, buffer, size):
    for start in range(0, len(buffer), size):
        yield _unpack(fmt, buffer, start)


class Struct:
    def __init__(self, format):
        self.format = format
        self.size = _parse(format)[0]

    def pack(self, *args):
        return pack(self.format, *args)

    def pack_into(self, buffer, offset, *args):
        return pack_into(self.format, buffer, offset, *args)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)
