x = 2 ** 62
print(type(x), type(x * x), isinstance(x * x, int), x * x // x == x)
y = -4611686018427387904
print(y, -y, y - 1, y * -1, abs(y), y // -1)
z = 9223372036854775807
print(z * z, z + z, z << 1, -z - z, z * -z)
