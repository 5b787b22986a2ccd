"""The random draws every part of the demo makes, on a stream it is given (never the global one)."""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect_right


class Weighted:
    """A fixed discrete distribution of (value, weight) pairs."""

    def __init__(self, pairs):
        self.values = [v for v, _ in pairs]
        total = 0.0
        self.cum = []
        for _, w in pairs:
            total += w
            self.cum.append(total)
        self.total = total

    def pick(self, rng: random.Random):
        return self.values[bisect_right(self.cum, rng.random() * self.total)]


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's product of uniforms; the normal approximation above 30)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit = math.exp(-lam)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def days(rng: random.Random, lo_hi: tuple[int, int]) -> dt.timedelta:
    """A whole number of days, uniform between the bounds (both included)."""
    return dt.timedelta(days=rng.randint(*lo_hi))
