tests = [
    lambda: [1, 2][5],
    lambda: {"a": 1}.get("b") + 1,
    lambda: 1 / 0,
    lambda: int("x"),
    lambda: undefined_name,
    lambda: "a" + 1,
    lambda: len(5),
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ if False else "caught", e)
