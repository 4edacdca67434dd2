# An RLock lets its owner take it again (recursive code, methods calling methods); other
# threads wait until it has been released as often as acquired.
import threading


class Account:
    # the accounts of one bank share its RLock: a transfer holds it once and takes it again
    # in withdraw, deposit and log (two locks taken in opposite orders could deadlock)
    def __init__(self, balance, lock):
        self.lock = lock
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
            self.log('deposit', amount)

    def withdraw(self, amount):
        with self.lock:
            if amount > self.balance:
                raise ValueError('insufficient funds: %d > %d' % (amount, self.balance))
            self.balance -= amount
            self.log('withdraw', amount)

    def transfer_to(self, other, amount):
        with self.lock:
            self.withdraw(amount)
            other.deposit(amount)

    def log(self, what, amount):
        with self.lock:
            self.history.append((what, amount))


def count_down(lock, n, seen):
    with lock:
        seen.append(n)
        if n > 0:
            count_down(lock, n - 1, seen)


lock = threading.RLock()
seen = []
count_down(lock, 10, seen)
print(seen)
print('owned after:', lock._is_owned())
print(lock.acquire(), lock.acquire(), lock.acquire(blocking=False), lock._is_owned())
lock.release()
lock.release()
lock.release()
print('released three times:', lock._is_owned())

bank = threading.RLock()
a = Account(1000, bank)
b = Account(0, bank)


def mover(n):
    for _ in range(n):
        a.transfer_to(b, 3)
        b.transfer_to(a, 1)


ts = [threading.Thread(target=mover, args=(20,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('balances:', a.balance, b.balance, a.balance + b.balance)
print('history lengths:', len(a.history), len(b.history))
try:
    b.withdraw(10 ** 6)
except ValueError as e:
    print('ValueError:', e)

# another thread cannot take it while it is held, even recursively
held = threading.RLock()
held.acquire()
held.acquire()
result = []
t = threading.Thread(target=lambda: result.append(held.acquire(timeout=0.05)))
t.start()
t.join()
print('other thread while held:', result)
held.release()
held.release()
t = threading.Thread(target=lambda: result.append(held.acquire(blocking=False)))
t.start()
t.join()
print('other thread once free:', result)

# release from a thread that does not own it
try:
    held.release()
except RuntimeError as e:
    print('RuntimeError:', e)
fresh = threading.RLock()
try:
    fresh.release()
except RuntimeError as e:
    print('RuntimeError:', e)

# a plain Lock is not reentrant: a second acquire fails while it is held
plain = threading.Lock()
print(plain.acquire(), plain.acquire(False), plain.acquire(timeout=0.02), plain.locked())
plain.release()
print(plain.locked())
try:
    plain.release()
except RuntimeError as e:
    print('RuntimeError:', e)
