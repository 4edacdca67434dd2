# Lists hold many values in order.
readings = [21, 23, 19, 25, 22]
readings.append(24)
print("readings:", readings)
print("how many:", len(readings))

total = 0
highest = readings[0]
for r in readings:
    total = total + r
    if r > highest:
        highest = r
print("total:", total)
print("highest:", highest)
print("first two:", readings[0], readings[1])
print("last:", readings[-1])
