# Helper for import_module_getattr.py: names made on demand (PEP 562).
real = 'real'


def __getattr__(name):
    if name == 'nope':
        raise AttributeError("module 'modimpl_lazy' has no attribute 'nope'")
    return 'made:' + name


def __dir__():
    return ['real', 'made', 'zzz']
