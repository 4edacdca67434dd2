squares = {n: n * n for n in range(6)}
print(squares, {k: v for k, v in squares.items() if v % 2}, sorted(squares.values(), reverse=True))
inv = {v: k for k, v in squares.items()}
print(inv, list(inv.keys())[:3], dict(sorted(inv.items(), key=lambda kv: -kv[1])))
print(["{}={}".format(k, v) for k, v in squares.items()], "; ".join(["%s:%d" % (k, v) for k, v in squares.items()]))
