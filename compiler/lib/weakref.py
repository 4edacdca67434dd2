# weakref for Viper: references that do not keep their object alive, finalizers, and the weak
# containers. The VM's _weakref gives handles the collector clears when their object dies, and
# calls callback(arg) for them afterwards (at gc.collect() or between instructions, never in the
# collector itself); everything else is built on those here.

import _weakref


class ReferenceType:
    def __init__(self, ob, callback=None):
        # the handle calls callback(self) once ob is gone; it dies with this ref when dropped
        self._handle = _weakref.new(ob, callback, self)
        self._callback = callback
        self._hash = None

    def __call__(self):
        return _weakref.get(self._handle)

    @property
    def __callback__(self):
        return self._callback

    def __hash__(self):
        # the referent's hash, kept once taken so a dead key can still be found (as CPython)
        if self._hash is None:
            ob = self()
            if ob is None:
                raise TypeError('weak object has gone away')
            self._hash = hash(ob)
        return self._hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = self()
        b = other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __repr__(self):
        ob = self()
        if ob is None:
            return '<weakref; dead>'
        return "<weakref; to '%s'>" % type(ob).__name__


ref = ReferenceType


def getweakrefcount(obj):
    return _weakref.count(obj)


class _Info:
    pass


class finalize:
    """Call func(*args, **kwargs) once obj is collected (or at exit, while atexit is true)."""

    _registry = {}
    _index = 0
    _shutdown = False
    _registered_with_atexit = False

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            import atexit as _atexit
            _atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True
        info = _Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._index += 1
        info.index = finalize._index
        self._registry[self] = info

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info is not None and not finalize._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is not None and self._registry.pop(self, None) is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return info is not None and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info is not None:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info.weakref() if info is not None else None
        if obj is None:
            return '<finalize object; dead>'
        return "<finalize object; for '%s'>" % type(obj).__name__

    @staticmethod
    def _exitfunc():
        # the finalizers still alive with atexit set, newest first, as CPython at exit
        pending = [f for f in finalize._registry if finalize._registry[f].atexit]
        pending.sort(key=lambda f: finalize._registry[f].index)
        while pending:
            f = pending.pop()
            if f in finalize._registry:
                f()
        finalize._shutdown = True


class WeakValueDictionary:
    """A dict whose values are held weakly: an entry goes when its value is collected."""

    def __init__(self, other=(), **kwargs):
        self._data = {}
        self.update(other, **kwargs)

    def _remover(self, key):
        def remove(wr):
            if self._data.get(key) is wr:
                del self._data[key]
        return remove

    def __setitem__(self, key, value):
        self._data[key] = ref(value, self._remover(key))

    def __getitem__(self, key):
        o = self._data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        wr = self._data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len([k for k in self._data if self._data[k]() is not None])

    def get(self, key, default=None):
        wr = self._data.get(key)
        o = wr() if wr is not None else None
        return default if o is None else o

    def items(self):
        out = []
        for k in list(self._data):
            o = self._data[k]()
            if o is not None:
                out.append((k, o))
        return out

    def keys(self):
        return [k for k, _ in self.items()]

    def values(self):
        return [o for _, o in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def pop(self, key, *default):
        wr = self._data.pop(key, None)
        o = wr() if wr is not None else None
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kwargs):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k in kwargs:
            self[k] = kwargs[k]

    def copy(self):
        return WeakValueDictionary(self.items())

    def clear(self):
        self._data.clear()

    def __repr__(self):
        return '<WeakValueDictionary>'


class WeakKeyDictionary:
    """A dict whose keys are held weakly: an entry goes when its key is collected."""

    def __init__(self, other=()):
        self._data = {}

        def remove(wr):
            self._data.pop(wr, None)
        self._remove = remove
        self.update(other)

    def __setitem__(self, key, value):
        self._data[ref(key, self._remove)] = value

    def __getitem__(self, key):
        return self._data[ref(key)]

    def __delitem__(self, key):
        del self._data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self._data

    def __len__(self):
        return len([wr for wr in self._data if wr() is not None])

    def get(self, key, default=None):
        return self._data.get(ref(key), default)

    def items(self):
        out = []
        for wr in list(self._data):
            k = wr()
            if k is not None:
                out.append((k, self._data[wr]))
        return out

    def keys(self):
        return [k for k, _ in self.items()]

    def values(self):
        return [v for _, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def pop(self, key, *default):
        return self._data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        if key in self:
            return self[key]
        self[key] = default
        return default

    def update(self, other=()):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v

    def clear(self):
        self._data.clear()

    def __repr__(self):
        return '<WeakKeyDictionary>'


class WeakSet:
    """A set of objects held weakly: each leaves the set when it is collected."""

    def __init__(self, data=()):
        self._data = {}

        def remove(wr):
            self._data.pop(wr, None)
        self._remove = remove
        for item in data:
            self.add(item)

    def add(self, item):
        self._data[ref(item, self._remove)] = None

    def discard(self, item):
        self._data.pop(ref(item), None)

    def remove(self, item):
        del self._data[ref(item)]

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self._data

    def __iter__(self):
        return iter([o for o in (wr() for wr in list(self._data)) if o is not None])

    def __len__(self):
        return len([wr for wr in self._data if wr() is not None])

    def clear(self):
        self._data.clear()

    def __repr__(self):
        return '<WeakSet>'
