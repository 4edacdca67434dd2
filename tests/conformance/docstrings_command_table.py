"""A tiny shell for a board: every command's help text is its handler's docstring."""
import functools

COMMANDS = {}


def command(name=None):
    """Register a handler under its name (or the one given)."""
    def register(fn):
        COMMANDS[name or fn.__name__] = fn
        return fn
    return register


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        print("  [log]", fn.__name__, args)
        return fn(*args)
    return wrapper


@command()
def led(state):
    """Switch the status LED: led on|off."""
    return "LED " + state


@command("temp")
@logged
def read_temperature():
    """Print the board temperature in Celsius.

    Reads the internal sensor twice and averages.
    """
    return 21.5


@command()
def reset():
    return "resetting"


@command("help")
def show_help(topic=None):
    """List the commands, or show one command's help."""
    if topic is not None:
        doc = COMMANDS[topic].__doc__
        return doc if doc is not None else "(no help for %s)" % topic
    lines = []
    for name in sorted(COMMANDS):
        doc = COMMANDS[name].__doc__
        summary = doc.splitlines()[0] if doc else "-"
        lines.append("%-6s %s" % (name, summary))
    return "\n".join(lines)


def run(line):
    name, *args = line.split()
    handler = COMMANDS.get(name)
    if handler is None:
        return "unknown command %r; try help" % name
    return handler(*args)


for line in ("help", "help temp", "help reset", "led on", "temp", "reset", "dance"):
    print(">", line)
    print(run(line))


class Sensor:
    """A sensor on the I2C bus."""

    kind = "generic"

    def read(self):
        """Return one sample."""
        return 0

    @property
    def address(self):
        """The 7-bit bus address."""
        return 0x48

    @staticmethod
    def scale(raw):
        "Convert a raw reading."
        return raw / 256


class Thermometer(Sensor):
    def read(self):
        return 42


class Hygrometer(Sensor):
    """Relative humidity."""


print(Sensor.__doc__, "|", Thermometer.__doc__, "|", Hygrometer.__doc__)
print(Sensor().__doc__, "|", Thermometer().__doc__, "|", Hygrometer().__doc__)
print(Sensor.read.__doc__, "|", Thermometer.read.__doc__, "|", Thermometer().read.__doc__)
print(Sensor.scale.__doc__)
print(__doc__)
print(command.__doc__, logged.__doc__, (lambda: 0).__doc__)
print(read_temperature.__name__, read_temperature.__wrapped__.__doc__ == read_temperature.__doc__)


def first_line_docs(namespace):
    """Summaries of everything documented in a namespace."""
    out = []
    for key, value in sorted(namespace.items()):
        doc = getattr(value, "__doc__", None)
        if callable(value) and isinstance(doc, str):
            out.append((key, doc.strip().splitlines()[0]))
    return out


for key, summary in first_line_docs(COMMANDS):
    print(key, "->", summary)

# a docstring is a string constant, not any expression statement
def not_doc():
    1
    "too late"


def f_string_doc():
    f"""not a docstring {1}"""


def doc_and_code(x):
    """Doubles x."""
    y = x * 2
    return y


print(not_doc.__doc__, f_string_doc.__doc__, doc_and_code.__doc__, doc_and_code(4))
print(doc_and_code.__code__.co_consts[0], not_doc.__code__.co_consts[0])
doc_and_code.__doc__ = "Replaced."
print(doc_and_code.__doc__)
