def parse(s):
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return None

print(parse("3"), parse("2.5"), parse("x"))

try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise IndexError("from handler")
except IndexError as e:
    print("outer got", e)
