# types for Viper: the types of some built-in objects, and types.coroutine.
from _stdlib import iterable_coroutine as _iterable_coroutine


def _function():
    pass


def _generator():
    yield


async def _coroutine():
    pass


class _C:
    def _method(self):
        pass


FunctionType = type(_function)
LambdaType = FunctionType
GeneratorType = type(_generator())
_coro = _coroutine()
CoroutineType = type(_coro)
_coro.close()
MethodType = type(_C()._method)
BuiltinFunctionType = type(len)
BuiltinMethodType = BuiltinFunctionType
del _function, _generator, _coroutine, _C, _coro


def coroutine(func):
    """Make the generators of the generator function func awaitable, as CPython's
    types.coroutine does for a generator-based coroutine."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    if _iterable_coroutine(func):
        return func

    def wrapped(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapped
