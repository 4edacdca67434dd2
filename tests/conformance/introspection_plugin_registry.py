# A plugin registry built from the module namespace with globals()/vars(), plugins described
# by their metadata, and a report that walks locals() of a function and vars() of objects.

__version__ = '1.2'

class Plugin:
    kind = 'generic'
    def __init__(self, name, **options):
        self.name = name
        self.options = options
    def __repr__(self):
        return f'{type(self).__name__}({self.name!r})'

class Exporter(Plugin):
    kind = 'export'

class Importer(Plugin):
    kind = 'import'

def plugin_csv(rows):
    return '\n'.join(','.join(map(str, r)) for r in rows)

def plugin_upper(text):
    return text.upper()

def helper():
    return 'not a plugin'

def discover(namespace):
    found = {}
    for name, obj in namespace.items():
        if name.startswith('plugin_') and callable(obj):
            found[obj.__name__[len('plugin_'):]] = obj
        elif isinstance(obj, type) and issubclass(obj, Plugin) and obj is not Plugin:
            found[obj.__name__.lower()] = obj
    return found

registry = discover(globals())
print(sorted(registry))
print(registry['csv']([(1, 2), (3, 4)]), registry['upper']('ok'))
print(__name__ == '__main__', globals()['__version__'], vars()['__name__'], 'helper' in globals())

# register a new plugin at run time through the module namespace
globals()['plugin_reverse'] = lambda text: text[::-1]
print(sorted(discover(globals())), plugin_reverse('abc'))

def configure(name, level=1, *tags, debug=False, **extra):
    total = level * 10
    snapshot = locals()
    snapshot['total'] = -1          # a snapshot: the local is unchanged
    return sorted(snapshot.items()), total

print(configure('db', 2, 'x', 'y', debug=True, retries=3))

def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return sorted(locals())
    return bump

print(counter()())

exp = Exporter('out', path='/tmp/out.csv', overwrite=False)
print(vars(exp))
print([k for k in vars(Exporter) if not k.startswith('__')], Exporter.kind, 'kind' in vars(Plugin))
print(Exporter.__name__, Exporter.__qualname__, Exporter.__module__, Exporter.__doc__)
print(configure.__name__, configure.__defaults__, configure.__kwdefaults__, configure.__module__)
try:
    vars(42)
except TypeError as e:
    print('TypeError:', e)
try:
    plugin_missing
except NameError as e:
    print('NameError:', e)
del globals()['plugin_reverse']
print('plugin_reverse' in globals(), sorted(discover(globals())))
