# Settings: every value you might want to change, in one place.
# main.py reads them as settings.NAME: change a number here and the whole
# program follows.

STATION = "Greenhouse"
UNIT = "°C"

LOW = 0.0          # the value at the left end of a bar
HIGH = 40.0        # the value at the right end
BAR_WIDTH = 20     # characters for the whole range

TOO_HOT = 30.0     # readings above this get a warning
