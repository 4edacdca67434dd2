# collections for Viper: namedtuple, deque, defaultdict, OrderedDict, Counter, ChainMap.
# namedtuple classes derive from tuple; the others are classes of their own that hold a
# container and answer the same protocol (isinstance(x, dict) is False for them).

_missing = object()


# ==== namedtuple ==========================================================================

class _NamedTupleBase(tuple):
    # a tuple subclass: indexing, unpacking, comparison, hashing and % formatting are tuple's
    __slots__ = ()

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(self._fields, self)]
        if kwargs:
            raise ValueError('Got unexpected field names: %r' % list(kwargs))
        return self._make(values)

    def __repr__(self):
        return self._name + '(' + ', '.join(['%s=%r' % (n, v) for n, v in zip(self._fields, self)]) + ')'

    def __getnewargs__(self):
        return tuple(self)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = [str(f) for f in field_names]
    seen = set()
    for i, name in enumerate(field_names):
        bad = (not name.isidentifier() or name.startswith('_') or name in seen or
               name in ('def', 'class', 'return', 'if', 'else', 'for', 'while', 'in', 'is',
                        'not', 'and', 'or', 'None', 'True', 'False', 'import', 'from', 'as',
                        'lambda', 'try', 'except', 'finally', 'raise', 'with', 'yield', 'pass',
                        'break', 'continue', 'del', 'global', 'nonlocal', 'assert', 'elif'))
        if bad and rename:
            field_names[i] = name = '_%d' % i
        elif bad:
            if not name.isidentifier():
                raise ValueError('Type names and field names must be valid identifiers: %r' % name)
            if name in seen:
                raise ValueError('Encountered duplicate field name: %r' % name)
            if name.startswith('_'):
                raise ValueError('Field names cannot start with an underscore: %r' % name)
            raise ValueError('Type names and field names cannot be a keyword: %r' % name)
        seen.add(name)
    if not typename.isidentifier():
        raise ValueError('Type names and field names must be valid identifiers: %r' % typename)
    fields = tuple(field_names)
    nfields = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > nfields:
            raise TypeError('Got more default values than field names')
        field_defaults = dict(zip(fields[nfields - len(defaults):], defaults))

    class _NT(_NamedTupleBase):
        __slots__ = ()
        _fields = fields
        _field_defaults = field_defaults
        _name = typename

        def __new__(cls, *args, **kwargs):
            if len(args) > nfields:
                raise TypeError('%s.__new__() takes %d positional argument%s but %d were given' % (
                    typename, nfields + 1, '' if nfields == 0 else 's', len(args) + 1))
            values = list(args)
            for name in fields[len(args):]:
                if name in kwargs:
                    values.append(kwargs.pop(name))
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    missing = [repr(n) for n in fields[len(values):] if n not in kwargs and n not in field_defaults]
                    if len(missing) == 1:
                        text = missing[0]
                    else:
                        text = ', '.join(missing[:-1]) + ' and ' + missing[-1]
                    raise TypeError('%s.__new__() missing %d required positional argument%s: %s' % (
                        typename, len(missing), '' if len(missing) == 1 else 's', text))
            if kwargs:
                name = next(iter(kwargs))
                if name in fields:
                    raise TypeError("%s.__new__() got multiple values for argument '%s'" % (typename, name))
                raise TypeError("%s.__new__() got an unexpected keyword argument '%s'" % (typename, name))
            return tuple.__new__(cls, values)

        @classmethod
        def _make(cls, iterable):
            values = tuple(iterable)
            if len(values) != nfields:
                raise TypeError('Expected %d arguments, got %d' % (nfields, len(values)))
            return tuple.__new__(cls, values)

        def __setattr__(self, name, value):
            raise AttributeError("can't set attribute")

    for index, name in enumerate(fields):
        setattr(_NT, name, property(lambda self, i=index: tuple.__getitem__(self, i)))
    _NT.__name__ = typename
    try:
        _NT.__qualname__ = typename
    except (AttributeError, TypeError):
        pass
    return _NT


# ==== deque ===============================================================================

