# A command dispatcher: handlers take keyword options, supplied by a custom mapping that
# falls back to defaults; output goes through print(file=...) into a capturing stream.
import io


class Options:
    """Keyword options from a layered lookup: explicit values, then defaults."""

    def __init__(self, defaults, **given):
        self.defaults = defaults
        self.given = given

    def keys(self):
        seen = list(self.given)
        return seen + [k for k in self.defaults if k not in self.given]

    def __getitem__(self, key):
        if key in self.given:
            return self.given[key]
        return self.defaults[key]


class Capture(io.IOBase):
    def __init__(self):
        self.chunks = []

    def write(self, text):
        self.chunks.append(text)
        return len(text)

    def text(self):
        return "".join(self.chunks)


log = Capture()


def blink(pin, times=1, delay=100):
    print("blink", pin, "x%d" % times, "every", delay, "ms", file=log)
    return times * delay


def read(pin, samples=4, **extra):
    print("read", pin, samples, sorted(extra.items()), sep="|", file=log)
    return samples


def report(*names, sep=", ", end=".\n"):
    print(*names, sep=sep, end=end, file=log)


HANDLERS = {"blink": blink, "read": read, "report": report}
DEFAULTS = {"blink": {"times": 2, "delay": 250}, "read": {"samples": 8}, "report": {}}


def dispatch(name, *args, **given):
    handler = HANDLERS[name]
    return handler(*args, **Options(DEFAULTS[name], **given))


print(dispatch("blink", 13))
print(dispatch("blink", 13, delay=50))
print(dispatch("read", 4, gain=2, avg=True))
dispatch("report", "a", "b", "c")
dispatch("report", "x", sep="-", end="!\n")
print(log.text(), end="")
print(len(log.chunks), "writes")

# unpacking a mapping into a call and a display
opts = Options({"delay": 10}, times=3)
print(sorted({**opts, "pin": 2}.items()))
print(blink(5, **opts))


def strict(*, a, b):
    return a + b


class Keys:
    def __init__(self, items):
        self.items = items

    def keys(self):
        return [k for k, _ in self.items]

    def __getitem__(self, key):
        return dict(self.items)[key]


print(strict(**Keys([("a", 1), ("b", 2)])))
for bad in (Keys([("a", 1), (3, 2)]), Keys([("a", 1), ("c", 2)])):
    try:
        strict(**bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    strict(**[("a", 1)])
except TypeError as e:
    print("TypeError:", "must be a mapping, not list" in str(e))
try:
    {**[1, 2]}
except TypeError as e:
    print("TypeError:", e)

# print(file=) to StringIO and to an object without write
buf = io.StringIO()
print("total", sum(c.count("x") for c in log.chunks), file=buf)
print(buf.getvalue().strip())
try:
    print("lost", file=object())
except AttributeError as e:
    print("AttributeError:", e)
print("to stdout", file=None)
