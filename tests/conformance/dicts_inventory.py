# Dict-heavy bookkeeping: nested dicts, get/setdefault, sorting by values, comprehension filters.
orders = [("apple", 3), ("pear", 1), ("apple", 2), ("fig", 7), ("pear", 4), ("kiwi", 0)]
stock = {}
for item, qty in orders:
    stock[item] = stock.get(item, 0) + qty
print(stock)
by_count = sorted(stock.items(), key=lambda kv: (-kv[1], kv[0]))
print(by_count)
groups = {}
for item, qty in orders:
    groups.setdefault(qty % 2 == 0 and "even" or "odd", []).append(item)
print(groups)
print({k: v for k, v in stock.items() if v > 3})
print(sorted(stock.keys() - {"fig"}), stock.keys() & {"fig", "plum"})
nested = {"a": {"x": 1}, "b": {"y": 2, "z": 3}}
print(sum(len(v) for v in nested.values()), [k + "." + kk for k, v in nested.items() for kk in v])
