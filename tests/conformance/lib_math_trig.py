import math
for x in [0.0, 0.5, 1.0, -1.0, math.pi / 6, math.pi / 4]:
    print(round(math.sin(x), 12), round(math.cos(x), 12), round(math.tan(x), 12), round(math.atan(x), 12))
print(math.asin(1), math.acos(1), math.atan2(1, 1), math.atan2(-1, -1), math.degrees(math.pi), math.radians(180))
print(round(math.sinh(1), 12), round(math.cosh(1), 12), round(math.tanh(0.5), 12), math.atan2(0.0, -1.0), math.atan2(-0.0, -1.0))
