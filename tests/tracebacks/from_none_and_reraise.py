# 'from None' hides the context; a bare raise keeps the exception's own traceback; a handled
# exception that ended normally is not the context of a later one.
class ConfigError(Exception):
    def __str__(self):
        return "config: " + self.args[0]


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise ConfigError("no " + key) from None


def retry():
    try:
        lookup({}, "port")
    except ConfigError:
        print("first attempt failed")
        raise


try:
    int("nope")
except ValueError:
    print("ignored")
try:
    retry()
except ConfigError as e:
    print(e, e.__cause__, e.__suppress_context__)
try:
    {}["x"]
except KeyError:
    pass
lookup({"a": 1}, "a")
retry()
