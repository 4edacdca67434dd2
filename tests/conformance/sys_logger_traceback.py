# A small logger for a data logger board: messages go through sys.stdout.write (or a file
# object given to print), failures are recorded with traceback.format_exc(), and the log is
# flushed by an atexit handler. Only the parts of a traceback that do not depend on where the
# file lives are printed (line numbers and function names).
import atexit
import errno
import io
import sys
import traceback


class Logger:
    LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")

    def __init__(self, stream, level="INFO"):
        self.stream = stream
        self.min = self.LEVELS.index(level)
        self.count = {name: 0 for name in self.LEVELS}

    def log(self, level, msg, *args):
        self.count[level] += 1
        if self.LEVELS.index(level) >= self.min:
            n = self.stream.write(f"[{level:5}] " + (msg % args if args else msg) + "\n")
            return n
        return 0

    def exception(self, msg):
        # what people write: the message, then the traceback of what is being handled
        self.log("ERROR", msg)
        for line in where(traceback.format_exc()):
            self.stream.write("        " + line + "\n")


def where(tb_text):
    """The frames of a formatted traceback without file names, and its last line."""
    out = []
    lines = tb_text.rstrip("\n").split("\n")
    for line in lines:
        if line.startswith("  File "):
            out.append(line.split('"')[2].lstrip(", "))
    out.append(lines[-1])
    return out


def read_sensor(channel):
    if channel > 3:
        raise ValueError(f"no channel {channel}")
    if channel == 3:
        raise OSError(errno.EIO, "sensor not answering")
    return 20 + channel * 1.5


def sample(channels):
    return [read_sensor(c) for c in channels]


def convert(raw):
    try:
        return int(raw)
    except ValueError as e:
        raise RuntimeError("bad reading") from e


log = Logger(sys.stdout, "INFO")
written = log.log("INFO", "starting, %d channels", 3)
print("wrote", written, "characters")
log.log("DEBUG", "not shown")

try:
    sample([0, 1, 5])
except ValueError:
    log.exception("sampling failed")

try:
    sample([2, 3])
except OSError as e:
    log.exception("sensor error")
    print("errno:", e.errno, errno.errorcode[e.errno], "strerror:", e.strerror)

try:
    convert("12x")
except RuntimeError:
    log.exception("conversion failed")

# sys.exc_info() inside and outside a handler
try:
    {}["missing"]
except KeyError:
    t, v, tb = sys.exc_info()
    print("exc_info:", t.__name__, repr(v), tb is not None)
print("outside:", sys.exc_info())

# format_exception of a caught exception, and only its last line
try:
    1 / 0
except ZeroDivisionError as e:
    caught = e
lines = traceback.format_exception(caught)
print("format_exception:", lines[0].strip(), "...", lines[-1].strip())
print("only:", traceback.format_exception_only(caught))
print("nothing handled:", repr(traceback.format_exc()))

# the same logger writing into memory, and print(file=...)
buf = io.StringIO()
mem = Logger(buf, "DEBUG")
mem.log("DEBUG", "into memory")
print("also via print", 42, sep=": ", file=buf)
print(buf.getvalue(), end="")
sys.stdout.write("direct write\n")
sys.stdout.flush()   # before writing under the text layer
print("buffer wrote", sys.stdout.buffer.write(b"raw bytes\n"), "bytes")
try:
    sys.stdout.buffer.write("text")
except TypeError as e:
    print("TypeError:", e)

# a traceback written to a file object by print_exc, then read back
def fail():
    raise LookupError("deep")


try:
    fail()
except LookupError:
    out = io.StringIO()
    traceback.print_exc(file=out)
print(where(out.getvalue()))

# limits: sys.tracebacklimit and the limit argument
def a(): b()
def b(): c()
def c(): raise ValueError("bottom")


for limit in (None, 2, -1):
    try:
        a()
    except ValueError:
        print("limit", limit, where(traceback.format_exc(limit=limit)))
sys.tracebacklimit = 1
try:
    a()
except ValueError:
    print("tracebacklimit 1:", where(traceback.format_exc()))
del sys.tracebacklimit


def flush_log(logger, suffix="."):
    total = sum(logger.count.values())
    sys.stdout.write(f"log closed: {total} messages{suffix}\n")


atexit.register(flush_log, log, suffix="!")
atexit.register(print, "atexit handlers run last registered first")
sys.stderr.write("warnings: none\n")
print("main done")


# print() to an object of one's own: one write() per argument, separator and end, as CPython
class CountingWriter:
    def __init__(self):
        self.calls = []

    def write(self, s):
        self.calls.append(s)
        return len(s)

    def flush(self):
        self.calls.append("<flush>")


w = CountingWriter()
print("a", 1, 2.5, sep="|", end="!\n", file=w, flush=True)
print(file=w)
print(w.calls)
