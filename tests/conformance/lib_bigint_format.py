n = 2 ** 100 + 12345
print("{:,}".format(n), "{:_}".format(n), "{:x}".format(n), "{:#o}".format(n), "{:b}".format(2 ** 70), "{:>40}".format(n))
print("{:e}".format(n), "{:.3g}".format(n), "{:f}".format(2 ** 60), "%d" % n, "%x" % -n, "%40d|" % n, "{:+d}".format(n))
print(format(-n, "050,"), format(n, "^45"), str(-n), repr(n), ascii(n), len(str(3 ** 1000)))
