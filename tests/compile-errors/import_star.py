# error: 2:1 'from ... import *' is not supported yet
from math import *