class deque:
    # a ring buffer: _buf holds the items from _head on (wrapping), _len of them
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        self._buf = [None] * 8
        self._head = 0
        self._len = 0
        if iterable is not self:
            self.extend(iterable)
        else:
            self.extend(list(iterable))

    @property
    def maxlen(self):
        return self._maxlen

    def _grow(self):
        old = self._buf
        n = len(old)
        self._buf = [old[(self._head + i) % n] for i in range(self._len)] + [None] * n
        self._head = 0

    def append(self, x):
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self.popleft()
        if self._len == len(self._buf):
            self._grow()
        self._buf[(self._head + self._len) % len(self._buf)] = x
        self._len += 1

    def appendleft(self, x):
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self.pop()
        if self._len == len(self._buf):
            self._grow()
        self._head = (self._head - 1) % len(self._buf)
        self._buf[self._head] = x
        self._len += 1

    def pop(self):
        if not self._len:
            raise IndexError('pop from an empty deque')
        self._len -= 1
        i = (self._head + self._len) % len(self._buf)
        x = self._buf[i]
        self._buf[i] = None
        return x

    def popleft(self):
        if not self._len:
            raise IndexError('pop from an empty deque')
        x = self._buf[self._head]
        self._buf[self._head] = None
        self._head = (self._head + 1) % len(self._buf)
        self._len -= 1
        return x

    def extend(self, iterable):
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._buf = [None] * 8
        self._head = 0
        self._len = 0

    def copy(self):
        return deque(self, self._maxlen)

    def __copy__(self):
        return self.copy()

    def count(self, x):
        n = 0
        for y in self:
            if y is x or y == x:
                n += 1
        return n

    def index(self, x, start=0, stop=None):
        if stop is None or stop > self._len:
            stop = self._len
        if start < 0:
            start = max(0, start + self._len)
        for i in range(start, stop):
            y = self._buf[(self._head + i) % len(self._buf)]
            if y is x or y == x:
                return i
        raise ValueError('%r is not in deque' % (x,))

    def insert(self, i, x):
        if self._maxlen is not None and self._len >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        items = list(self)
        items.insert(i, x)
        self.clear()
        self.extend(items)

    def remove(self, value):
        items = list(self)
        for i in range(len(items)):
            if items[i] is value or items[i] == value:
                del items[i]
                self.clear()
                self.extend(items)
                return
        raise ValueError('deque.remove(x): x not in deque')

    def reverse(self):
        items = list(self)
        items.reverse()
        self.clear()
        self.extend(items)

    def rotate(self, n=1):
        if self._len <= 1:
            return
        n %= self._len
        for _ in range(n):
            self.appendleft(self.pop())

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError('sequence index must be integer, not %r' % type(i).__name__)
        if i < 0:
            i += self._len
        if i < 0 or i >= self._len:
            raise IndexError('deque index out of range')
        return (self._head + i) % len(self._buf)

    def __getitem__(self, i):
        return self._buf[self._index(i)]

    def __setitem__(self, i, x):
        self._buf[self._index(i)] = x

    def __delitem__(self, i):
        self._index(i)
        items = list(self)
        del items[i]
        self.clear()
        self.extend(items)

    def __len__(self):
        return self._len

    def __bool__(self):
        return self._len > 0

    def __iter__(self):
        buf, head, n = self._buf, self._head, len(self._buf)
        for i in range(self._len):
            if buf is not self._buf:
                raise RuntimeError('deque mutated during iteration')
            yield buf[(head + i) % n]

    def __reversed__(self):
        return reversed(list(self))

    def __contains__(self, x):
        for y in self:
            if y is x or y == x:
                return True
        return False

    def __eq__(self, other):
        return isinstance(other, deque) and list(self) == list(other)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        return list(self) < list(other)

    def __le__(self, other):
        return list(self) <= list(other)

    def __gt__(self, other):
        return list(self) > list(other)

    def __ge__(self, other):
        return list(self) >= list(other)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque' % type(other).__name__)
        d = self.copy()
        d.extend(other)
        return d

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(list(self) * n, self._maxlen)

    def __imul__(self, n):
        items = list(self) * n
        self.clear()
        self.extend(items)
        return self

    __hash__ = None

    def __repr__(self):
        if self._maxlen is None:
            return 'deque(%r)' % (list(self),)
        return 'deque(%r, maxlen=%d)' % (list(self), self._maxlen)


# ==== the dict-like classes ===============================================================

class _DictWrapper:
    # a dict held in _d; the subclasses add their own behaviour
    def __init__(self, *args, **kwargs):
        self._d = {}
        self.update(*args, **kwargs)

    def update(self, *args, **kwargs):
        if len(args) > 1:
            raise TypeError('update expected at most 1 argument, got %d' % len(args))
        if args:
            other = args[0]
            if hasattr(other, 'keys'):
                for k in other.keys():
                    self[k] = other[k]
            else:
                for k, v in other:
                    self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def __getitem__(self, key):
        try:
            return self._d[key]
        except KeyError:
            return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __reversed__(self):
        return reversed(list(self._d))

    def __eq__(self, other):
        if isinstance(other, _DictWrapper):
            other = other._d
        return self._d == other

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def popitem(self):
        return self._d.popitem()

    def setdefault(self, key, default=None):
        if key not in self._d:
            self[key] = default
        return self._d[key]

    def clear(self):
        self._d.clear()

    def copy(self):
        c = type(self)()
        c._d = self._d.copy()
        return c

    def __copy__(self):
        return self.copy()

    def __or__(self, other):
        c = self.copy()
        c.update(other)
        return c

    def __ior__(self, other):
        self.update(other)
        return self

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._d)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        c = cls()
        for k in iterable:
            c[k] = value
        return c


