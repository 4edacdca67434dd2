class Animal:
    sound = "..."
    def speak(self):
        return type(self).__name__ + " says " + self.sound

class Dog(Animal):
    sound = "woof"

class Cat(Animal):
    sound = "meow"
    def speak(self):
        return super().speak().upper()

for a in [Animal(), Dog(), Cat()]:
    print(a.speak())
