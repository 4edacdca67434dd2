# copy for Viper: shallow and deep copies.


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, str, bytes, type, range, type(len), type(lambda: 0))


def copy(x):
    cls = type(x)
    if cls in _ATOMIC or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict or cls is set or cls is bytearray:
        return x.copy()
    hook = getattr(x, '__copy__', None)
    if hook is not None:
        return hook()
    return _copy_instance(x, None)


def _copy_instance(x, memo):
    cls = type(x)
    state = getattr(x, '__dict__', None)
    if state is None:
        raise Error('un(shallow)copyable object of type %s' % cls)
    y = _blank(cls)
    if memo is not None:
        memo[id(x)] = y
        state = deepcopy(state, memo)
    for k, v in state.items():
        setattr(y, k, v)
    return y


def _no_init(self, *args, **kwargs):
    pass


def _blank(cls):
    # an instance of cls made without running its __init__ (the VM has no object.__new__)
    init = cls.__init__
    own = len(cls.__mro__) < 2 or init is not getattr(cls.__mro__[1], '__init__', None)
    cls.__init__ = _no_init
    try:
        y = cls()
    finally:
        if own:
            cls.__init__ = init
        else:
            del cls.__init__
    return y


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    cls = type(x)
    if cls in _ATOMIC:
        return x
    d = id(x)
    if d in memo:
        return memo[d]
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        y = tuple([deepcopy(item, memo) for item in x])
        if all(a is b for a, b in zip(x, y)):
            y = x
        memo[d] = y
    elif cls is set:
        y = {deepcopy(item, memo) for item in x}
        memo[d] = y
    elif cls is frozenset:
        y = frozenset([deepcopy(item, memo) for item in x])
        memo[d] = y
    elif cls is bytearray:
        y = x.copy()
        memo[d] = y
    else:
        hook = getattr(x, '__deepcopy__', None)
        if hook is not None:
            y = hook(memo)
            memo[d] = y
        else:
            y = _copy_instance(x, memo)
    return y
