# dataclasses for Viper. Without exec, the generated methods are closures over the field list;
# they behave as CPython's (same results, same error messages), not built the same way.


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return '<dataclasses._MISSING_TYPE object>'


MISSING = _MissingType()


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,'
                'compare=%r,metadata=%r,kw_only=%r)' % (
                    self.name, self.type, self.default, self.default_factory, self.init, self.repr,
                    self.hash, self.compare, self.metadata, self.kw_only))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


_repr = repr   # _process_class's parameter `repr` hides the built-in


def _is_classvar(t):
    if isinstance(t, str):
        return t.startswith('ClassVar') or t.startswith('typing.ClassVar')
    return getattr(t, '_name', None) == 'ClassVar'


def _names(names):
    # 'a'; 'a' and 'b'; 'a', 'b', and 'c' (as CPython's argument errors list them)
    quoted = ["'" + n + "'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + ' and ' + quoted[1]
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _plural(n, word):
    return str(n) + ' ' + word + ('' if n == 1 else 's')


def _set(cls, name, func, qualname):
    # Methods the class defines itself are kept, as CPython does.
    if name in cls.__dict__:
        return True
    func.__name__ = name
    func.__qualname__ = qualname + '.' + name
    setattr(cls, name, func)
    return False


def _make_init(cls, flds, frozen, qualname):
    init_fields = [f for f in flds if f.init]
    pos = [f for f in init_fields if not f.kw_only]
    kwonly = [f for f in init_fields if f.kw_only]
    names = [f.name for f in init_fields]
    post_init = hasattr(cls, '__post_init__')
    where = qualname + '.__init__()'

    def __init__(self, *args, **kwargs):
        values = {}
        for f, a in zip(pos, args):
            values[f.name] = a
        for k in kwargs:
            if k not in names:
                raise TypeError(where + " got an unexpected keyword argument '" + k + "'")
            if k in values:
                raise TypeError(where + " got multiple values for argument '" + k + "'")
            values[k] = kwargs[k]
        if len(args) > len(pos):
            most = len(pos) + 1
            least = len([f for f in pos if f.default is MISSING and f.default_factory is MISSING]) + 1
            takes = str(most) if least == most else 'from %d to %d' % (least, most)
            raise TypeError(where + ' takes ' + takes + ' positional argument' + ('' if most == 1 else 's') +
                            ' but ' + str(len(args) + 1) + (' was' if len(args) == 0 else ' were') + ' given')
        for group, kind in ((pos, 'positional'), (kwonly, 'keyword-only')):
            missing = [f.name for f in group
                       if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
            if missing:
                raise TypeError(where + ' missing ' + _plural(len(missing), 'required ' + kind + ' argument') +
                                ': ' + _names(missing))
        for f in flds:
            if f.init and f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        if post_init:
            self.__post_init__()
    return __init__


def _values(obj, flds):
    return tuple([getattr(obj, f.name) for f in flds])


def _make_compare(flds, op):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        a = _values(self, flds)
        b = _values(other, flds)
        if op == '==':
            return a == b
        if op == '<':
            return a < b
        if op == '<=':
            return a <= b
        if op == '>':
            return a > b
        return a >= b
    return compare


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    qualname = cls.__qualname__
    fields = {}
    any_frozen_base = False
    has_base_fields = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, '__dict__', {}).get('__dataclass_fields__')
        if base_fields is not None:
            has_base_fields = True
            if base.__dataclass_params__['frozen']:
                any_frozen_base = True
            for f in base_fields.values():
                fields[f.name] = f
    if has_base_fields and any_frozen_base and not frozen:
        raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
    if has_base_fields and not any_frozen_base and frozen:
        raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    annotations = cls.__dict__.get('__annotations__', {})
    for name, typ in annotations.items():
        if _is_classvar(typ):
            continue
        default = cls.__dict__.get(name, MISSING)
        f = default if isinstance(default, Field) else field(default=default)
        f.name = name
        f.type = typ
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if isinstance(f.default, (list, dict, set)):
            raise ValueError('mutable default ' + str(type(f.default)) + ' for field ' + name +
                             ' is not allowed: use default_factory')
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields[name] = f
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(_repr(name) + ' is a field but has no type annotation')
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = {'init': init, 'repr': repr, 'eq': eq, 'order': order,
                                'unsafe_hash': unsafe_hash, 'frozen': frozen}
    flds = list(fields.values())

    if init:
        seen_default = None
        for f in flds:
            if f.init and not f.kw_only:
                if f.default is not MISSING or f.default_factory is not MISSING:
                    seen_default = f
                elif seen_default is not None:
                    raise TypeError('non-default argument ' + _repr(f.name) + ' follows default argument')
        _set(cls, '__init__', _make_init(cls, flds, frozen, qualname), qualname)

    if repr:
        shown = [f for f in flds if f.repr]

        def __repr__(self):
            return self.__class__.__qualname__ + '(' + ', '.join(
                [f.name + '=' + _repr(getattr(self, f.name)) for f in shown]) + ')'
        _set(cls, '__repr__', __repr__, qualname)

    compared = [f for f in flds if f.compare]
    if eq:
        _set(cls, '__eq__', _make_compare(compared, '=='), qualname)
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for name, op in (('__lt__', '<'), ('__le__', '<='), ('__gt__', '>'), ('__ge__', '>=')):
            if _set(cls, name, _make_compare(compared, op), qualname):
                raise TypeError('Cannot overwrite attribute ' + name + ' in class ' + cls.__name__ +
                                '. Consider using functools.total_ordering')

    if frozen:
        names = tuple(fields)

        def __setattr__(self, name, value):
            if type(self) is cls or name in names:
                raise FrozenInstanceError('cannot assign to field ' + _repr(name))
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in names:
                raise FrozenInstanceError('cannot delete field ' + _repr(name))
            object.__delattr__(self, name)
        for name, func in (('__setattr__', __setattr__), ('__delattr__', __delattr__)):
            if _set(cls, name, func, qualname):
                raise TypeError('Cannot overwrite attribute ' + name + ' in class ' + cls.__name__)

    hashed = [f for f in flds if (f.compare if f.hash is None else f.hash)]
    explicit_hash = '__hash__' in cls.__dict__

    def __hash__(self):
        return hash(_values(self, hashed))
    if unsafe_hash:
        if explicit_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class ' + cls.__name__)
        _set(cls, '__hash__', __hash__, qualname)
    elif eq and frozen and not explicit_hash:
        _set(cls, '__hash__', __hash__, qualname)
    elif eq and not explicit_hash:
        def __hash__(self):   # stands for CPython's __hash__ = None
            raise TypeError("unhashable type: '" + type(self).__name__ + "'")
        _set(cls, '__hash__', __hash__, qualname)

    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple([f.name for f in flds if f.init and not f.kw_only])
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def fields(class_or_instance):
    try:
        found = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(found.values())


def _convert(obj, make):
    if is_dataclass(obj) and not isinstance(obj, type):
        return make(obj)
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_convert(v, make) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_convert(v, make) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_convert(k, make), _convert(v, make)) for k, v in obj.items()])
    return obj


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('asdict() should be called on dataclass instances')

    def make(o):
        return dict_factory([(f.name, _convert(getattr(o, f.name), make)) for f in fields(o)])
    return make(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('astuple() should be called on dataclass instances')

    def make(o):
        return tuple_factory([_convert(getattr(o, f.name), make) for f in fields(o)])
    return make(obj)


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('replace() should be called on dataclass instances')
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError('field ' + f.name + ' is declared with init=False, it cannot be '
                                 'specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
