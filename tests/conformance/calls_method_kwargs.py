class Greeter:
    def __init__(self, greeting="Hello", *, punct="!"):
        self.greeting = greeting
        self.punct = punct

    def greet(self, *names, sep=" and ", **extra):
        text = self.greeting + " " + sep.join(names) + self.punct
        for k in sorted(extra):
            text += " " + k + "=" + str(extra[k])
        return text

g = Greeter(punct="?")
print(g.greet("Ann", "Bo"))
print(g.greet("Cy", sep=", ", mood="happy", n=2))
print(Greeter("Hi").greet(*["x", "y", "z"], sep="/"))
m = g.greet
print(m("solo", **{"k": 1}))
