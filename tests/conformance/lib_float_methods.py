for v in [0.0, 1.0, 2.5, -3.0, 0.1, 1e300, -0.5, 1e-310]:
    print(v, v.is_integer(), v.as_integer_ratio(), v.hex(), v.conjugate())
print(float("inf").is_integer(), float("nan").is_integer(), (-0.0).hex(), float("inf").hex())
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print("OverflowError:", e)
