class Node:
    def __init__(self, depth):
        self.depth = depth
        self.child = Node(depth - 1) if depth > 0 else None

    def __len__(self):
        return 1 + (len(self.child) if self.child else 0)

    def __repr__(self):
        return "N" + str(self.depth) + ("(" + repr(self.child) + ")" if self.child else "")

    def __eq__(self, other):
        return isinstance(other, Node) and self.depth == other.depth and self.child == other.child

    def __iter__(self):
        node = self
        while node:
            yield node.depth
            node = node.child

tree = Node(12)
print(len(tree), repr(Node(4)), str(Node(2)))
print(Node(10) == Node(10), Node(3) in [Node(1), Node(3)], 7 in tree, sum(tree))

class Outer:
    class Middle:
        class Inner:
            class Deepest:
                value = "deep"
print(Outer.Middle.Inner.Deepest.value)
