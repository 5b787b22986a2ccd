"""The demo authority's early help records (issue 10): Eclipse early help assessments (EHAs) and
Outcome Star readings, and the two-year funding of the education extracts.

Run as one of simulate.py's SECTION_PROCESSES, after every other process: it reads the CareFirst
children and referrals (never changes them) and writes `eclipse_early_help_assessments`,
`eclipse_outcome_star_readings` and `education_two_year_funding`.

- Eclipse went live on 1 April 2014. EHAs open at go-live were migrated with their start dates
  (from 2013); from then on the EHAs opened each financial quarter follow the document's table
  of openings by lead agency, cell by cell (an exact quota per quarter and agency: the printed
  totals are not always the sum of their parts, so the demo's totals are the sums), and after
  the table's last quarter a fixed number a month, split as that quarter was. One row per child:
  a family of 1-4 children shares a family_id and, usually, the episode's dates.
- Social care's part (single-child families, the child's CareFirst id and date of birth): a
  share of the referrals from early help (source 5D) follow an EHA that closed STEP_UP 0-45 days
  before the referral (mostly within 30; some exactly on day 30 and 31); a share of the children
  under 16 whose referral closed (RC9, closed after assessment and referred to early help,
  mostly; a few other closures) open an EHA 0-30 days later with is_step_down Y. A step-down EHA
  still open when the child is referred again closes before the referral: STEP_UP before a 5D
  referral, OTHER before any other. These EHAs take their lead agency from the quarter's quota
  (by the child's age), so the table's cells still land; the quota's remainder is filled with
  families mostly not known to social care (a few children with an old CareFirst record, not
  involved with social care during the EHA). A few STEP_UP closures have no referral after them.
- Each EHA: the assessment completed a few weeks after the start, closed after a lognormal
  number of days, capped at the child's 18th birthday; later events empty. The median is about
  nine months for the EHAs started in 2014/15 and a year from 2015/16 (caseloads grew): with
  the table's openings, that is what the open counts need; the EHAs closed by the extraction
  date, censored, have a median of about eight months. Step-ups and step-downs ramp up over
  2014/15 while Eclipse bedded in (the quotas of its first quarters are small).
- Outcome Star (per family: readings carry the family_id and the index child's eha_id, within
  that EHA): a first reading within six weeks of the start, then about every three months, the
  last near the closure; mostly Family Star Plus (10 areas scored 1-10: totals 10-100), some
  My Star (8 areas: 8-80), a few families changing from My Star to Family Star Plus after the
  first reading. Of the closed families with two or more readings of a version, an exact share
  per month of closure ends higher than it started (the rest never rise above the first).
- Two-year funding: the register of two-year-olds (eligible or checked and not eligible) by birth
  month; each child is two for three terms (from the term after the second birthday to the term
  after the third), is eligible from the first (a few from the second or third; some never),
  and once taking up a place mostly keeps it. Terms from autumn 2013 to summer 2016.
- Recording slips, for the data-quality rules to find as in a real extract: a few assessments'
  completion dates keyed a year early (P_COMPLETED_KEYED_A_YEAR_EARLY), before their start;
  no measure reads the completion date.

Every draw comes from a stream of its own (Simulator.stream) keyed by dates, quarters, months
and sequence numbers within them, never by an identifier, so tuning one quarter's knob leaves
the other quarters' draws alone. Identifiers are given at the end, in date order.

Calibration (the document, September 2016): EHAs open 1110 (31 March 2015), 2401 (31 March
2016), 2462 (31 July 2016) (its rates per 10,000, 187, 416 and 423, are not quite those counts
over the population seed, 192, 412 and 422: the counts are the target, the rates land within
5%); the openings table cell by cell; families improving (Outcome Star) 77% in April-May 2016;
step-ups about 5-8% of closures, step-downs about 13% of the closed referrals of children under
16 in 2015/16; two-year funding take-up 1109 (58.4%) in the spring term 2015, 1161 (61.2%) in
spring 2016, 1242 (69.5%) in summer 2016 (the term in progress at, or last begun before, each
snapshot).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .dates import add_months, add_years, age_in_years
from .draws import Weighted, days, poisson
from .records import EarlyHelpAssessment, OutcomeStarReading, Referral, TwoYearFunding

DAY = dt.timedelta(days=1)
T = TypeVar("T")

# ---------------------------------------------------------------- knobs: assessments
ECLIPSE_START = dt.date(2014, 4, 1)  # go-live: the first EHAs opened in Eclipse
MIGRATED_FROM = dt.date(2013, 1, 1)  # earliest start of the EHAs migrated open at go-live
MIGRATED_ROWS = 240  # child EHAs migrated open at go-live (the open count at March 2015)
AGENCIES = ("EARLY_HELP_0_5", "EARLY_HELP_5_18", "SCHOOL", "MASH", "OTHER")
# the document's EHAs opened per financial quarter (year the financial year starts, quarter)
# by lead agency, in the order of AGENCIES
OPENED_BY_QUARTER: dict[tuple[int, int], tuple[int, ...]] = {
    (2014, 1): (5, 8, 45, 2, 2),
    (2014, 2): (147, 31, 76, 2, 2),
    (2014, 3): (328, 44, 107, 3, 3),
    (2014, 4): (288, 44, 107, 3, 3),
    (2015, 1): (253, 62, 189, 9, 2),
    (2015, 2): (389, 69, 274, 2, 2),
    (2015, 3): (370, 67, 278, 2, 2),
    (2015, 4): (334, 60, 289, 2, 2),
    (2016, 1): (244, 49, 277, 4, 4),
}
OPENED_PER_MONTH_AFTER = 190  # EHAs opened a month after the table (July 2016), split as its last
# lead agency of the migrated EHAs (no quota), weights in the order of AGENCIES
MIGRATED_AGENCY = (0.45, 0.12, 0.38, 0.02, 0.03)
# the children's ages (years, [from, to)) by lead agency (a family's index child)
AGE_RANGE = {
    "EARLY_HELP_0_5": (0, 5),
    "EARLY_HELP_5_18": (5, 18),
    "SCHOOL": (4, 16),
    "MASH": (0, 18),
    "OTHER": (0, 18),
}
FAMILY_SIZE = ((1, 0.52), (2, 0.27), (3, 0.14), (4, 0.07))  # children with an EHA per family
SIBLING_OWN_DATES = 0.12  # siblings starting a little later and closing on their own date
SIBLING_LATER_DAYS = (1, 45)  # how much later such a sibling starts (within the quarter)
P_KNOWN_CHILD = 0.04  # general families whose index child has an (old) CareFirst record
# EHA length (start to closure), lognormal: the median by the financial year of the start
# (longer from 2015/16, as caseloads grew: 2401 open in March 2016, 2462 in July)
DURATION_MEDIAN_DAYS = {2012: 300, 2013: 300, 2014: 275, 2015: 380, 2016: 380}
DURATION_SIGMA = 0.6  # and the log's standard deviation
STEP_DOWN_MEDIAN_FACTOR = 0.85  # the median of EHAs opened on step-down, relative to the others
MIN_DURATION_DAYS = 21  # no EHA closes sooner than this after the assessment's completion
COMPLETION_DAYS = (7, 42)  # start to the assessment's completion
# closure reasons of the EHAs not ended by a referral (STEP_UP: with no referral after it)
CLOSURE_REASON = (
    ("OUTCOMES_MET", 0.66),
    ("DISENGAGED", 0.15),
    ("MOVED", 0.08),
    ("OTHER", 0.105),
    ("STEP_UP", 0.005),
)

# ---------------------------------------------------------------- knobs: step up / step down
P_STEP_UP_5D = 0.33  # 5D referrals from go-live following an EHA closed STEP_UP
# the same share while Eclipse was bedding in (quarter of the referral -> factor)
STEP_UP_RAMP = {(2014, 1): 0.3, (2014, 2): 0.4, (2014, 3): 0.5, (2014, 4): 0.6}
# days from the EHA's closure to the referral ((from, to), weight): mostly within 30, some
# 31-45, a few exactly on day 30 and day 31 (the edges of a 30-day window)
STEP_UP_GAP_DAYS = (((0, 29), 0.82), ((30, 30), 0.04), ((31, 31), 0.04), ((32, 45), 0.10))
MIN_STEP_UP_DAYS = 21  # an EHA ended by a referral starts at least this long before it
P_STEP_DOWN_RC9 = 0.52  # referrals closed RC9 (to early help) followed by a step-down EHA
P_STEP_DOWN_OTHER = 0.02  # other closures (RC7, RC8) followed by one
STEP_DOWN_CLOSURES = ("RC7", "RC8", "RC9")  # closures that may be followed by a step-down
STEP_DOWN_MAX_AGE = 16  # step-downs for children under this age at the referral's closure
STEP_DOWN_DAYS = (0, 30)  # the referral's closure to the EHA's start
# the step-downs recorded while Eclipse was bedding in (quarter of the closure -> share)
STEP_DOWN_RAMP = {(2014, 1): 0.08, (2014, 2): 0.45, (2014, 3): 0.85}
# the lead agency of social care's EHAs by age (weights, times the quarter's quota left)
LINKED_AFFINITY_SMALL = 0.05  # MASH and OTHER

# ---------------------------------------------------------------- knobs: Outcome Star
# recording slips the data-quality rules find (eha_completed_before_start): an assessment whose
# completion was keyed a year early (no measure reads the completion date)
P_COMPLETED_KEYED_A_YEAR_EARLY = 0.003
P_STAR = 0.86  # families with Outcome Star readings
STAR_SCALES = {"FAMILY_STAR_PLUS": (10, 100), "MY_STAR": (8, 80)}  # total score range
P_MY_STAR = 0.08  # families (index child 8 or over) on My Star
P_STAR_SWITCH = 0.05  # of those, families changing to Family Star Plus after the first reading
STAR_FIRST_DAYS = (7, 42)  # start to the first reading
STAR_INTERVAL_DAYS = (75, 105)  # between readings
STAR_LAST_BEFORE_CLOSURE = (0, 14)  # the last reading this long before the closure
STAR_IMPROVED = 0.77  # families ending higher than they started (an exact share a month)
STAR_FIRST_MEAN, STAR_FIRST_SD = 0.42, 0.11  # first total, as a share of the range
STAR_GAIN_MEAN, STAR_GAIN_SD = 0.14, 0.07  # an improving family's gain (share of the range)

# ---------------------------------------------------------------- knobs: two-year funding
# term start dates, autumn 2013 to summer 2016 (autumn, spring, summer each year)
TERMS = (
    dt.date(2013, 9, 2),
    dt.date(2014, 1, 6),
    dt.date(2014, 4, 22),
    dt.date(2014, 9, 1),
    dt.date(2015, 1, 5),
    dt.date(2015, 4, 13),
    dt.date(2015, 9, 1),
    dt.date(2016, 1, 4),
    dt.date(2016, 4, 11),
)
TWO_YEAR_BIRTHS = (dt.date(2010, 9, 1), dt.date(2014, 3, 31))  # births with a term in range
REGISTER_PER_BIRTH_MONTH = 175  # children on the register per month of birth
# children born from this date (first eligible in summer 2016) still being checked at the
# extraction: fewer on the register
LATE_COHORT_FROM, LATE_COHORT_FACTOR = dt.date(2014, 1, 1), 0.81
P_NEVER_ELIGIBLE = 0.06  # checked and not eligible in any term
P_ELIGIBLE_FROM_SECOND = 0.05  # eligible only from the second term (circumstances changed)
P_ELIGIBLE_FROM_THIRD = 0.02  # only from the third
# by term (in the order of TERMS; the terms before autumn 2013 as autumn 2013): the share of
# the children eligible and not yet taking up a place who start one, in their first eligible
# term and in a later one (the take-up drive of 2015/16, strongest in the summer term 2016)
TAKE_UP_FIRST_TERM = (0.45, 0.45, 0.45, 0.48, 0.48, 0.49, 0.51, 0.51, 0.53)
TAKE_UP_LATER_TERM = (0.25, 0.25, 0.25, 0.27, 0.27, 0.28, 0.30, 0.30, 0.45)
P_KEEP_PLACE = 0.96  # a child taking up a place keeps it the next term


# ---------------------------------------------------------------- model
@dataclass(slots=True)
class Plan:
    """One child's EHA before identifiers are given."""

    child_id: str | None  # the CareFirst person id; None: a person new to the extract
    dob: dt.date
    start: dt.date
    completed: dt.date | None
    closed: dt.date | None  # may fall after the extraction date (emptied when written)
    reason: str | None
    step_down: bool = False
    agency: str | None = None


