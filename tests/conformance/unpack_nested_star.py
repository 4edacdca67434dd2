(a, *b), c = [1, 2, 3], 4
print(a, b, c)
for x, *rest in ["abc", "de", "f"]:
    print(x, rest)
first, second, *_ = "hello"
print(first, second)
head, *body, tail = [1]  if False else [1, 2]
print(head, body, tail)
d = {"x": 1, "y": 2}
(k1, v1), (k2, v2) = d.items()
print(k1, v1, k2, v2)
