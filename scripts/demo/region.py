"""A region of synthetic councils: each council's volumes and practice, drawn from its code.

The demo authority (336) is calibrated to the September 2016 framework (params.py). A region's
other councils are the same simulation with their own seed, their own volume (the scale is the
ratio of their 0-17 population to the demo authority's, from seeds/reference/population.csv)
and their own practice: each knob of KNOBS is multiplied, over the whole history, by a factor
drawn from the council's code (random.Random(la_code), so the same code always gives the same
council). The demo authority's factors are all 1, so in a region it is the single demo's
authority, record for record.

A factor above 1 on a share of late work makes the council slower; on a rate of referrals per
child, busier. The ranges are wide enough that councils' rates and timeliness differ visibly
from one another (the benchmarking page ranks them), and the probabilities stay within (0, 1).
"""

from __future__ import annotations

import random

from . import params as P
from .params import Curve

DEMO_AUTHORITY = "336"

# knob of params.py -> (lowest factor, highest factor). Rates of work per child first, then the
# shares of work done late (or on time), then the lengths of journeys.
KNOBS: dict[str, tuple[float, float]] = {
    "REFERRALS_PER_MONTH": (0.70, 1.30),
    "P_REREFERRAL": (0.65, 1.25),
    "P_S47": (0.75, 1.30),
    "P_ICPC": (0.75, 1.25),
    "P_LAC_FROM_REFERRAL": (0.60, 1.40),
    "P_CHILD_SEEN_ASSESSMENT": (0.85, 1.15),
    "P_ICPC_TIMELY": (0.80, 1.02),
    "P_CP_VISIT_LATE": (0.40, 2.00),
    "P_REVIEW_LATE": (0.40, 2.50),
    "P_LAC_VISIT_LATE": (0.50, 1.60),
    "ADOPT_DAYS_TO_PLACEMENT_MEDIAN": (0.75, 1.35),
}
# a share stays strictly between these
LOWEST_SHARE = 0.001
HIGHEST_SHARE = 0.995
# knobs that are counts or days, not shares (not capped at HIGHEST_SHARE)
UNBOUNDED = {"REFERRALS_PER_MONTH", "ADOPT_DAYS_TO_PLACEMENT_MEDIAN"}


def council_factors(la_code: str) -> dict[str, float]:
    """The factor of each knob for a council; all 1 for the demo authority."""
    if la_code == DEMO_AUTHORITY:
        return {knob: 1.0 for knob in KNOBS}
    rng = random.Random(f"council:{la_code}")
    return {knob: round(rng.uniform(low, high), 3) for knob, (low, high) in KNOBS.items()}


def _scaled(value: float, factor: float, bounded: bool) -> float:
    scaled = value * factor
    if bounded:
        return min(HIGHEST_SHARE, max(LOWEST_SHARE, scaled))
    return scaled


def scaled_curve(curve: Curve, factor: float, bounded: bool) -> Curve:
    """The curve with every knot's value multiplied by factor (a share kept within (0, 1))."""
    scaled = Curve.__new__(Curve)
    scaled.knots = [(month, _scaled(value, factor, bounded)) for month, value in curve.knots]
    scaled._cache = {}
    return scaled


def apply_council(la_code: str) -> dict[str, float]:
    """Set params.py's knobs to the council's practice (for this process); returns the factors.

    Called once, before the simulation, by scripts/generate_demo.py --vary-by-council."""
    factors = council_factors(la_code)
    for knob, factor in factors.items():
        if factor != 1.0:
            setattr(P, knob, scaled_curve(getattr(P, knob), factor, knob not in UNBOUNDED))
    return factors
