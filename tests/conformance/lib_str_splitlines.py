print("a\nb\nc".splitlines(), "a\nb\n".splitlines(), "a\r\nb\rc".splitlines(), "".splitlines(), "\n".splitlines())
print("a\nb\n".splitlines(True), "x\r\n\ny".splitlines(keepends=True), "one".splitlines(), "a\x0cb\x1cc".splitlines())
