"""The demo authority's MARAC records (issue 12): referrals of adult victims of domestic abuse to
the multi-agency risk assessment conference.

Run as one of simulate.py's SECTION_PROCESSES, after the CareFirst processes: it reads nothing of
the other extracts (MARAC's victims are adults with MARAC's own identifiers, MV + six digits,
never CareFirst ids) and writes `marac_referrals` (referral_id MRF + six digits, in date order).
Every draw comes from a stream of its own (Simulator.stream("marac", ...)) keyed by months and
sequence numbers, never by an identifier.

Referrals run from MARAC_FROM (April 2012, a year before the other issue 12 extracts: MARAC's
database has that history, so that 2013/14's repeats are not short of earlier referrals) to the
extraction date, on working days. Each financial year's total (REFERRALS) and its repeats
(REPEATS) are spread over its months by MONTH_WEIGHT (largest remainders), 2016/17's first
quarter as the document's 156 and 46 (QUARTER_TARGETS), the months after at LATEST_PER_MONTH
with LATEST_REPEAT_SHARE. In each month the repeat slots (chosen at random among the month's
referrals) go to victims whose latest referral is within the 12 months before (a repeat: the
same victim's latest earlier referral, this one on or before add_months(that date, 12)) and at
least MIN_GAP_DAYS earlier, more likely the more recent (RECENCY_DAYS); the other slots to new
victims, or (P_RETURNING) to victims whose latest referral is more than 12 months earlier (not a
repeat). A victim's third referral is judged against the second. incident_date is the
incident that prompted the referral: INCIDENT_DAYS before it (most within three days), empty
for P_NO_INCIDENT.

Edge cases: EXACTLY_12_MONTHS, a repeat exactly 12 months after the victim's previous referral
(counted); TWELVE_MONTHS_AND_A_DAY, a referral 12 months and a day after (not a repeat);
SAME_DAY_REPEAT, a victim referred twice on one day (the later referral_id is the repeat).
Recording slips: INCIDENT_AFTER_REFERRAL referrals whose incident_date is after the referral
date (a data-quality rule; no measure reads incident_date).

Calibration (the document; the issue 12 definitions): referrals 598 (2014/15), 620 (2015/16),
156 (2016/17 Q1), repeats 228 (38%), 210 (33.9%, printed 35%), 46 (29%); 2013/14, not printed,
575 and 210. Scaled counts at other scales (the repeats as far as eligible victims allow).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .dates import add_months
from .draws import Weighted
from .records import MaracReferral

DAY = dt.timedelta(days=1)
MARAC_FROM = dt.date(2012, 4, 1)
REFERRALS = {2012: 560, 2013: 575, 2014: 598, 2015: 620}  # by financial year
REPEATS = {2012: 200, 2013: 210, 2014: 228, 2015: 210}
QUARTER_TARGETS = {(2016, 4): (156, 46)}  # (first month of the quarter) -> referrals, repeats
LATEST_PER_MONTH = 52
LATEST_REPEAT_SHARE = 0.3
MONTH_WEIGHT = {1: 1.05, 2: 0.95, 3: 1.0, 4: 0.95, 5: 1.0, 6: 1.0, 7: 1.05, 8: 1.0, 9: 0.95}
MONTH_WEIGHT |= {10: 1.0, 11: 0.95, 12: 1.1}
MIN_GAP_DAYS = 14
RECENCY_DAYS = 90.0
P_RETURNING = 0.06
INCIDENT_DAYS = Weighted(
    [(0, 0.2), (1, 0.3), (2, 0.18), (3, 0.12), (5, 0.1), (8, 0.06), (14, 0.04)]
)
P_NO_INCIDENT = 0.08
EXACTLY_12_MONTHS = (2015, 6)
TWELVE_MONTHS_AND_A_DAY = (2015, 9)
SAME_DAY_REPEAT = (2014, 11)
INCIDENT_AFTER_REFERRAL = ((2013, 9), (2014, 12), (2015, 10))


@dataclass(slots=True)
class _Referral:
    date: dt.date
    victim: int
    incident: dt.date | None


def marac(sim) -> None:
    """Write marac_referrals."""
    targets = _month_targets(sim)
    made: list[_Referral] = []
    latest: dict[int, dt.date] = {}  # victim -> their latest referral
    for (y, m), (n, r) in targets.items():
        rng = sim.stream("marac", "month", y, m)
        made.extend(_month(sim, rng, y, m, n, r, latest))
    _incident_slips(sim, made)
    victims: dict[int, str] = {}
    rows = sim.records["marac_referrals"]
    for ref in made:  # already in date order (a month's referrals in their order)
        if ref.victim not in victims:
            victims[ref.victim] = sim.next_id("MV", 6)
        rows.append(
            MaracReferral(
                referral_id=sim.next_id("MRF", 6),
                victim_id=victims[ref.victim],
                referral_date=ref.date,
                incident_date=ref.incident,
            )
        )


def _allocate(total: int, weights: list[float]) -> list[int]:
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    for i in sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _month_targets(sim) -> dict[tuple[int, int], tuple[int, int]]:
    """(referrals, repeats) a month, scaled."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    E, s = sim.E, sim.scale
    for fy in REFERRALS:
        months = [((fy if m >= 4 else fy + 1), m) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
        weights = [MONTH_WEIGHT[m] for _, m in months]
        n = _allocate(round(REFERRALS[fy] * s), weights)
        r = _allocate(round(REPEATS[fy] * s), weights)
        out.update({ym: (a, min(a, b)) for ym, a, b in zip(months, n, r, strict=True)})
    d = dt.date(max(REFERRALS) + 1, 4, 1)
    while d <= E:
        if (d.year, d.month) in QUARTER_TARGETS:
            n_q, r_q = QUARTER_TARGETS[(d.year, d.month)]
            months = [(add_months(d, i).year, add_months(d, i).month) for i in range(3)]
            weights = [MONTH_WEIGHT[m] for _, m in months]
            n = _allocate(round(n_q * s), weights)
            r = _allocate(round(r_q * s), weights)
            out.update({ym: (a, min(a, b)) for ym, a, b in zip(months, n, r, strict=True)})
            d = add_months(d, 3)
            continue
        a = round(LATEST_PER_MONTH * s)
        out[(d.year, d.month)] = (a, round(a * LATEST_REPEAT_SHARE))
        d = add_months(d, 1)
    return {ym: v for ym, v in sorted(out.items()) if dt.date(*ym, 1) <= E}


def _working_days(sim, y: int, m: int) -> list[dt.date]:
    d = dt.date(y, m, 1)
    out = []
    while d.month == m and d <= sim.E:
        if sim.wd.is_working_day(d):
            out.append(d)
        d += DAY
    return out


def _month(
    sim, rng: random.Random, y: int, m: int, n: int, r: int, latest: dict[int, dt.date]
) -> list[_Referral]:
    days = _working_days(sim, y, m)
    if not days or n <= 0:
        return []
    dates = sorted(rng.choice(days) for _ in range(n))
    repeat_slots = set(rng.sample(range(n), min(r, n)))
    reserved: set[int] = set()
    forced: dict[int, int] = {}  # slot -> victim (the edge cases)
    if (y, m) in (EXACTLY_12_MONTHS, TWELVE_MONTHS_AND_A_DAY):
        extra = 0 if (y, m) == EXACTLY_12_MONTHS else 1
        slots = sorted(repeat_slots if extra == 0 else set(range(n)) - repeat_slots)
        cands = sorted(v for v, d in latest.items() if add_months(d, 12) + extra * DAY in set(days))
        if slots and cands:
            v = cands[rng.randrange(len(cands))]
            i = slots[0]
            dates[i] = add_months(latest[v], 12) + extra * DAY
            forced[i] = v
            reserved.add(v)
            order = sorted(range(n), key=lambda k: (dates[k], k))
            dates = [dates[k] for k in order]
            repeat_slots = {order.index(k) for k in repeat_slots}
            forced = {order.index(k): v for k, v in forced.items()}
    out: list[_Referral] = []
    same_day = (y, m) == SAME_DAY_REPEAT
    for i, d in enumerate(dates):
        if i in forced:
            victim = forced[i]
        elif i in repeat_slots and same_day and i > 0:
            # the previous referral's victim again, the same day (the later id is the repeat)
            same_day = False
            d, victim = out[i - 1].date, out[i - 1].victim
        elif i in repeat_slots:
            victim = _repeat_victim(rng, d, latest, reserved)
        else:
            victim = _other_victim(rng, d, latest, reserved)
        out.append(_Referral(d, victim, _incident(rng, d)))
        latest[victim] = d
    return out


def _repeat_victim(
    rng: random.Random, d: dt.date, latest: dict[int, dt.date], reserved: set[int]
) -> int:
    """A victim whose latest referral is within the 12 months before d (and at least
    MIN_GAP_DAYS earlier), the more recent the likelier; a new victim when there is none."""
    cands = [
        (v, last)
        for v, last in latest.items()
        if v not in reserved and (d - last).days >= MIN_GAP_DAYS and d <= add_months(last, 12)
    ]
    if not cands:
        return _new_victim(latest)
    cands.sort()
    return Weighted([(v, 1.0 / (1.0 + (d - last).days / RECENCY_DAYS)) for v, last in cands]).pick(
        rng
    )


def _other_victim(
    rng: random.Random, d: dt.date, latest: dict[int, dt.date], reserved: set[int]
) -> int:
    """A new victim, or one whose latest referral is more than 12 months before d."""
    if rng.random() < P_RETURNING:
        cands = sorted(
            v for v, last in latest.items() if v not in reserved and d > add_months(last, 12)
        )
        if cands:
            return cands[rng.randrange(len(cands))]
    return _new_victim(latest)


def _new_victim(latest: dict[int, dt.date]) -> int:
    return len(latest)  # victims are numbered in order of their first referral


def _incident(rng: random.Random, d: dt.date) -> dt.date | None:
    if rng.random() < P_NO_INCIDENT:
        return None
    return d - dt.timedelta(days=INCIDENT_DAYS.pick(rng))


def _incident_slips(sim, made: list[_Referral]) -> None:
    """Recording slips: an incident date keyed after the referral date."""
    for y, m in INCIDENT_AFTER_REFERRAL:
        rng = sim.stream("marac", "slip", y, m)
        cands = [
            ref for ref in made if (ref.date.year, ref.date.month) == (y, m) and ref.date < sim.E
        ]
        if cands:
            ref = cands[rng.randrange(len(cands))]
            ref.incident = min(sim.E, ref.date + dt.timedelta(days=rng.randint(1, 5)))
