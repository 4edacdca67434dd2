# functools for Viper: higher-order functions and operations on callables.

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__')
WRAPPER_UPDATES = ('__dict__',)

_missing = object()


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        value = getattr(wrapped, attr, _missing)
        if value is not _missing:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass   # the VM cannot set this attribute on this kind of callable
    for attr in updated:
        source = getattr(wrapped, attr, None)
        target = getattr(wrapper, attr, None)
        if source is not None and target is not None:
            target.update(source)
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


class partial:
    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            merged = dict(func.keywords)
            merged.update(keywords)
            keywords = merged
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        merged = dict(self.keywords)
        merged.update(keywords)
        return self.func(*self.args, *args, **merged)

    def __repr__(self):
        parts = [repr(self.func)]
        for a in self.args:
            parts.append(repr(a))
        for k, v in self.keywords.items():
            parts.append(k + '=' + repr(v))
        return 'functools.partial(' + ', '.join(parts) + ')'


def reduce(function, iterable, *initial):
    if len(initial) > 1:
        raise TypeError('reduce expected at most 3 arguments, got ' + str(len(initial) + 2))
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    for element in it:
        value = function(value, element)
    return value


class _CacheInfo:
    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def __iter__(self):
        return iter((self.hits, self.misses, self.maxsize, self.currsize))

    def __getitem__(self, i):
        return (self.hits, self.misses, self.maxsize, self.currsize)[i]

    def __len__(self):
        return 4

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % (
            self.hits, self.misses, self.maxsize, self.currsize)


class _Kwd:
    pass


_KWD = _Kwd()   # separates positional from keyword arguments in a cache key


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += (_KWD,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple([type(v) for v in args])
        if kwds:
            key += tuple([type(v) for v in kwds.values()])
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


class _LruWrapper:
    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._maxsize = maxsize
        self._typed = typed
        self._cache = {}
        self._hits = 0
        self._misses = 0
        for attr in ('__module__', '__name__', '__qualname__', '__doc__'):
            value = getattr(func, attr, _missing)
            if value is not _missing:
                setattr(self, attr, value)

    def __call__(self, *args, **kwds):
        key = _make_key(args, kwds, self._typed)
        cache = self._cache
        if key in cache:
            self._hits += 1
            if self._maxsize is not None:
                # most recently used goes last: dicts keep insertion order
                value = cache.pop(key)
                cache[key] = value
                return value
            return cache[key]
        self._misses += 1
        value = self.__wrapped__(*args, **kwds)
        if self._maxsize is not None:
            if key in cache:   # the call filled it (recursion)
                return value
            if self._maxsize <= 0:
                return value
            if len(cache) >= self._maxsize:
                del cache[next(iter(cache))]
        cache[key] = value
        return value

    def cache_info(self):
        return _CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache = {}
        self._hits = 0
        self._misses = 0

    def cache_parameters(self):
        return {'maxsize': self._maxsize, 'typed': self._typed}

    def __repr__(self):
        return '<functools._lru_cache_wrapper object>'


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, (bool, int)):
        return _LruWrapper(maxsize, 128, False)
    if maxsize is not None:
        if not isinstance(maxsize, int):
            raise TypeError('Expected first argument to be an integer, a callable, or None')
        if maxsize < 0:
            maxsize = 0

    def decorating_function(func):
        return _LruWrapper(func, maxsize, typed)
    return decorating_function


def cache(func):
    return _LruWrapper(func, None, False)


def cmp_to_key(mycmp):
    class K:
        __slots__ = ('obj',)

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K


def _gt_from_lt(self, other):
    r = self.__lt__(other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _le_from_lt(self, other):
    r = self.__lt__(other)
    if r is NotImplemented:
        return r
    return r or self == other


def _ge_from_lt(self, other):
    r = self.__lt__(other)
    if r is NotImplemented:
        return r
    return not r


def _ge_from_le(self, other):
    r = self.__le__(other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _lt_from_le(self, other):
    r = self.__le__(other)
    if r is NotImplemented:
        return r
    return r and self != other


def _gt_from_le(self, other):
    r = self.__le__(other)
    if r is NotImplemented:
        return r
    return not r


def _lt_from_gt(self, other):
    r = self.__gt__(other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _ge_from_gt(self, other):
    r = self.__gt__(other)
    if r is NotImplemented:
        return r
    return r or self == other


def _le_from_gt(self, other):
    r = self.__gt__(other)
    if r is NotImplemented:
        return r
    return not r


def _le_from_ge(self, other):
    r = self.__ge__(other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _gt_from_ge(self, other):
    r = self.__ge__(other)
    if r is NotImplemented:
        return r
    return r and self != other


def _lt_from_ge(self, other):
    r = self.__ge__(other)
    if r is NotImplemented:
        return r
    return not r


_CONVERT = {
    '__lt__': (('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)),
    '__le__': (('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)),
    '__gt__': (('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)),
    '__ge__': (('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)),
}


def total_ordering(cls):
    try:
        own = cls.__dict__
    except AttributeError:   # a VM without class __dict__: anything not object's own
        own = [op for op in _CONVERT if getattr(cls, op, None) is not getattr(object, op, None)]
    roots = [op for op in ('__lt__', '__le__', '__gt__', '__ge__') if op in own]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = roots[0]
    for opname, opfunc in _CONVERT[root]:
        if opname not in roots:
            setattr(cls, opname, opfunc)
    return cls
