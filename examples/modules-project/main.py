# A program in three files, each with one job:
#   settings.py  the values to change: the names, the range, the limit
#   display.py   the BarDisplay class, which draws readings
#   main.py      this file: it puts them together
# Open the other tabs to read them.
import settings                  # the whole module: settings.STATION, settings.UNIT...
from display import BarDisplay   # just the class

# A day of temperatures, as a sensor in the greenhouse might give them.
readings = [
    ("06:00", 12.5),
    ("09:00", 18.0),
    ("12:00", 27.5),
    ("15:00", 33.0),
    ("18:00", 24.0),
    ("21:00", 16.5),
]

screen = BarDisplay(settings.LOW, settings.HIGH, settings.BAR_WIDTH)

print(settings.STATION)
for time_of_day, temperature in readings:
    note = "too hot!" if temperature > settings.TOO_HOT else ""
    screen.show(time_of_day, temperature, settings.UNIT, note)

highest = max(temperature for _, temperature in readings)
print(f"{screen.shown} readings, the highest {highest} {settings.UNIT}")
