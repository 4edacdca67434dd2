# enum for Viper: Enum, IntEnum, Flag, IntFlag, auto and unique, built on a metaclass.
# EnumType.__new__ turns the plain values of a class body into members (instances of the class
# made without calling it); the metaclass gives the class lookup by value, by name, iteration
# and len. Messages follow CPython 3.11. Not here: the functional API (Enum('Color', 'RED GREEN')),
# _ignore_, boundary options of Flag; reassigning a member is not refused (the VM does not call a
# metaclass's __setattr__).


class auto:
    def __init__(self, value=None):
        self.value = value   # None: the enum's _generate_next_value_ picks it


def _is_descriptor(value):
    # functions, properties and the like become methods and attributes, not members
    if isinstance(value, _METHOD_TYPES):
        return True
    return hasattr(value, '__get__') or hasattr(value, '__set__') or hasattr(value, '__delete__')


# the types themselves: Viper's property/staticmethod/classmethod names are factory functions
_METHOD_TYPES = (type(_is_descriptor), type(property(len)), type(staticmethod(len)), type(classmethod(len)))


def _member_type(bases):
    # the data type members derive from (int for IntEnum), or object
    for base in bases:
        for klass in base.__mro__:
            if klass is object or isinstance(klass, EnumType):
                continue
            return klass
    return object


class EnumType(type):
    def __new__(mcls, name, bases, ns, **kwargs):
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError(repr(type.__new__(mcls, name, bases, {})) + ' cannot extend ' + repr(base))
        body = {}
        values = []
        for key, value in ns.items():
            if key[:1] == '_' or _is_descriptor(value) or isinstance(value, type):
                body[key] = value
            else:
                values.append((key, value))
        cls = type.__new__(mcls, name, bases, body, **kwargs)
        for method in ('__repr__', '__str__', '__format__'):
            # a data type's own repr/str (int's) must not hide the enum's: take the first enum's
            if method not in body:
                owners = [klass for klass in cls.__mro__ if method in klass.__dict__]
                if owners and not isinstance(owners[0], EnumType):
                    for klass in owners:
                        if isinstance(klass, EnumType):
                            setattr(cls, method, klass.__dict__[method])
                            break
        data_type = _member_type(bases)
        if data_type is not object and '__hash__' not in body:
            setattr(cls, '__hash__', data_type.__hash__)   # Viper looks in Enum before a built-in base
        member_map = {}
        by_value = {}
        names = []
        setattr(cls, '_member_map_', member_map)
        setattr(cls, '_value2member_map_', by_value)
        setattr(cls, '_member_names_', names)
        last_values = []
        for key, value in values:
            if isinstance(value, auto):
                if value.value is None:
                    value.value = cls._generate_next_value_(key, 1, len(names), last_values[:])
                value = value.value
            try:
                member = by_value.get(value)
            except TypeError:   # an unhashable value
                member = None
            if member is None:   # not an alias
                for other in member_map.values():   # unhashable values are compared one by one
                    if other._value_ == value:
                        member = other
                        break
            if member is None:
                args = value if isinstance(value, tuple) else (value,)
                if data_type is object:
                    member = object.__new__(cls)
                else:
                    member = data_type.__new__(cls, *args)
                member._name_ = key
                member._value_ = value
                if '__init__' in body:
                    member.__init__(*args)
                names.append(key)
                try:
                    by_value[value] = member
                except TypeError:
                    pass
            last_values.append(value)
            member_map[key] = member
            setattr(cls, key, member)
        return cls

    def __call__(cls, value, *args, **kwargs):
        if args or kwargs:
            raise TypeError('the functional API (' + cls.__name__ + '(name, names)) is not supported')
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        found = cls._missing_(value)
        if isinstance(found, cls):
            return found
        raise ValueError(repr(value) + ' is not a valid ' + cls.__qualname__)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '" + type(member).__qualname__ +
                            "' and '" + type(cls).__qualname__ + "'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __bool__(cls):
        return True

    def __repr__(cls):
        return "<enum '" + cls.__name__ + "'>"

    @property
    def __members__(cls):
        return dict(cls._member_map_)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return '<' + type(self).__name__ + '.' + self._name_ + ': ' + repr(self._value_) + '>'

    def __str__(self):
        return type(self).__name__ + '.' + self._name_

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class ReprEnum(Enum):
    # str() and format() of the data type, repr() of the enum (IntEnum, IntFlag)
    def __str__(self):
        return self._data_str()

    def __format__(self, spec):
        return format(self._value_, spec)

    def _data_str(self):
        return str(self._value_)


class IntEnum(int, ReprEnum):
    pass


class StrEnum(str, ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _bits(value):
    # the single bits of value, lowest first
    bits = []
    bit = 1
    while bit <= value:
        if value & bit:
            bits.append(bit)
        bit <<= 1
    return bits


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return 1 if start is None else start
        return 1 << (max(last_values).bit_length())

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        everything = 0
        for member in cls:
            everything |= member._value_
        if value < 0:
            value = everything + value + 1 if value >= -everything - 1 else value
        if value < 0 or value & ~everything:
            return None
        # a combination of members: a pseudo-member made once and kept
        member = object.__new__(cls) if _member_type((cls,)) is object else _member_type((cls,)).__new__(cls, value)
        names = [m._name_ for m in cls if m._value_ & value == m._value_ and _bits(m._value_) == [m._value_]]
        member._name_ = '|'.join(names) if names else None
        member._value_ = value
        cls._value2member_map_[value] = member
        return member

    def _flag_name(self):
        return type(self).__name__ + '(' + repr(self._value_) + ')' if self._name_ is None else \
            type(self).__name__ + '.' + self._name_

    def __repr__(self):
        if self._name_ is None:
            return '<' + type(self).__name__ + ': ' + repr(self._value_) + '>'
        return '<' + type(self).__name__ + '.' + self._name_ + ': ' + repr(self._value_) + '>'

    def __str__(self):
        return self._flag_name()

    def __iter__(self):
        return (m for m in type(self) if m._value_ & self._value_ and _bits(m._value_) == [m._value_]
                and m._value_ & self._value_ == m._value_)

    def __len__(self):
        return len(_bits(self._value_))

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("unsupported operand type(s) for 'in': '" + type(other).__qualname__ +
                            "' and '" + type(self).__qualname__ + "'")
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ ^ other._value_)

    def __invert__(self):
        everything = 0
        for member in type(self):
            everything |= member._value_
        return type(self)(everything & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag):
    def __or__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ | int(other))
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ & int(other))
        return NotImplemented

    def __xor__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ ^ int(other))
        return NotImplemented

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


def unique(enumeration):
    aliases = [name + ' -> ' + member._name_ for name, member in enumeration._member_map_.items()
               if name != member._name_]
    if aliases:
        raise ValueError('duplicate values found in ' + repr(enumeration) + ': ' + ', '.join(aliases))
    return enumeration
