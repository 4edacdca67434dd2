print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("a", "b"), "{{literal}} {}".format("x"))
print("{:>6}|{:<6}|{:^6}|".format("a", "b", "c"), "{0:08.3f}".format(3.14159), "{:,}".format(10 ** 9))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{0[0]} {0[2]} {1[1]}".format("abc", [7, 8]), "{:{}}|".format("z", 4))
print("{:{}.{}f}".format(3.14159, 8, 2), "{0:{1}}|".format("q", 3), "{:>{}}|{:<{}}|".format("a", 3, "b", 2))
print("{}".format(2 ** 80), "{:e}".format(2 ** 80), "{:x}".format(2 ** 80), "{:.3%}".format(1 / 3))
d = {"k": 42}
print("{0[k]}".format(d), "{:5}|{:<5}|".format(7, 7), "{:05}".format(-3), "{:+.2e}".format(12345.0))
