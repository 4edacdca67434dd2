data = {"a": 1, "b": [1, 2, 3]}
print(f"{data['a']} {data['b'][1:]} {len(data)}")
print(f'{"double inside single"}')
print(f"{'x' * 3}{'-' * 2}")
width = 6
precision = 2
print(f"{3.14159:{width}.{precision}f}|")
print(f"{'%d items' % 3}")
print(f"{ 1 + 1 }")
