# A small class hierarchy with validation errors, class counters and __repr__.
class InsufficientFunds(Exception):
    def __init__(self, needed):
        super().__init__(f"needs {needed} more")
        self.needed = needed

class Account:
    opened = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.opened += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        return self

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount - self.balance)
        self.balance -= amount
        return self

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self.balance})"

class Savings(Account):
    rate = 0.02

    def add_interest(self):
        self.balance = round(self.balance * (1 + self.rate), 2)
        return self

a = Account("ann").deposit(50).withdraw(20)
s = Savings("bob", 1000).add_interest()
print(a, s, Account.opened)
for action in (lambda: a.withdraw(100), lambda: a.deposit(-5)):
    try:
        action()
    except InsufficientFunds as e:
        print("refused:", e, e.needed)
    except ValueError as e:
        print("bad:", e)
print(isinstance(s, Account), Savings.__mro__[1].__name__)
