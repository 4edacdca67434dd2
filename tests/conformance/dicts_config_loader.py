# A config loader: defaults from a pair list, a site file parsed into pairs, overrides from a
# read-only mapping class and from keywords; numbers in any base; bad entries reported.

DEFAULTS = [("baud", "115200"), ("mode", "uart"), ("retries", "3"), ("mask", "0xff")]


class EnvMapping:
    """Looks like a mapping: keys() and [] only, as os.environ-style objects do."""

    def __init__(self, prefix, source):
        self.prefix = prefix
        self.source = source
        self.reads = 0

    def keys(self):
        return [k[len(self.prefix):] for k in self.source if k.startswith(self.prefix)]

    def __getitem__(self, key):
        self.reads += 1
        return self.source[self.prefix + key]


def parse_lines(text):
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield [part.strip() for part in line.split("=")]


def to_number(text):
    text = text.strip()
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if text.lower().startswith(prefix):
            return int(text, base)
    return int(text, 0) if text.startswith("0") and len(text) > 1 and text[1] in "xXoObB" else int(text)


def load(site_text, env, **overrides):
    config = dict(DEFAULTS)
    config.update(parse_lines(site_text))
    config.update(env)
    config.update(overrides)
    return config


site = """
# site settings
mode = spi
retries = 5   # the bus is noisy
pin=0b1011
"""
env = EnvMapping("VIPER_", {"VIPER_baud": "9600", "HOME": "/root", "VIPER_mask": "0o17"})
cfg = load(site, env, retries="7", verbose="1")
print(sorted(cfg.items()))
print("env reads:", env.reads)
numbers = {k: to_number(v) for k, v in cfg.items() if k != "mode"}
print(sorted(numbers.items()))

# a dict built from several kinds of pair sources
pairs = dict(["ab", ("c", 1), [2, "two"], b"xy", range(5, 7)])
print(pairs)
merged = dict(env, extra=True)
print(sorted(merged.items()))
print(dict(zip("abc", range(3)), b=10))
copy = {**env, "mode": "i2c"}
print(sorted(copy.items()))

# bad entries: CPython's messages, with the element's position
for bad in (["ab", "abc"], [("k", 1), 5], [("k", 1), ("x",)], [[1, 2, 3]]):
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
d = {"kept": 1}
try:
    d.update([("a", 1), ("b", 2), None])
except TypeError as e:
    print("TypeError:", e)
print(d)   # the pairs before the bad one are in


class Broken:
    def keys(self):
        return ["a", "missing"]

    def __getitem__(self, key):
        if key == "missing":
            raise KeyError(key)
        return 1


try:
    dict(Broken())
except KeyError as e:
    print("KeyError:", e)

# int() in other bases, as a parser of register values would call it
for text, base in (("ff", 16), ("  101 ", 2), ("z", 36), ("0x1F", 0), ("0o17", 0), ("0b11", 0), ("777", 8),
                   (b"42", 10), (bytearray(b"0x10"), 16), ("1_000", 0), ("-0x10", 16)):
    print(repr(text), base, int(text, base))
for text, base in (("12", 2), ("0x", 16), ("", 10), ("08", 0), ("1 2", 10), ("9", 37), (12, 10), (3.5, 10)):
    try:
        print(int(text, base))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
