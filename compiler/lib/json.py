# json for Viper: dumps/dump and loads/load, with CPython's output and error messages.


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        super().__init__('%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}


def _quote(s, ensure_ascii):
    out = ['"']
    start = 0
    for i in range(len(s)):
        ch = s[i]
        c = ord(ch)
        if c >= 0x20 and ch != '"' and ch != '\\' and (c < 0x7f or not ensure_ascii):
            continue
        if start < i:
            out.append(s[start:i])
        start = i + 1
        e = _ESCAPES.get(ch)
        if e is not None:
            out.append(e)
        elif c < 0x10000:
            out.append('\\u%04x' % c)
        else:
            c -= 0x10000
            out.append('\\u%04x\\u%04x' % (0xd800 | (c >> 10), 0xdc00 | (c & 0x3ff)))
    if start == 0:
        return '"' + s + '"'
    out.append(s[start:])
    out.append('"')
    return ''.join(out)


def _float_text(f, allow_nan):
    if f != f:
        text = 'NaN'
    elif f == float('inf'):
        text = 'Infinity'
    elif f == -float('inf'):
        text = '-Infinity'
    else:
        return repr(f)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


def _as_dict(o):
    # the collections module's dict-like classes (they hold their dict in _d)
    d = getattr(o, '_d', None)
    return d if type(d) is dict and hasattr(o, 'keys') else None


def _as_list(o):
    # namedtuples serialise as lists, as tuples do
    t = getattr(o, '_t', None)
    return t if type(t) is tuple and hasattr(o, '_fields') else None


class JSONEncoder:
    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator, self.key_separator = ',', ': '
        else:
            self.item_separator, self.key_separator = ', ', ': '
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError('Object of type %s is not JSON serializable' % type(o).__name__)

    def encode(self, o):
        out = []
        self._encode(o, out, 0, {} if self.check_circular else None)
        return ''.join(out)

    def iterencode(self, o, _one_shot=False):
        return iter([self.encode(o)])

    def _encode(self, o, out, level, markers):
        if isinstance(o, str):
            out.append(_quote(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(repr(o))
        elif isinstance(o, float):
            out.append(_float_text(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, out, level, markers)
        elif isinstance(o, dict):
            self._encode_dict(o, out, level, markers)
        else:
            d = _as_dict(o)
            if d is not None:
                self._encode_dict(d, out, level, markers)
                return
            t = _as_list(o)
            if t is not None:
                self._encode_list(t, out, level, markers)
                return
            if markers is not None:
                if id(o) in markers:
                    raise ValueError('Circular reference detected')
                markers[id(o)] = o
            self._encode(self.default(o), out, level, markers)
            if markers is not None:
                del markers[id(o)]

    def _open(self, o, markers):
        if markers is not None:
            if id(o) in markers:
                raise ValueError('Circular reference detected')
            markers[id(o)] = o

    def _encode_list(self, o, out, level, markers):
        if not o:
            out.append('[]')
            return
        self._open(o, markers)
        out.append('[')
        if self.indent is not None:
            level += 1
            newline = '\n' + self.indent * level
            sep = self.item_separator + newline
            out.append(newline)
        else:
            sep = self.item_separator
        first = True
        for v in o:
            if not first:
                out.append(sep)
            first = False
            self._encode(v, out, level, markers)
        if self.indent is not None:
            out.append('\n' + self.indent * (level - 1))
        out.append(']')
        if markers is not None:
            del markers[id(o)]

    def _encode_dict(self, o, out, level, markers):
        if not o:
            out.append('{}')
            return
        self._open(o, markers)
        out.append('{')
        if self.indent is not None:
            level += 1
            newline = '\n' + self.indent * level
            sep = self.item_separator + newline
            out.append(newline)
        else:
            sep = self.item_separator
        items = list(o.items())
        if self.sort_keys:
            items.sort(key=lambda kv: kv[0])
        first = True
        for k, v in items:
            if isinstance(k, str):
                pass
            elif isinstance(k, float):
                k = _float_text(k, self.allow_nan)
            elif k is True:
                k = 'true'
            elif k is False:
                k = 'false'
            elif k is None:
                k = 'null'
            elif isinstance(k, int):
                k = repr(k)
            elif self.skipkeys:
                continue
            else:
                raise TypeError('keys must be str, int, float, bool or None, not %s' % type(k).__name__)
            if not first:
                out.append(sep)
            first = False
            out.append(_quote(k, self.ensure_ascii))
            out.append(self.key_separator)
            self._encode(v, out, level, markers)
        if self.indent is not None:
            out.append('\n' + self.indent * (level - 1))
        out.append('}')
        if markers is not None:
            del markers[id(o)]


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


# ==== decoding ============================================================================

_WS = ' \t\n\r'
_UNESCAPE = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_NUMBER_START = '-0123456789'


class _Decoder:
    def __init__(self, doc, strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant):
        self.doc = doc
        self.strict = strict
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant

    def skip(self, i):
        doc = self.doc
        n = len(doc)
        while i < n and doc[i] in _WS:
            i += 1
        return i

    def value(self, i):
        doc = self.doc
        if i >= len(doc):
            raise JSONDecodeError('Expecting value', doc, i)
        ch = doc[i]
        if ch == '"':
            return self.string(i + 1)
        if ch == '{':
            return self.object(i + 1)
        if ch == '[':
            return self.array(i + 1)
        if ch == 'n' and doc.startswith('null', i):
            return None, i + 4
        if ch == 't' and doc.startswith('true', i):
            return True, i + 4
        if ch == 'f' and doc.startswith('false', i):
            return False, i + 5
        if ch == 'N' and doc.startswith('NaN', i):
            return self.constant('NaN'), i + 3
        if ch == 'I' and doc.startswith('Infinity', i):
            return self.constant('Infinity'), i + 8
        if ch == '-' and doc.startswith('-Infinity', i):
            return self.constant('-Infinity'), i + 9
        if ch in _NUMBER_START:
            return self.number(i)
        raise JSONDecodeError('Expecting value', doc, i)

    def constant(self, name):
        if self.parse_constant is not None:
            return self.parse_constant(name)
        return float(name.replace('Infinity', 'inf').replace('NaN', 'nan'))

    def number(self, i):
        doc = self.doc
        n = len(doc)
        start = i
        if doc[i] == '-':
            i += 1
        if i >= n or not '0' <= doc[i] <= '9':
            raise JSONDecodeError('Expecting value', doc, start)
        if doc[i] == '0':
            i += 1
        else:
            while i < n and '0' <= doc[i] <= '9':
                i += 1
        is_float = False
        if i + 1 < n and doc[i] == '.' and '0' <= doc[i + 1] <= '9':
            is_float = True
            i += 2
            while i < n and '0' <= doc[i] <= '9':
                i += 1
        if i < n and doc[i] in 'eE':
            j = i + 1
            if j < n and doc[j] in '+-':
                j += 1
            if j < n and '0' <= doc[j] <= '9':
                is_float = True
                i = j + 1
                while i < n and '0' <= doc[i] <= '9':
                    i += 1
        text = doc[start:i]
        return (self.parse_float(text) if is_float else self.parse_int(text)), i

    def string(self, i):
        doc = self.doc
        n = len(doc)
        begin = i - 1
        parts = []
        while True:
            j = i
            while j < n and doc[j] != '"' and doc[j] != '\\' and (doc[j] >= ' ' or not self.strict):
                j += 1
            if j >= n:
                raise JSONDecodeError('Unterminated string starting at', doc, begin)
            if j > i:
                parts.append(doc[i:j])
            ch = doc[j]
            if ch == '"':
                return ''.join(parts), j + 1
            if ch != '\\':
                raise JSONDecodeError('Invalid control character at', doc, j)
            if j + 1 >= n:
                raise JSONDecodeError('Unterminated string starting at', doc, begin)
            esc = doc[j + 1]
            if esc == 'u':
                c = self.hex4(j)
                i = j + 6
                if 0xd800 <= c <= 0xdbff and doc.startswith('\\u', i):
                    c2 = self.hex4(i)
                    if 0xdc00 <= c2 <= 0xdfff:
                        c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00)
                        i += 6
                parts.append(chr(c))
            else:
                ch = _UNESCAPE.get(esc)
                if ch is None:
                    raise JSONDecodeError('Invalid \\escape', doc, j)
                parts.append(ch)
                i = j + 2

    def hex4(self, j):
        text = self.doc[j + 2:j + 6]
        if len(text) == 4:
            for ch in text:
                if ch not in '0123456789abcdefABCDEF':
                    break
            else:
                return int(text, 16)
        raise JSONDecodeError('Invalid \\uXXXX escape', self.doc, j)

    def object(self, i):
        doc = self.doc
        pairs = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == '}':
            return self.finish_object(pairs), i + 1
        while True:
            if i >= len(doc) or doc[i] != '"':
                raise JSONDecodeError('Expecting property name enclosed in double quotes', doc, i)
            key, i = self.string(i + 1)
            i = self.skip(i)
            if i >= len(doc) or doc[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", doc, i)
            i = self.skip(i + 1)
            value, i = self.value(i)
            pairs.append((key, value))
            i = self.skip(i)
            if i < len(doc) and doc[i] == '}':
                return self.finish_object(pairs), i + 1
            if i >= len(doc) or doc[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d

    def array(self, i):
        doc = self.doc
        items = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == ']':
            return items, i + 1
        while True:
            value, i = self.value(i)
            items.append(value)
            i = self.skip(i)
            if i < len(doc) and doc[i] == ']':
                return items, i + 1
            if i >= len(doc) or doc[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)


class JSONDecoder:
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float
        self.parse_int = parse_int
        self.parse_constant = parse_constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def raw_decode(self, s, idx=0):
        d = _Decoder(s, self.strict, self.object_hook, self.object_pairs_hook, self.parse_float,
                     self.parse_int, self.parse_constant)
        return d.value(idx)

    def decode(self, s):
        d = _Decoder(s, self.strict, self.object_hook, self.object_pairs_hook, self.parse_float,
                     self.parse_int, self.parse_constant)
        value, end = d.value(d.skip(0))
        end = d.skip(end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return value


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = s.decode()
    elif not isinstance(s, str):
        raise TypeError('the JSON object must be str, bytes or bytearray, not %s' % type(s).__name__)
    if s.startswith('\ufeff'):
        raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float, parse_int=parse_int,
               parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw).decode(s)


def load(fp, **kw):
    return loads(fp.read(), **kw)
