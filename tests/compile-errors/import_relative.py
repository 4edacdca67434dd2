# error: 2:1 relative imports and packages are not supported yet
from . import sibling
