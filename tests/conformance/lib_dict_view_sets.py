a = {"x": 1, "y": 2, "z": 3}
b = {"y": 0, "z": 0, "w": 0}
print(sorted(a.keys() & b.keys()), sorted(a.keys() | b.keys()), sorted(a.keys() - b.keys()), sorted(a.keys() ^ b.keys()))
n = {1: "a", 2: "b", 3: "c"}
print(n.keys() & {2, 3, 4}, n.keys() - [1], n.keys() | {9}, n.keys() == {1, 2, 3}, n.keys() == {1, 2}, {3, 2, 1} == n.keys())
print(sorted(n.items() & {(1, "a"), (2, "x")}), type(n.keys() & {1}).__name__)
