# Recursive programs as people write them on the desktop: a parser for nested lists, a memoized
# count of paths, a linked list walked recursively; each goes several hundred calls deep.
import sys
from functools import lru_cache


def parse(text, i=0):
    """Parses "[1,[2,3],[]]" into lists, one recursive call per bracket."""
    items = []
    assert text[i] == "["
    i += 1
    while text[i] != "]":
        if text[i] == "[":
            sub, i = parse(text, i)
            items.append(sub)
        elif text[i] == ",":
            i += 1
        else:
            j = i
            while text[j].isdigit():
                j += 1
            items.append(int(text[i:j]))
            i = j
    return items, i + 1


def depth(x):
    return 1 + max((depth(e) for e in x if isinstance(e, list)), default=0)


nested = "[" * 300 + "7" + "]" * 300
tree, _ = parse(nested)
print("depth", depth(tree))
print(parse("[1,[2,3],[],[[4]]]")[0])


@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


print("paths", paths(40, 40) % 1_000_000_007)


class Node:
    def __init__(self, value, rest=None):
        self.value, self.rest = value, rest

    def total(self):
        return self.value + (self.rest.total() if self.rest else 0)


chain = None
for v in range(900):
    chain = Node(v, chain)
print("total", chain.total())


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, "caught; still running:", paths(3, 3), "limit", sys.getrecursionlimit())
