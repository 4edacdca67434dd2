# A module's own __getattr__ and __dir__ (PEP 562): names made on demand.
import modimpl_lazy
print(modimpl_lazy.real, modimpl_lazy.made, modimpl_lazy.other)
print(getattr(modimpl_lazy, 'x1'), hasattr(modimpl_lazy, 'nope'), hasattr(modimpl_lazy, 'real'))
from modimpl_lazy import made_too, real
print(made_too, real)
print(dir(modimpl_lazy))
try:
    modimpl_lazy.nope
except AttributeError as e:
    print('AttributeError:', e)
try:
    from modimpl_lazy import nope
except ImportError as e:
    print('ImportError')
print(modimpl_lazy.__name__, modimpl_lazy._private)
