data = [("Alice", 30, 55000.5), ("Bob", 4, 1234.567), ("Christina", 101, -0.5)]
print("{:<10}{:>5}{:>12}".format("name", "age", "salary"))
print("-" * 27)
for name, age, salary in data:
    print("{:<10}{:>5d}{:>12,.2f}".format(name, age, salary))
total = sum([s for _, _, s in data])
print("{:<15}{:>12.3e}".format("total", total), "{:.1%}".format(data[1][2] / total))
print("|%8.3f|%-8d|%+08.2f|%x|" % (3.14159, 42, -2.5, 48879))
