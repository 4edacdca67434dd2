# error: 2:8 importing from packages (dotted module names) is not supported yet
import os.path
