# array for Viper: typed arrays of numbers (sizes as CPython on a 64-bit host). The items live
# in a list, each checked against its type's range on the way in.

from _stdlib import pack_float as _pack_float, unpack_float as _unpack_float

typecodes = 'bBuhHiIlLqQfd'
_SIZE = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}
_NAME = {'b': 'signed char', 'B': 'unsigned byte integer', 'h': 'signed short integer',
         'H': 'unsigned short', 'i': 'signed integer', 'I': 'unsigned int'}


def _check_int(code, v):
    if not isinstance(v, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    bits = _SIZE[code] * 8
    if code in 'bhilq':
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else:
        lo, hi = 0, (1 << bits) - 1
    if lo <= v <= hi:
        return v
    if code in _NAME and (v >= 0 or code in 'bBhHi'):
        raise OverflowError('%s is %s' % (_NAME[code], 'less than minimum' if v < lo else 'greater than maximum'))
    if v < 0 and code in 'IL':
        raise OverflowError("can't convert negative value to unsigned int")
    if v < 0 and code == 'Q':
        raise OverflowError("can't convert negative int to unsigned")
    if code in 'qQ':
        raise OverflowError('int too big to convert')
    raise OverflowError('Python int too large to convert to C %s' % ('long' if code == 'l' else 'unsigned long'))


def _item(code, v):
    if code == 'd':
        if not isinstance(v, (int, float)):
            raise TypeError('must be real number, not %s' % type(v).__name__)
        return float(v)
    if code == 'f':
        if not isinstance(v, (int, float)):
            raise TypeError('must be real number, not %s' % type(v).__name__)
        return _unpack_float(_pack_float(v, 4, True), 0, 4, True)   # rounded to single precision
    if code == 'u':
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError('array item must be unicode character')
        return v
    return _check_int(code, v)


class array:
    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in _SIZE:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self.typecode = typecode
        self.itemsize = _SIZE[typecode]
        self._v = []
        if initializer is None:
            return
        if isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            if typecode != 'u':
                raise TypeError('cannot use a str to initialize an array with typecode %r' % typecode)
            self._v = list(initializer)
        elif isinstance(initializer, array) and (initializer.typecode == 'u') != (typecode == 'u'):
            raise TypeError('cannot use a unicode array to initialize an array with typecode %r' % typecode)
        elif isinstance(initializer, array):
            self.extend(initializer._v)
        else:
            self.extend(initializer)

    def _wrap(self, items):
        a = array(self.typecode)
        a._v = items
        return a

    def append(self, v):
        self._v.append(_item(self.typecode, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable.typecode != self.typecode:
                raise TypeError('can only extend with array of same kind')
            self._v.extend(iterable._v)
            return
        code = self.typecode
        for v in iterable:
            self._v.append(_item(code, v))

    def insert(self, i, v):
        self._v.insert(i, _item(self.typecode, v))

    def pop(self, i=-1):
        if not self._v:
            raise IndexError('pop from empty array')
        try:
            return self._v.pop(i)
        except IndexError:
            raise IndexError('pop index out of range') from None

    def remove(self, v):
        try:
            self._v.remove(v)
        except ValueError:
            raise ValueError('array.remove(x): x not in array') from None

    def index(self, v, *args):
        try:
            return self._v.index(v, *args)
        except ValueError:
            raise ValueError('array.index(x): x not in array') from None

    def count(self, v):
        return self._v.count(v)

    def reverse(self):
        self._v.reverse()

    def tolist(self):
        return list(self._v)

    def fromlist(self, items):
        self.extend(list(items))

    def buffer_info(self):
        return (id(self), len(self._v))

    def byteswap(self):
        if self.itemsize == 1:
            return
        data = self.tobytes()
        n = self.itemsize
        swapped = b''.join([bytes(reversed(data[i:i + n])) for i in range(0, len(data), n)])
        self._v = []
        self.frombytes(swapped)

    def tobytes(self):
        code, n = self.typecode, self.itemsize
        if code in 'fd':
            return b''.join([_pack_float(v, n, True) for v in self._v])
        if code == 'u':
            return b''.join([ord(c).to_bytes(4, 'little') for c in self._v])
        mask = (1 << (n * 8)) - 1
        return b''.join([(v & mask).to_bytes(n, 'little') for v in self._v])

    def frombytes(self, data):
        data = bytes(data)
        n = self.itemsize
        if len(data) % n:
            raise ValueError('bytes length not a multiple of item size')
        code = self.typecode
        out = self._v
        for at in range(0, len(data), n):
            if code in 'fd':
                out.append(_unpack_float(data, at, n, True))
            elif code == 'u':
                out.append(chr(int.from_bytes(data[at:at + n], 'little')))
            else:
                v = int.from_bytes(data[at:at + n], 'little')
                if code in 'bhilq' and v >= 1 << (n * 8 - 1):
                    v -= 1 << (n * 8)
                out.append(v)

    def tounicode(self):
        if self.typecode != 'u':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self._v)

    def __len__(self):
        return len(self._v)

    def __bool__(self):
        return len(self._v) > 0

    def __iter__(self):
        return iter(self._v)

    def __contains__(self, v):
        return v in self._v

    def __getitem__(self, i):
        if isinstance(i, int):
            try:
                return self._v[i]
            except IndexError:
                raise IndexError('array index out of range') from None
        return self._wrap(self._v[i])

    def __setitem__(self, i, v):
        if isinstance(i, int):
            try:
                self._v[i] = _item(self.typecode, v)
            except IndexError:
                raise IndexError('array assignment index out of range') from None
            return
        if not isinstance(v, array) or v.typecode != self.typecode:
            raise TypeError('can only assign array (not "%s") to array slice' % type(v).__name__)
        self._v[i] = v._v

    def __delitem__(self, i):
        del self._v[i]

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "%s") to array' % type(other).__name__)
        if other.typecode != self.typecode:
            raise TypeError('bad argument type for built-in operation')
        return self._wrap(self._v + other._v)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not "%s")' % type(other).__name__)
        self.extend(other)
        return self

    def __mul__(self, n):
        return self._wrap(self._v * n)

    def __rmul__(self, n):
        return self._wrap(self._v * n)

    def __imul__(self, n):
        self._v = self._v * n
        return self

    def _other(self, other):
        return other._v if isinstance(other, array) else None

    def __eq__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v == v

    def __ne__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v != v

    def __lt__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v < v

    def __le__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v <= v

    def __gt__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v > v

    def __ge__(self, other):
        v = self._other(other)
        return NotImplemented if v is None else self._v >= v

    __hash__ = None

    def __copy__(self):
        return self._wrap(list(self._v))

    def __deepcopy__(self, memo):
        return self._wrap(list(self._v))

    def __repr__(self):
        if not self._v:
            return "array('%s')" % self.typecode
        if self.typecode == 'u':
            return "array('u', %r)" % ''.join(self._v)
        return "array('%s', %r)" % (self.typecode, self._v)


ArrayType = array
