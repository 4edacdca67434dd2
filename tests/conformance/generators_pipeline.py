def read(lines):
    for line in lines:
        yield line

def strip_comments(lines):
    for line in lines:
        if not line.startswith("#"):
            yield line

def numbers(lines):
    for line in lines:
        yield int(line)

data = ["1", "# skip", "2", "30"]
print(sum(numbers(strip_comments(read(data)))))
print(max(x * 2 for x in numbers(strip_comments(data))))
print(list(zip(range(3), (c for c in "xyz"))) if False else [p for p in ((i, c) for i, c in enumerate("xyz"))])
