# A dice game simulation with a seeded generator: the same seed gives the same game, and every
# result stays in range. (Viper's sequence differs from CPython's, so only properties print.)
import random


def play(seed, rounds=50):
    rng = random.Random(seed)
    score = 0
    rolls = []
    for _ in range(rounds):
        a, b = rng.randint(1, 6), rng.randint(1, 6)
        rolls.append(a + b)
        score += a * b if a == b else a + b
    return score, rolls


s1, r1 = play(2024)
s2, r2 = play(2024)
s3, r3 = play(7)
print('same seed, same game:', s1 == s2 and r1 == r2, 'another seed differs:', r1 != r3)
print('sums in 2..12:', min(r1 + r3) >= 2 and max(r1 + r3) <= 12, 'distinct sums:', len(set(r1 + r3)) > 6)

random.seed(99)
first = [random.random() for _ in range(4)]
random.seed(99)
print('module seed repeats:', first == [random.random() for _ in range(4)])
print('in [0, 1):', all(0.0 <= x < 1.0 for x in first))

deck = [rank + suit for suit in 'SHDC' for rank in 'A23456789TJQK']
rng = random.Random('cards')
hand = rng.sample(deck, 5)
print('hand of 5 distinct cards:', len(set(hand)) == 5 and all(c in deck for c in hand))
shuffled = deck[:]
rng.shuffle(shuffled)
print('shuffle keeps the cards:', sorted(shuffled) == sorted(deck), shuffled != deck)
print('choice from deck:', rng.choice(deck) in deck)
weighted = rng.choices(['win', 'lose'], weights=[0, 5], k=6)
print(weighted)
counts = {}
for pick in rng.choices('abc', cum_weights=[1, 2, 3], k=300):
    counts[pick] = counts.get(pick, 0) + 1
print(sorted(counts), all(50 < n < 150 for n in counts.values()))
steps = [rng.randrange(0, 100, 10) for _ in range(40)]
print('steps of ten:', all(s % 10 == 0 and 0 <= s < 100 for s in steps))
heights = [rng.gauss(170, 8) for _ in range(300)]
mean = sum(heights) / len(heights)
print('gauss mean near 170:', 167 < mean < 173)
print('uniform in range:', all(1.5 <= rng.uniform(1.5, 2.5) <= 2.5 for _ in range(50)))
print('bits:', all(0 <= rng.getrandbits(12) < 4096 for _ in range(50)))
state = rng.getstate()
a = [rng.random() for _ in range(3)]
rng.setstate(state)
print('state restores:', a == [rng.random() for _ in range(3)])
for bad in (lambda: rng.randrange(3, 3), lambda: rng.choice([]), lambda: rng.sample([1, 2], 3)):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ':', e)
