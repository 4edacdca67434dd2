# A text display that draws each reading as a bar, like a tiny dashboard.
# The class keeps the display's range and width together with the code
# that uses them; main.py makes one and calls show() for each reading.


class BarDisplay:
    def __init__(self, low, high, width):
        self.low = low
        self.high = high
        self.width = width
        self.shown = 0          # how many readings it has shown so far

    def bar(self, value):
        # The part of the range the value reaches, kept between the ends.
        fraction = (value - self.low) / (self.high - self.low)
        fraction = min(max(fraction, 0.0), 1.0)
        filled = round(fraction * self.width)
        return "#" * filled + "." * (self.width - filled)

    def show(self, label, value, unit, note=""):
        self.shown += 1
        line = f"{label:<6} [{self.bar(value)}] {value:5.1f} {unit}"
        if note:
            line += "  " + note
        print(line)
