# io for Viper: in-memory streams, StringIO and BytesIO.

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(ValueError):   # CPython: also an OSError (the VM has none yet)
    pass


class IOBase:
    closed = False
    _closed_text = 'I/O operation on closed file.'

    def close(self):
        self.closed = True

    def flush(self):
        self._check()

    def _check(self):
        if self.closed:
            raise ValueError(self._closed_text)

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)


class _Memory(IOBase):
    # the stream's value is _value (str or bytes) followed by the chunks written at its end
    def __init__(self, initial):
        self._value = initial
        self._chunks = []
        self._size = len(initial)
        self._pos = 0

    def _flat(self):
        if self._chunks:
            self._value = self._empty.join([self._value] + self._chunks)
            self._chunks = []
        return self._value

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return self._flat()

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError('negative seek value %d' % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._size + pos)
        else:
            raise ValueError('invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos

    def write(self, s):
        self._check()
        s = self._coerce(s)
        n = len(s)
        if not n:
            return 0
        if self._pos == self._size and self._pos >= len(self._value):
            self._chunks.append(s)
        else:
            value = self._flat()
            if self._pos > len(value):
                value = value + self._pad * (self._pos - len(value))
            self._value = value[:self._pos] + s + value[self._pos + n:]
        self._pos += n
        if self._pos > self._size:
            self._size = self._pos
        return n

    def read(self, size=-1):
        self._check()
        value = self._flat()
        if size is None or size < 0:
            end = len(value)
        else:
            end = min(len(value), self._pos + size)
        if self._pos >= end:
            return self._empty
        out = value[self._pos:end]
        self._pos = end
        return out

    def readline(self, size=-1):
        self._check()
        value = self._flat()
        end = self._find_newline(value, self._pos)
        end = len(value) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        if self._pos >= end:
            return self._empty
        out = value[self._pos:end]
        self._pos = end
        return out

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._value = self._flat()[:size]
        self._size = len(self._value)
        return size


class StringIO(_Memory):
    _empty = ''
    _pad = '\x00'
    _closed_text = 'I/O operation on closed file'

    def _find_newline(self, value, pos):
        return value.find('\n', pos)

    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not %s' % type(initial_value).__name__)
        _Memory.__init__(self, initial_value)

    def _coerce(self, s):
        if not isinstance(s, str):
            raise TypeError('string argument expected, got %r' % type(s).__name__)
        return s

    def __repr__(self):
        return '<_io.StringIO object>'


class BytesIO(_Memory):
    _empty = b''
    _pad = b'\x00'

    def _find_newline(self, value, pos):
        i = value[pos:].find(b'\n')   # bytes.find takes no start in the VM yet
        return i if i < 0 else i + pos

    def __init__(self, initial_bytes=b''):
        _Memory.__init__(self, bytes(initial_bytes))

    def _coerce(self, s):
        if isinstance(s, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        return bytes(s)

    def getbuffer(self):
        return bytearray(self.getvalue())

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, buf):
        data = self.read(len(buf))
        for i in range(len(data)):
            buf[i] = data[i]
        return len(data)

    def __repr__(self):
        return '<_io.BytesIO object>'
