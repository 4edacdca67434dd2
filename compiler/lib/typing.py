# typing for Viper: the names that annotations use. Viper does not check types: these objects
# exist so that programs importing them run, subscript them (List[int]) and print them as CPython.

TYPE_CHECKING = False


def _type_repr(t):
    if isinstance(t, type):
        if t.__module__ == 'builtins':
            return t.__qualname__
        return t.__module__ + '.' + t.__qualname__
    if t is ...:
        return '...'
    if isinstance(t, list):   # the parameter list of Callable[[int, str], bool]
        return '[' + ', '.join([_type_repr(a) for a in t]) + ']'
    if callable(t) and hasattr(t, '__name__') and not isinstance(t, (_Alias, TypeVar)):
        return t.__name__
    return repr(t)


def _convert(t):
    if t is None:
        return type(None)
    if isinstance(t, str):
        return ForwardRef(t)
    return t


class ForwardRef:
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return 'ForwardRef(' + repr(self.__forward_arg__) + ')'


class _Alias:
    # List, Dict, Optional, ... and their subscriptions: a name, the origin class, the arguments.
    __slots__ = ('_name', '__origin__', '__args__', '_special')

    def __init__(self, name, origin=None, args=None, special=None):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args
        self._special = special   # how this form subscripts: 'union', 'optional', 'literal', ...

    def __getitem__(self, params):
        if self.__args__ is not None:
            raise TypeError(repr(self) + ' is not a generic class')
        if not isinstance(params, tuple):
            params = (params,)
        kind = self._special
        if kind == 'literal':
            return _Alias(self._name, self, params, kind)
        if kind == 'callable':
            if len(params) != 2:
                raise TypeError('Callable must be used as Callable[[arg, ...], result].')
            args, result = params
            if isinstance(args, list):
                args = [_convert(a) for a in args]
            return _Alias(self._name, self.__origin__, (args, _convert(result)), kind)
        if kind == 'optional' and len(params) != 1:
            raise TypeError('typing.Optional requires a single type. Got ' + repr(params) + '.')
        params = tuple([_convert(p) for p in params])
        if kind == 'optional':
            return Union[params[0], None]
        if kind == 'union':
            flat = []
            for p in params:
                items = p.__args__ if isinstance(p, _Alias) and p._special == 'union' and p.__args__ else (p,)
                for item in items:
                    if item not in flat:
                        flat.append(item)
            if len(flat) == 1:
                return flat[0]
            return _Alias('Union', self, tuple(flat), kind)
        return _Alias(self._name, self.__origin__ or self, params, kind)

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if isinstance(origin, type):
            return origin(*args, **kwargs)
        raise TypeError('Cannot instantiate ' + repr(self))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        if not isinstance(other, _Alias):
            return NotImplemented
        if self._special == 'union' and self.__args__ and other.__args__:
            return set(self.__args__) == set(other.__args__)
        return (self._name, self.__origin__, self.__args__) == (other._name, other.__origin__, other.__args__)

    def __hash__(self):
        return hash((self._name, self.__args__ and tuple(self.__args__)))

    def __repr__(self):
        args = self.__args__
        if args is None:
            return 'typing.' + self._name
        if self._special == 'union' and len(args) == 2 and type(None) in args:
            other = args[1] if args[0] is type(None) else args[0]
            return 'typing.Optional[' + _type_repr(other) + ']'
        if self._special == 'literal':
            text = ', '.join([repr(a) for a in args])
        elif args == ():
            text = '()'
        else:
            text = ', '.join([_type_repr(a) for a in args])
        return 'typing.' + self._name + '[' + text + ']'


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        return ('+' if self.__covariant__ else '-' if self.__contravariant__ else '~') + self.__name__


class Generic:
    # Stack[int] names the class itself: Viper keeps no parameters.
    def __class_getitem__(cls, params):
        return cls


class _GenericAlias:
    # Generic[T] as a base class is Generic itself.
    def __getitem__(self, params):
        return _Generic


_Generic = Generic
Generic = _GenericAlias()


class Protocol(_Generic):
    pass


def _alias(name, origin=None, special=None):
    return _Alias(name, origin, None, special)


Any = _alias('Any')
NoReturn = _alias('NoReturn')
Union = _alias('Union', None, 'union')
Optional = _alias('Optional', None, 'optional')
Literal = _alias('Literal', None, 'literal')
Final = _alias('Final')
ClassVar = _alias('ClassVar')
Callable = _alias('Callable', None, 'callable')
List = _alias('List', list)
Dict = _alias('Dict', dict)
Set = _alias('Set', set)
FrozenSet = _alias('FrozenSet', frozenset)
Tuple = _alias('Tuple', tuple)
Type = _alias('Type', type)
Iterable = _alias('Iterable')
Iterator = _alias('Iterator')
Generator = _alias('Generator')
Sequence = _alias('Sequence')
MutableSequence = _alias('MutableSequence')
Mapping = _alias('Mapping')
MutableMapping = _alias('MutableMapping')
Collection = _alias('Collection')
Container = _alias('Container')
Hashable = _alias('Hashable')
Sized = _alias('Sized')
Reversible = _alias('Reversible')
AbstractSet = _alias('AbstractSet')
IO = _alias('IO')
TextIO = _alias('TextIO')
Text = str
AnyStr = TypeVar('AnyStr', bytes, str)


