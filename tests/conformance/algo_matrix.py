# Matrices as lists of lists: multiply, transpose, identity, determinant by expansion.
def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def det(m):
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** c * m[0][c] * det([row[:c] + row[c + 1:] for row in m[1:]]) for c in range(len(m)))

a = [[1, 2, 3], [4, 5, 6], [7, 8, 10]]
print(matmul(a, identity(3)) == a)
print(matmul(a, a))
print([list(r) for r in zip(*a)])
print(det(a), det(identity(4)), det([[2, 0], [0, 0.5]]))
