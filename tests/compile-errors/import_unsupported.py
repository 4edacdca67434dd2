# error: 2:1 'import' is not supported yet
import mymodule
