# random for Viper: xoshiro128++ on 32-bit words (fast in small ints on a board), seeded by
# splitmix32. Deterministic for a given seed; not CPython's sequence.

import math as _math
import time as _time

_M = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & _M


class Random:
    def __init__(self, x=None):
        self.seed(x)

    def seed(self, a=None, version=2):
        if a is None:
            a = _time.time_ns() ^ _time.ticks_ms()
        elif isinstance(a, float):
            a = hash(a)
        elif isinstance(a, (str, bytes, bytearray)):
            n = 0
            for ch in (a.encode() if isinstance(a, str) else a):
                n = (n * 131 + ch) & 0xFFFFFFFFFFFF
            a = n
        elif not isinstance(a, int):
            raise TypeError('The only supported seed types are: None,\nint, float, str, bytes, and bytearray.')
        if a < 0:
            a = -a
        # splitmix32 over the seed's 32-bit words gives four state words, never all zero
        z = 0
        while True:
            z = (z ^ (a & _M)) & _M
            a >>= 32
            if not a:
                break
        s = []
        for _ in range(4):
            z = (z + 0x9E3779B9) & _M
            t = z
            t = ((t ^ (t >> 16)) * 0x85EBCA6B) & _M
            t = ((t ^ (t >> 13)) * 0xC2B2AE35) & _M
            s.append(t ^ (t >> 16))
        self._s = s
        self._gauss_next = None

    def getstate(self):
        return (tuple(self._s), self._gauss_next)

    def setstate(self, state):
        self._s = list(state[0])
        self._gauss_next = state[1]

    def _next32(self):
        s = self._s
        result = (_rotl((s[0] + s[3]) & _M, 7) + s[0]) & _M
        t = (s[1] << 9) & _M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        n = 0
        got = 0
        while got < k:
            n = (n << 32) | self._next32()
            got += 32
        return n >> (got - k)

    def random(self):
        # 53 random bits, as a float in [0, 1)
        return ((self._next32() >> 5) * 67108864 + (self._next32() >> 6)) / 9007199254740992

    def _randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=1):
        if not isinstance(start, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(start).__name__)
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if start > 0:
                return self._randbelow(start)
            raise ValueError('empty range for randrange()')
        if not isinstance(stop, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(stop).__name__)
        width = stop - start
        if step == 1:
            if width > 0:
                return start + self._randbelow(width)
            raise ValueError('empty range for randrange() (%d, %d, %d)' % (start, stop, width))
        if step == 0:
            raise ValueError('zero step for randrange()')
        n = (width + step - 1) // step if step > 0 else (width + step + 1) // step
        if n <= 0:
            raise ValueError('empty range for randrange()')
        return start + step * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if isinstance(population, (set, frozenset)):
            raise TypeError('Population must be a sequence.  For dicts or sets, use sorted(d).')
        pool = list(population)
        if counts is not None:
            pool = [x for x, c in zip(pool, counts) for _ in range(c)]
        n = len(pool)
        if not 0 <= k <= n:
            raise ValueError('Sample larger than population or is negative')
        result = []
        for i in range(k):
            j = self._randbelow(n - i)
            result.append(pool[j])
            pool[j] = pool[n - i - 1]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        if cum_weights is None:
            if weights is None:
                return [population[int(self.random() * n)] for _ in range(k)]
            cum_weights = []
            total = 0
            for w in weights:
                total += w
                cum_weights.append(total)
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        result = []
        for _ in range(k):
            x = self.random() * total
            lo, hi = 0, n - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if x < cum_weights[mid]:
                    hi = mid
                else:
                    lo = mid + 1
            result.append(population[lo])
        return result

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = self.random()
        c = 0.5 if mode is None else (mode - low) / (high - low)
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * (u * c) ** 0.5

    def gauss(self, mu=0.0, sigma=1.0):
        # Box-Muller, keeping the second value for the next call
        z = self._gauss_next
        self._gauss_next = None
        if z is None:

            x2pi = self.random() * 6.283185307179586
            g2rad = _math.sqrt(-2.0 * _math.log(1.0 - self.random()))
            z = _math.cos(x2pi) * g2rad
            self._gauss_next = _math.sin(x2pi) * g2rad
        return mu + z * sigma

    def normalvariate(self, mu=0.0, sigma=1.0):
        return self.gauss(mu, sigma)

    def expovariate(self, lambd=1.0):

        return -_math.log(1.0 - self.random()) / lambd


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
gauss = _inst.gauss
normalvariate = _inst.normalvariate
expovariate = _inst.expovariate
getrandbits = _inst.getrandbits
getstate = _inst.getstate
setstate = _inst.setstate
