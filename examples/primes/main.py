# The sieve of Eratosthenes: cross out the multiples of each prime.
LIMIT = 50
is_prime = [True] * (LIMIT + 1)
is_prime[0] = False
is_prime[1] = False
n = 2
while n * n <= LIMIT:
    if is_prime[n]:
        m = n * n
        while m <= LIMIT:
            is_prime[m] = False
            m = m + n
    n = n + 1

primes = []
for i in range(LIMIT + 1):
    if is_prime[i]:
        primes.append(i)
print("primes up to", LIMIT, ":", primes)
print("there are", len(primes))
