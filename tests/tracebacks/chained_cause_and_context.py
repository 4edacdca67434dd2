class AppError(Exception):
    pass

def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise AppError("bad number: " + text) from e

def load():
    try:
        {}["missing"]
    except KeyError:
        parse("x1")

try:
    parse("zz")
except AppError as e:
    print(type(e.__cause__).__name__, e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("inner")
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise KeyError("k")
    except KeyError:
        raise TypeError("t") from None
except TypeError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
e = ValueError("plain")
print(e.__cause__, e.__context__, e.__suppress_context__)
load()
