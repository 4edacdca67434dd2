class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(3)))
for i in Countdown(2):
    print("tick", i)

class Deck:
    def __init__(self):
        self.cards = ["A", "K", "Q"]
    def __iter__(self):
        return iter(self.cards)

print(list(Deck()), "K" in Deck(), len(list(Deck())))
a, b, c = Deck()
print(a, b, c)
