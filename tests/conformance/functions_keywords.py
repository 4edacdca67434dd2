def describe(name, age, city="nowhere"):
    print(name, age, city)

describe("Bo", 3)
describe(age=4, name="Cy")
describe("Di", city="Rome", age=50)
describe(city="Oslo", age=1, name="Ed")

def area(width, height):
    return width * height

print(area(height=2, width=7))
print(area(3, height=4))