@dataclass(slots=True)
class Family:
    """The children of one family with an EHA; plans[0] is the index child (the star's EHA)."""

    key: tuple  # the family's random stream key (its kind, date or quarter, sequence)
    plans: list[Plan] = field(default_factory=list)


def _pick(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    """A value of (value, weight) pairs at random."""
    return Weighted(pairs).pick(rng)


def _quarter(d: dt.date) -> tuple[int, int]:
    """(year the financial year starts, quarter 1-4; Q1 = April-June)."""
    fy = d.year if d.month >= 4 else d.year - 1
    return fy, (d.month - 4) % 12 // 3 + 1


def _quarter_bounds(q: tuple[int, int]) -> tuple[dt.date, dt.date]:
    first = add_months(dt.date(q[0], 4, 1), 3 * (q[1] - 1))
    return first, add_months(first, 3) - DAY


def _duration(rng: random.Random, start: dt.date, factor: float = 1.0) -> dt.timedelta:
    """An EHA's length from `start` (factor: times the median)."""
    years = DURATION_MEDIAN_DAYS
    fy = min(max(_quarter(start)[0], min(years)), max(years))
    days = math.exp(math.log(years[fy] * factor) + DURATION_SIGMA * rng.gauss(0.0, 1.0))
    return dt.timedelta(days=int(days))


def _new_plan(
    rng: random.Random, child_id: str | None, dob: dt.date, start: dt.date, factor: float = 1.0
) -> Plan:
    """An EHA from `start`: completion a few weeks on, closure after a lognormal length."""
    completed = start + days(rng, COMPLETION_DAYS)
    closed = max(start + _duration(rng, start, factor), completed + dt.timedelta(MIN_DURATION_DAYS))
    return Plan(child_id, dob, start, completed, closed, _pick(rng, CLOSURE_REASON))


def _end_before(plan: Plan, closed: dt.date, reason: str) -> None:
    """Close an EHA early (a referral to social care is coming): never before its start."""
    plan.closed = max(plan.start, closed)
    plan.reason = reason
    if plan.completed is not None and plan.completed > plan.closed:
        plan.completed = plan.closed


def _quotas(scale: float, E: dt.date) -> dict[tuple[int, int], dict[str, int]]:
    """EHAs to open per quarter and lead agency: the table's cells, then OPENED_PER_MONTH_AFTER
    a month (split as the table's last quarter) to the extraction date."""
    out = {
        q: {a: round(n * scale) for a, n in zip(AGENCIES, cells, strict=True)}
        for q, cells in OPENED_BY_QUARTER.items()
    }
    last = max(OPENED_BY_QUARTER)
    shares = OPENED_BY_QUARTER[last]
    first, _ = _quarter_bounds(last)
    q = _quarter(add_months(first, 3))
    while _quarter_bounds(q)[0] <= E:
        qs, qe = _quarter_bounds(q)
        months = ((min(qe, E) - qs).days + 1) / ((qe - qs).days + 1) * 3
        total = round(OPENED_PER_MONTH_AFTER * months * scale)
        raw = [total * s / sum(shares) for s in shares]
        cells = [int(x) for x in raw]
        by_remainder = sorted(range(len(raw)), key=lambda i: (cells[i] - raw[i], i))
        for i in by_remainder[: total - sum(cells)]:  # the largest remainders
            cells[i] += 1
        out[q] = dict(zip(AGENCIES, cells, strict=True))
        q = _quarter(add_months(qs, 3))
    return out


# ---------------------------------------------------------------- social care's EHAs
def _affinity(age: int) -> list[float]:
    """Lead agency weights for a child of `age` (social care's EHAs), in AGENCIES order."""
    return [
        1.0 if age < 5 else 0.0,
        1.0 if age >= 5 else 0.0,
        1.0 if 4 <= age <= 16 else 0.0,
        LINKED_AFFINITY_SMALL,
        LINKED_AFFINITY_SMALL,
    ]


def _step_up_gap(rng: random.Random) -> dt.timedelta:
    return days(rng, _pick(rng, STEP_UP_GAP_DAYS))


def _referral_keys(referrals: list[Referral]) -> dict[str, tuple[dt.date, int]]:
    """Each referral's (date, sequence among the referrals of that date): its streams' key."""
    seen: dict[dt.date, int] = {}
    keys = {}
    for r in referrals:
        seen[r.referral_date] = seen.get(r.referral_date, 0) + 1
        keys[r.referral_id] = (r.referral_date, seen[r.referral_date])
    return keys


def _social_care_families(sim, dob_of: dict[str, dt.date]) -> list[Family]:
    """The step-up and step-down EHAs of CareFirst children, walking each child's referrals."""
    referrals = sim.records["carefirst_referrals"]
    keys = _referral_keys(referrals)
    by_child: dict[str, list] = {}
    for r in referrals:
        by_child.setdefault(r.child_id, []).append(r)
    out: list[Family] = []
    for child_id in sorted(by_child):
        refs = sorted(by_child[child_id], key=lambda r: (r.referral_date, r.referral_id))
        dob = dob_of.get(child_id)
        if dob is None:
            continue
        current: Plan | None = None  # a step-down EHA not yet ended by a referral
        prev_close: dt.date | None = None
        for i, r in enumerate(refs):
            key = keys[r.referral_id]
            rng = sim.stream("eh-step-up", *key)
            p_up = P_STEP_UP_5D * STEP_UP_RAMP.get(_quarter(r.referral_date), 1.0)
            up = r.referral_source == "5D" and rng.random() < p_up
            up = up and r.referral_date >= ECLIPSE_START
            close_at = r.referral_date - _step_up_gap(rng)
            if current is not None:
                if current.closed is not None and current.closed < r.referral_date:
                    pass  # closed before the referral on its own
                elif up:
                    _end_before(current, close_at, "STEP_UP")
                else:
                    _end_before(current, r.referral_date - days(rng, (0, 20)), "OTHER")
                current = None
            elif up and close_at >= ECLIPSE_START:
                start = close_at - _duration(rng, close_at)
                if start < MIGRATED_FROM:  # a migrated EHA: started before go-live
                    start = MIGRATED_FROM + days(rng, (0, (ECLIPSE_START - MIGRATED_FROM).days))
                start = max(start, dob, (prev_close or start) + DAY)
                if (close_at - start).days >= MIN_STEP_UP_DAYS:
                    plan = _new_plan(rng, child_id, dob, start)
                    _end_before(plan, close_at, "STEP_UP")
                    out.append(Family(("step-up", *key), [plan]))
            prev_close = r.closure_date
            nxt = refs[i + 1].referral_date if i + 1 < len(refs) else None
            current = _step_down(sim, r, key, dob, nxt)
            if current is not None:
                out.append(Family(("step-down", *key), [current]))
    return out


def _step_down(
    sim, r: Referral, key: tuple, dob: dt.date, next_referral: dt.date | None
) -> Plan | None:
    """The step-down EHA after referral r closed, if any."""
    closure = r.closure_date
    if r.is_nfa == "Y" or closure is None or closure < ECLIPSE_START or closure > sim.E:
        return None
    if (
        r.closure_reason not in STEP_DOWN_CLOSURES
        or age_in_years(dob, closure) >= STEP_DOWN_MAX_AGE
    ):
        return None
    rng = sim.stream("eh-step-down", *key)
    p = P_STEP_DOWN_RC9 if r.closure_reason == "RC9" else P_STEP_DOWN_OTHER
    if rng.random() >= p * STEP_DOWN_RAMP.get(_quarter(closure), 1.0):
        return None
    start = closure + days(rng, STEP_DOWN_DAYS)
    if start > sim.E:
        return None
    if next_referral is not None and (next_referral - start).days < MIN_STEP_UP_DAYS:
        return None  # the child is referred again before the EHA could start properly
    plan = _new_plan(rng, r.child_id, dob, start, STEP_DOWN_MEDIAN_FACTOR)
    plan.step_down = True
    return plan


def _assign_agencies(sim, families: list[Family], quotas: dict) -> list[Family]:
    """Give social care's EHAs a lead agency from their quarter's quota left (by the child's
    age); a quarter with nothing left for the child drops the EHA (not recorded in Eclipse)."""
    kept = []
    for fam in sorted(families, key=lambda f: (f.plans[0].start, f.key)):
        plan = fam.plans[0]
        rng = sim.stream("eh-agency", *fam.key)
        weights = _affinity(age_in_years(plan.dob, plan.start))
        cells = quotas.get(_quarter(plan.start))
        if cells is not None:
            left = [cells[a] for a in AGENCIES]
            w = [x * y for x, y in zip(weights, left, strict=True)]
            if sum(w) == 0:
                w = [float(x) for x in left]
            if sum(w) == 0:
                continue
            plan.agency = _pick(rng, list(zip(AGENCIES, w, strict=True)))
            cells[plan.agency] -= 1
        else:
            plan.agency = _pick(rng, list(zip(AGENCIES, weights, strict=True)))
        kept.append(fam)
    return kept


# ---------------------------------------------------------------- everyone else's EHAs
class KnownChildren:
    """CareFirst children who may have an EHA of their own: alive, and free of social care
    (no referral open or opened within 30 days) over the EHA."""

    def __init__(self, sim, social_care: list[Family]) -> None:
        E = sim.E
        kids = sorted(
            (c.date_of_birth, c.child_id)
            for c in sim.records["carefirst_children"]
            if c.date_of_death is None and c.date_of_birth is not None
        )
        self.dobs = [d for d, _ in kids]
        self.ids = [c for _, c in kids]
        self.busy: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for r in sim.records["carefirst_referrals"]:
            end = r.closure_date or E
            self.busy.setdefault(r.child_id, []).append(
                (r.referral_date - dt.timedelta(30), end + dt.timedelta(30))
            )
        for fam in social_care:
            for p in fam.plans:
                self.mark(p)

    def mark(self, plan: Plan) -> None:
        if plan.child_id is not None:
            end = plan.closed or plan.start
            self.busy.setdefault(plan.child_id, []).append((plan.start, end))

    def pick(
        self, rng: random.Random, start: dt.date, end: dt.date, ages: tuple[int, int]
    ) -> tuple[str, dt.date] | None:
        """A child aged `ages` at `start`, free from `start` to `end` (None if none found)."""
        lo = bisect_left(self.dobs, add_years(start, -ages[1]) + DAY)
        hi = bisect_right(self.dobs, add_years(start, -ages[0]))
        for _ in range(3):
            if hi <= lo:
                return None
            i = rng.randrange(lo, hi)
            cid = self.ids[i]
            if all(e < start or s > end for s, e in self.busy.get(cid, [])):
                return cid, self.dobs[i]
        return None


def _dob_for_age(rng: random.Random, start: dt.date, ages: tuple[int, int]) -> dt.date:
    """A birth date giving an age in [ages) at `start` (born by `start`)."""
    oldest = add_years(start, -ages[1]) + DAY
    youngest = add_years(start, -ages[0])
    return oldest + dt.timedelta(days=rng.randint(0, (youngest - oldest).days))


def _sibling_dob(rng: random.Random, start: dt.date, index_dob: dt.date) -> dt.date:
    """A brother or sister one to six years apart, born by `start` and under 18 at it."""
    gap = dt.timedelta(days=rng.randint(365, 6 * 365))
    dob = index_dob - gap if rng.random() < 0.5 else index_dob + gap
    if dob > start:
        dob = index_dob - gap
    return max(dob, add_years(start, -18) + dt.timedelta(days=60))


def _family(
    rng: random.Random,
    key: tuple,
    size: int,
    agency: str,
    start: dt.date,
    start_by: dt.date,
    known: KnownChildren,
    open_from: dt.date | None = None,
) -> Family:
    """A family's EHAs from `start` (a sibling with dates of its own starts by `start_by`);
    `open_from`: every EHA still open on that date (the migrated ones)."""
    ages = AGE_RANGE[agency]
    fam = Family(key)
    index = _new_plan(rng, None, _dob_for_age(rng, start, ages), start)
    if open_from is not None:
        for _ in range(50):
            if index.closed > open_from:
                break
            index.closed = start + _duration(rng, start)
        index.closed = max(index.closed, open_from + days(rng, (1, 60)))
    if rng.random() < P_KNOWN_CHILD:
        found = known.pick(rng, start, index.closed, ages)
        if found is not None:
            index.child_id, index.dob = found
            known.mark(index)
    index.agency = agency
    fam.plans.append(index)
    for _ in range(size - 1):
        dob = _sibling_dob(rng, start, index.dob)
        if open_from is None and rng.random() < SIBLING_OWN_DATES:
            s = min(start + days(rng, SIBLING_LATER_DAYS), start_by)
            sib = _new_plan(rng, None, dob, s)
        else:
            sib = Plan(None, dob, start, index.completed, index.closed, index.reason)
        sib.agency = agency
        fam.plans.append(sib)
    return fam


def _working_day_in(sim, rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A working day from `first` to `last`, each equally likely."""
    n = sim.wd.between(first - DAY, last)
    return sim.wd.add(first - DAY, rng.randint(1, n)) if n > 0 else first


def _general_families(sim, quotas: dict, known: KnownChildren) -> list[Family]:
    """Fill each quarter's quota left, agency by agency, with families (one stream each)."""
    out = []
    for q in sorted(quotas):
        qs, qe = _quarter_bounds(q)
        qe = min(qe, sim.E)
        for agency in AGENCIES:
            left, k = quotas[q][agency], 0
            while left > 0:
                k += 1
                key = ("family", *q, agency, k)
                rng = sim.stream("eh", *key)
                size = min(left, _pick(rng, FAMILY_SIZE))
                start = _working_day_in(sim, rng, qs, qe)
                out.append(_family(rng, key, size, agency, start, qe, known))
                left -= size
    return out


def _migrated_families(sim, known: KnownChildren) -> list[Family]:
    """The EHAs open at go-live, started from MIGRATED_FROM."""
    out, rows, k = [], 0, 0
    target = round(MIGRATED_ROWS * sim.scale)
    while rows < target:
        k += 1
        key = ("migrated", k)
        rng = sim.stream("eh", *key)
        size = min(target - rows, _pick(rng, FAMILY_SIZE))
        agency = _pick(rng, list(zip(AGENCIES, MIGRATED_AGENCY, strict=True)))
        start = _working_day_in(sim, rng, MIGRATED_FROM, ECLIPSE_START - DAY)
        out.append(_family(rng, key, size, agency, start, start, known, open_from=ECLIPSE_START))
        rows += size
    return out


def _finish(plan: Plan, E: dt.date) -> None:
    """Close at the 18th birthday; empty what falls after the extraction date."""
    b18 = add_years(plan.dob, 18)
    if plan.closed is not None and plan.closed >= b18:
        plan.closed, plan.reason = max(plan.start, b18 - DAY), "OTHER"
    if plan.closed is not None and plan.closed > E:
        plan.closed = plan.reason = None
    if plan.completed is not None and plan.completed > (plan.closed or E):
        plan.completed = plan.closed if plan.closed is not None and plan.closed <= E else None


# ---------------------------------------------------------------- Outcome Star
@dataclass(slots=True)
class StarSeries:
    """A family's planned readings (dates and versions) before their scores."""

    family_id: str
    eha_id: str
    dates: list[dt.date]
    versions: list[str]
    rng: random.Random
    closed: dt.date | None


def _star_dates(rng: random.Random, plan: Plan, E: dt.date) -> list[dt.date]:
    end = plan.closed or E
    d = plan.start + days(rng, STAR_FIRST_DAYS)
    if d > end:
        return []
    dates = [d]
    while True:
        nxt = dates[-1] + days(rng, STAR_INTERVAL_DAYS)
        if nxt > E or (plan.closed is not None and nxt > plan.closed - dt.timedelta(14)):
            break
        dates.append(nxt)
    if plan.closed is not None:
        last = plan.closed - days(rng, STAR_LAST_BEFORE_CLOSURE)
        if last > dates[-1] + dt.timedelta(21):
            dates.append(last)
    return dates


def _star_series(sim, fam: Family, family_id: str, eha_id: str) -> StarSeries | None:
    rng = sim.stream("eh-star", *fam.key)
    plan = fam.plans[0]
    if rng.random() >= P_STAR:
        return None
    dates = _star_dates(rng, plan, sim.E)
    if not dates:
        return None
    my_star = age_in_years(plan.dob, plan.start) >= 8 and rng.random() < P_MY_STAR
    versions = ["MY_STAR" if my_star else "FAMILY_STAR_PLUS"] * len(dates)
    if my_star and len(dates) >= 3 and rng.random() < P_STAR_SWITCH:
        versions[1:] = ["FAMILY_STAR_PLUS"] * (len(dates) - 1)
    return StarSeries(family_id, eha_id, dates, versions, rng, plan.closed)


def _scores(rng: random.Random, version: str, n: int, improved: bool) -> list[int]:
    """n totals of one version: improving (the last above the first) or not (none above)."""
    lo, hi = STAR_SCALES[version]
    span = hi - lo
    first = round(lo + span * rng.gauss(STAR_FIRST_MEAN, STAR_FIRST_SD))
    first = min(max(first, lo), hi - span // 10)
    if n == 1:
        return [first]
    if improved:
        last = min(hi, first + max(1, round(span * rng.gauss(STAR_GAIN_MEAN, STAR_GAIN_SD))))
    else:
        last = first - rng.randint(0, span // 12)
    out = [first]
    for j in range(1, n - 1):
        v = round(first + (last - first) * j / (n - 1) + rng.gauss(0.0, span / 30))
        v = min(max(v, lo), hi)
        out.append(min(v, first) if not improved else v)
    return [*out, last]


def _runs(versions: list[str]) -> list[tuple[str, list[int]]]:
    """The reading positions of each version, in order of first use."""
    out: dict[str, list[int]] = {}
    for i, v in enumerate(versions):
        out.setdefault(v, []).append(i)
    return list(out.items())


def _star_readings(sim, series: list[StarSeries]) -> None:
    """Scores, with an exact share STAR_IMPROVED improving per month of closure (open families
    and single readings at random), and the readings written in date order."""
    by_month: dict[tuple[int, int] | None, list[tuple[int, str]]] = {}
    for i, s in enumerate(series):
        for version, pos in _runs(s.versions):
            if len(pos) >= 2:
                month = (s.closed.year, s.closed.month) if s.closed else None
                by_month.setdefault(month, []).append((i, version))
    improved: set[tuple[int, str]] = set()
    for month in sorted(by_month, key=lambda m: (m is None, m or (0, 0))):
        items = by_month[month]
        rng = sim.stream("eh-star-improved", month)
        if month is None:
            chosen = [it for it in items if rng.random() < STAR_IMPROVED]
        else:
            chosen = rng.sample(items, round(STAR_IMPROVED * len(items)))
        improved.update(chosen)
    rows = []
    for i, s in enumerate(series):
        scores = [0] * len(s.dates)
        for version, pos in _runs(s.versions):
            for p, v in zip(
                pos, _scores(s.rng, version, len(pos), (i, version) in improved), strict=True
            ):
                scores[p] = v
        for d, version, score in zip(s.dates, s.versions, scores, strict=True):
            rows.append((d, i, version, score))
    out = sim.records["eclipse_outcome_star_readings"]
    for d, i, version, score in sorted(rows):
        s = series[i]
        out.append(
            OutcomeStarReading(
                reading_id=sim.next_id("OSR", 6),
                family_id=s.family_id,
                eha_id=s.eha_id,
                reading_date=d,
                star_version=version,
                total_score=score,
            )
        )


# ---------------------------------------------------------------- writing the EHAs
def _write_assessments(sim, families: list[Family]) -> list[StarSeries]:
    """Identifiers in date order (families by their index child's start); returns the
    families' star series."""
    E = sim.E
    out = sim.records["eclipse_early_help_assessments"]
    series = []
    for fam in sorted(families, key=lambda f: (f.plans[0].start, f.key)):
        family_id = sim.next_id("FAM", 6)
        eha_ids = []
        for plan in fam.plans:
            _finish(plan, E)
            eha_id = sim.next_id("EHA", 6)
            eha_ids.append(eha_id)
            completed = plan.completed
            slip = sim.stream("eh-recording-slip", plan.start, fam.key, len(eha_ids))
            if completed is not None and slip.random() < P_COMPLETED_KEYED_A_YEAR_EARLY:
                completed = dt.date(completed.year - 1, completed.month, min(completed.day, 28))
            out.append(
                EarlyHelpAssessment(
                    eha_id=eha_id,
                    child_id=plan.child_id or sim.next_id("C", 6),
                    family_id=family_id,
                    date_of_birth=plan.dob,
                    start_date=plan.start,
                    completed_date=completed,
                    closed_date=plan.closed,
                    lead_agency=plan.agency,
                    closure_reason=plan.reason,
                    is_step_down=sim.yn(plan.step_down),
                )
            )
        s = _star_series(sim, fam, family_id, eha_ids[0])
        if s is not None:
            series.append(s)
    return series


def early_help_assessments(sim) -> None:
    children = sim.records["carefirst_children"]
    dob_of = {c.child_id: c.date_of_birth for c in children if c.date_of_birth is not None}
    quotas = _quotas(sim.scale, sim.E)
    social_care = _assign_agencies(sim, _social_care_families(sim, dob_of), quotas)
    known = KnownChildren(sim, social_care)
    families = social_care + _general_families(sim, quotas, known)
    families += _migrated_families(sim, known)
    _star_readings(sim, _write_assessments(sim, families))


# ---------------------------------------------------------------- two-year funding
def _first_term(dob: dt.date) -> int:
    """The index in TERMS (negative: before the first) of the term after the 2nd birthday:
    born April-August, the autumn term two years on; September-December, the spring term after
    it; January-March, the summer term two years on (the autumn term begins a school year)."""
    years = dob.year + 2 - TERMS[0].year  # school years from the first term's to the autumn's
    if 4 <= dob.month <= 8:
        return 3 * years
    if dob.month >= 9:
        return 3 * years + 1
    return 3 * (years - 1) + 2


def _child_terms(rng: random.Random, first: int) -> list[tuple[int, bool, bool]]:
    """(term, eligible, taking up) for a child's three terms."""
    r = rng.random()
    if r < P_NEVER_ELIGIBLE:
        eligible_from = 3
    elif r < P_NEVER_ELIGIBLE + P_ELIGIBLE_FROM_SECOND:
        eligible_from = 1
    elif r < P_NEVER_ELIGIBLE + P_ELIGIBLE_FROM_SECOND + P_ELIGIBLE_FROM_THIRD:
        eligible_from = 2
    else:
        eligible_from = 0
    out, taking = [], False
    for k in range(3):
        term = first + k
        t = min(max(term, 0), len(TERMS) - 1)
        eligible = k >= eligible_from
        u = rng.random()
        if not eligible:
            taking = False
        elif taking:
            taking = u < P_KEEP_PLACE
        else:
            p = TAKE_UP_FIRST_TERM[t] if k == eligible_from else TAKE_UP_LATER_TERM[t]
            taking = u < p
        out.append((term, eligible, taking))
    return out


def two_year_funding(sim) -> None:
    """The register of two-year-olds, by month of birth (a stream per month and per child)."""
    out = sim.records["education_two_year_funding"]
    month = TWO_YEAR_BIRTHS[0]
    while month <= TWO_YEAR_BIRTHS[1]:
        lam = REGISTER_PER_BIRTH_MONTH * sim.scale
        if month >= LATE_COHORT_FROM:
            lam *= LATE_COHORT_FACTOR
        n = poisson(sim.stream("two-year", month), lam)
        days = (add_months(month, 1) - month).days
        for k in range(1, n + 1):
            rng = sim.stream("two-year", month, k)
            dob = month + dt.timedelta(days=rng.randrange(days))
            rows = [t for t in _child_terms(rng, _first_term(dob)) if 0 <= t[0] < len(TERMS)]
            rows = [t for t in rows if TERMS[t[0]] <= sim.E]
            if not rows:
                continue
            child_id = sim.next_id("C", 6)
            for term, eligible, taking in rows:
                out.append(
                    TwoYearFunding(
                        child_id=child_id,
                        term_start_date=TERMS[term],
                        is_eligible=sim.yn(eligible),
                        is_taking_up=sim.yn(eligible and taking),
                    )
                )
        month = add_months(month, 1)


def early_help(sim) -> None:
    """Write eclipse_early_help_assessments, eclipse_outcome_star_readings and
    education_two_year_funding."""
    early_help_assessments(sim)
    two_year_funding(sim)
