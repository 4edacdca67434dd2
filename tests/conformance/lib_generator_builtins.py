print(sum([x * x for x in range(10)]), max([len(w) for w in ["a", "bbb", "cc"]]), min([x % 5 for x in range(3, 9)]))
print(any([x > 5 for x in range(7)]), all([x < 5 for x in range(7)]), sorted([x for x in [3, 1, 2]], reverse=True))
print(list(zip([x for x in "abc"], range(3))), dict([(k, k * 2) for k in "xy"]), set([x // 2 for x in range(6)]))
print(tuple(enumerate([x for x in "pq"])), list(map(lambda p: p[0] + p[1], zip([1, 2], [10, 20]))), "-".join([str(i) for i in range(4)]))