class defaultdict(_DictWrapper):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        _DictWrapper.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value

    def copy(self):
        c = defaultdict(self.default_factory)
        c._d = self._d.copy()
        return c

    def __repr__(self):
        f = self.default_factory
        if f is None:
            text = 'None'
        elif isinstance(f, type):
            text = repr(f)
        else:
            text = repr(f)
        return 'defaultdict(%s, %r)' % (text, self._d)


class OrderedDict(_DictWrapper):
    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            for k, v in rest:
                self._d[k] = v

    def popitem(self, last=True):
        if not self._d:
            raise KeyError('dictionary is empty')
        if last:
            return self._d.popitem()
        key = next(iter(self._d))
        return (key, self._d.pop(key))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._d.items()) == list(other._d.items())
        return _DictWrapper.__eq__(self, other)

    def __repr__(self):
        if not self._d:
            return 'OrderedDict()'
        return 'OrderedDict(%r)' % (list(self._d.items()),)


def _count_of(item):
    return item[1]


class Counter(_DictWrapper):
    def __init__(self, iterable=None, **kwargs):
        self._d = {}
        self.update(iterable, **kwargs)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        items = sorted(self._d.items(), key=_count_of, reverse=True)
        return items if n is None else items[:n]

    def elements(self):
        for k, n in self._d.items():
            for _ in range(n):
                yield k

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if hasattr(iterable, 'keys'):
                for k in iterable.keys():
                    self._d[k] = self._d.get(k, 0) + iterable[k]
            else:
                d = self._d
                for k in iterable:
                    d[k] = d.get(k, 0) + 1
        for k, v in kwargs.items():
            self._d[k] = self._d.get(k, 0) + v

    def subtract(self, iterable=None, **kwargs):
        if iterable is not None:
            if hasattr(iterable, 'keys'):
                for k in iterable.keys():
                    self._d[k] = self._d.get(k, 0) - iterable[k]
            else:
                for k in iterable:
                    self._d[k] = self._d.get(k, 0) - 1
        for k, v in kwargs.items():
            self._d[k] = self._d.get(k, 0) - v

    def __delitem__(self, key):
        if key in self._d:
            del self._d[key]

    def copy(self):
        c = Counter()
        c._d = self._d.copy()
        return c

    def _keep_positive(self):
        for k in [k for k, v in self._d.items() if not v > 0]:
            del self._d[k]
        return self

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for k, n in self._d.items():
            s = n + other[k]
            if s > 0:
                result._d[k] = s
        for k, n in other._d.items():
            if k not in self._d and n > 0:
                result._d[k] = n
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for k, n in self._d.items():
            s = n - other[k]
            if s > 0:
                result._d[k] = s
        for k, n in other._d.items():
            if k not in self._d and n < 0:
                result._d[k] = 0 - n
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for k, n in self._d.items():
            m = other[k]
            v = m if n < m else n
            if v > 0:
                result._d[k] = v
        for k, n in other._d.items():
            if k not in self._d and n > 0:
                result._d[k] = n
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for k, n in self._d.items():
            m = other[k]
            v = n if n < m else m
            if v > 0:
                result._d[k] = v
        return result

    def __pos__(self):
        result = Counter()
        for k, n in self._d.items():
            if n > 0:
                result._d[k] = n
        return result

    def __neg__(self):
        result = Counter()
        for k, n in self._d.items():
            if n < 0:
                result._d[k] = 0 - n
        return result

    def __iadd__(self, other):
        for k, n in other._d.items():
            self._d[k] = self._d.get(k, 0) + n
        return self._keep_positive()

    def __isub__(self, other):
        for k, n in other._d.items():
            self._d[k] = self._d.get(k, 0) - n
        return self._keep_positive()

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        items = ', '.join(['%r: %r' % kv for kv in self.most_common()])
        return 'Counter({' + items + '})'


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,)) from None

    def __contains__(self, key):
        for m in self.maps:
            if key in m:
                return True
        return False

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for m in reversed(self.maps):
            for k in m:
                d[k] = None
        return iter(d)

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def new_child(self, m=None):
        return ChainMap({} if m is None else m, *self.maps)

    @property
    def parents(self):
        return ChainMap(*self.maps[1:])

    def __repr__(self):
        return 'ChainMap(%s)' % ', '.join([repr(m) for m in self.maps])
