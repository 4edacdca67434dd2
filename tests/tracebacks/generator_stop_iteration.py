# PEP 479: a StopIteration escaping a generator is the cause of a RuntimeError; both
# tracebacks are shown, the StopIteration's starting in the generator's frame.
def first_words(lines):
    it = iter(lines)
    while True:
        line = next(it)
        yield line.split()[0]


def summary(lines):
    return ', '.join(first_words(lines))


print(summary(['alpha beta']))
