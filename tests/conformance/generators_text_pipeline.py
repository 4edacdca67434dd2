# Generators chained into a text pipeline: split, filter, number, window.
text = """alpha beta
# a comment
gamma

delta epsilon zeta"""

def lines(t):
    for line in t.split("\n"):
        yield line.strip()

def meaningful(ls):
    for line in ls:
        if line and not line.startswith("#"):
            yield line

def words(ls):
    for line in ls:
        yield from line.split()

def windows(it, n):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == n:
            yield tuple(buf)
            buf.pop(0)

print(list(enumerate(words(meaningful(lines(text))), 1)))
print(list(windows(words(meaningful(lines(text))), 3)))
print(sum(len(w) for w in words(meaningful(lines(text)))))
