# A conversion table: Celsius to Fahrenheit, with a function and a loop.
def to_fahrenheit(celsius):
    return celsius * 9 // 5 + 32


for c in range(-10, 41, 10):
    print(c, "C =", to_fahrenheit(c), "F")