def cast(typ, val):
    return val


def _overload_dummy(*args, **kwargs):
    raise NotImplementedError('You should not call an overloaded function. '
                              'A series of @overload-decorated functions outside a stub module '
                              'should always be followed by an implementation that is not @overload-ed.')


def overload(func):
    return _overload_dummy


def final(f):
    return f


def no_type_check(f):
    return f


def runtime_checkable(cls):
    return cls


def get_origin(tp):
    return tp.__origin__ if isinstance(tp, _Alias) and tp.__args__ is not None else None


def get_args(tp):
    if isinstance(tp, _Alias) and tp.__args__ is not None:
        return tp.__args__
    return ()


def get_type_hints(obj):
    return dict(getattr(obj, '__annotations__', {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


class NamedTuple:
    # class Point(NamedTuple): x: int ... — the fields are read from the annotations when the
    # class is first called (Viper has no metaclasses); NamedTuple('P', [('x', int)]) is
    # collections.namedtuple. The values are kept in a tuple (the VM cannot subclass tuple).
    def __new__(cls, *args, **kwargs):
        if cls is NamedTuple:
            from collections import namedtuple
            fields = args[1] if len(args) > 1 else kwargs.get('fields', ())
            return namedtuple(args[0], [name for name, t in fields])
        if '_fields' not in cls.__dict__:
            fields = tuple(cls.__dict__.get('__annotations__', {}))
            defaults = {}
            for i, name in enumerate(fields):
                if name in cls.__dict__:
                    defaults[name] = cls.__dict__[name]
                elif defaults:
                    raise TypeError('Non-default namedtuple field ' + name + ' cannot follow default field' +
                                    ('s ' if len(defaults) > 1 else ' ') + ', '.join(defaults))
                setattr(cls, name, property(lambda self, i=i: self._t[i]))
            cls._fields = fields
            cls._field_defaults = defaults
            cls._name = cls.__name__
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = cls._fields
        where = cls.__name__ + '.__new__()'
        if len(args) > len(fields):
            least = len(fields) - len(cls._field_defaults) + 1
            takes = str(least) if least == len(fields) + 1 else 'from %d to %d' % (least, len(fields) + 1)
            raise TypeError('%s takes %s positional arguments but %d were given' % (where, takes, len(args) + 1))
        values = dict(zip(fields, args))
        for k in kwargs:
            if k not in fields:
                raise TypeError(where + " got an unexpected keyword argument '" + k + "'")
            if k in values:
                raise TypeError(where + " got multiple values for argument '" + k + "'")
            values[k] = kwargs[k]
        missing = ["'" + n + "'" for n in fields if n not in values and n not in cls._field_defaults]
        if missing:
            raise TypeError('%s missing %d required positional argument%s: %s' % (
                where, len(missing), '' if len(missing) == 1 else 's',
                missing[0] if len(missing) == 1 else ', '.join(missing[:-1]) + ' and ' + missing[-1]))
        object.__setattr__(self, '_t', tuple([values[n] if n in values else cls._field_defaults[n]
                                              for n in fields]))

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute")

    def __len__(self):
        return len(self._t)

    def __iter__(self):
        return iter(self._t)

    def __getitem__(self, i):
        return self._t[i]

    def __contains__(self, x):
        return x in self._t

    def __hash__(self):
        return hash(self._t)

    def __eq__(self, other):
        return self._t == _values(other)

    def __lt__(self, other):
        return self._t < _values(other)

    def __le__(self, other):
        return self._t <= _values(other)

    def __gt__(self, other):
        return self._t > _values(other)

    def __ge__(self, other):
        return self._t >= _values(other)

    def __add__(self, other):
        return self._t + _values(other)

    def count(self, x):
        return self._t.count(x)

    def index(self, x, *args):
        return self._t.index(x, *args)

    def _asdict(self):
        return dict(zip(self._fields, self._t))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(self._fields, self._t)]
        if kwargs:
            raise ValueError('Got unexpected field names: %r' % list(kwargs))
        return type(self)(*values)

    def __repr__(self):
        return self._name + '(' + ', '.join(['%s=%r' % (n, v) for n, v in zip(self._fields, self._t)]) + ')'


def _values(x):
    return x._t if isinstance(x, NamedTuple) else x
