class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, pos):
        return self.cells.get(pos, ".")
    def __setitem__(self, pos, value):
        self.cells[pos] = value
    def __delitem__(self, pos):
        del self.cells[pos]
    def __contains__(self, pos):
        return pos in self.cells
    def __len__(self):
        return len(self.cells)

g = Grid(3, 2)
g[0, 1] = "#"
g[2, 0] = "@"
print(g[0, 1], g[1, 1], len(g), (2, 0) in g, (1, 1) in g)
del g[0, 1]
print(len(g), (0, 1) in g)
for y in range(g.h):
    row = ""
    for x in range(g.w):
        row += g[x, y]
    print(row)
