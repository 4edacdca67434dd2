# Dict-heavy word counting over generated text.
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
counts = {}
seed = 12345
for i in range(1500000):
    seed = (seed * 1103515245 + 12345) % 2147483648
    w = words[seed % 10]
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
for w in words:
    print(w, counts[w])
