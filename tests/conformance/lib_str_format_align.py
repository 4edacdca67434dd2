rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("watermelon", 1, 12.0)]
for name, qty, price in rows:
    print("{:<12}|{:>4}|{:>8.2f}|{:^7}|".format(name, qty, price, qty * price))
print("%-12s|%4d|%8.2f|" % rows[0])
print("{0:-^30}".format(" report "), "{:=^9}".format("x"), "{:>+8.3f}".format(2.5), "{:<08}".format(3))
