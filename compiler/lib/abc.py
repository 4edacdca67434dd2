# abc for Viper: abstract base classes without metaclasses. ABC.__new__ refuses a class that
# still has abstract methods, with CPython's message.


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    for inner in ('fget', 'fset', 'fdel', '__func__'):   # property, classmethod, staticmethod
        if getattr(getattr(value, inner, None), '__isabstractmethod__', False):
            return True
    return False


_abstract_cache = {}


def _abstract_methods(cls):
    found = _abstract_cache.get(cls)
    if found is None:
        seen = set()
        found = []
        for base in cls.__mro__:
            for name, value in getattr(base, '__dict__', {}).items():
                if name not in seen:
                    seen.add(name)   # the first class in the MRO that defines a name decides
                    if _is_abstract(value):
                        found.append(name)
        found = sorted(found)
        _abstract_cache[cls] = found
    return found


class ABC:
    def __new__(cls, *args, **kwargs):
        missing = _abstract_methods(cls)
        if missing:
            raise TypeError("Can't instantiate abstract class " + cls.__name__ + ' with abstract method' +
                            ('s ' if len(missing) > 1 else ' ') + ', '.join(missing))
        return object.__new__(cls)
