"""The demo authority's youth offending records (issue 12): YOIS's young people, their
interventions, out-of-court and court disposals and remand decisions.

Run as one of simulate.py's SECTION_PROCESSES, after the CareFirst processes: it reads the
CareFirst children, referrals, CP plans and LAC episodes (changes none of them) and writes
`yot_young_people` (YP + six digits, in order of their first record), `yot_interventions` (YOI),
`yot_disposals` (YOD) and `yot_remand_decisions` (YOR), each numbered in date order. Every draw
comes from a stream of its own (Simulator.stream("youth-offending", ...)) keyed by financial
quarters and sequence numbers, never by an identifier. Records begin on YOT_FROM (April 2013).

Counts. Each financial quarter has exact counts (scaled): interventions started (INTERVENTIONS),
community resolutions, youth cautions and youth conditional cautions (COMMUNITY_RESOLUTIONS,
YOUTH_CAUTIONS, CONDITIONAL_CAUTIONS) and remand decisions (REMANDS: decisions other than
unconditional bail, of them YDA, and unconditional bail decisions), the document's cells for
2015/16 and 2016/17 Q1, plausible ones before (the document prints no earlier quarters); the
months after the latest complete quarter get LATEST_MONTH. Unconditional bail is a remand
outcome counted from 1 April 2016 only (seeds/reference/remand_outcomes_counted.csv): the
demo writes unconditional bail decisions in every quarter, and 2016/17 Q1's 51 counted
decisions are 36 others and 15 unconditional bail (4 YDA), where 2015/16's 25, 34, 31, 34
leave theirs out (1 YDA each). Other outcomes: CONDITIONAL_BAIL, or REMAND_LA_ACCOMMODATION
(P_LA_ACCOMMODATION). Dates are spread over the quarter's days (community resolutions any day,
weekends less; the others on working days). Interventions are typed by INTERVENTION_TYPE; a
referral order, youth rehabilitation order or DTO begins on the day of a COURT disposal or up
to a week after it (the disposal written with it), and COURT_EXTRA more court disposals a
quarter carry no YOT intervention (fines, discharges); a remand decision with no court
disposal within REMAND_TO_COURT days after it gets one 20-100 days later (when by the
extraction date).

Young people. Each record goes to a young person already known to the YOT (P_EXISTING by kind:
the same case's remand hearings (P_SAME_CASE), an out-of-court intervention after a caution,
a court order after a remand) or to a new one, aged 10-17 at their first record (FIRST_AGE).
P_KNOWN of the new young people are CareFirst children of that age alive on the day (child_id
set; date of birth and sex the child's: looked after children, children in need and boys
likelier, LINK_WEIGHTS); the others have child_id empty, sex by SEX. A young person is never
given a record on or after their 18th birthday. YDA and local authority accommodation remands
go to young people with no CareFirst link (CareFirst's LAC episodes carry no remand legal
status J1 to match them).

Interventions end after DURATION_DAYS by type, by the 18th birthday at the latest (still open at
the extraction date: no end, no ETE fields). ETE at the end: of the interventions ending in each
quarter exactly the share of ETE_TARGETS say Y (the document's 61, 60, 60, 53% in 2015/16,
pooled 59% for the year: the quarters' numerators are chosen so that each rounds to its figure
and their pool to 59%; DTOs' young people less often; where no numerator over a quarter's
endings rounds to its figure, its latest ending moves to the next quarter's first working
day); ete_hours_at_end 25-30 hours a week (school age: under 16 on the 31
August before) or 16-30 (older) for Y, fewer for N.

Recording slips for the data-quality rules: DISPOSAL_BEFORE_TEN young people (community
resolutions in 2013/14 Q3 and 2014/15 Q4) whose date of birth makes them nine on the day;
END_BEFORE_START interventions (2013/14 Q3, 2014/15 Q2) whose end was keyed before the start.
Both are among the quarters' counted records and outside the quarters the document prints.

Calibration (the document; the issue 12 definitions): 2015/16 quarters and 2016/17 Q1
interventions 51 50 42 55 | 58, community resolutions 83 70 71 58 | 58, youth cautions 26 31
35 22 | 18, conditional cautions 3 3 5 5 | 6, remands YDA/counted 1/25 1/34 1/31 1/34 | 4/51,
ETE 61 60 60 53% (59% the year).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import add_months, age_in_years, birthday
from .draws import Weighted
from .missing_cse import CIN_CP, LAC, NOT_KNOWN, SocialCare, fast_birthday
from .records import RemandDecision, YotDisposal, YotIntervention, YoungPerson

DAY = dt.timedelta(days=1)
YOT_FROM = dt.date(2013, 4, 1)
CR, YC, YCC, COURT = "COMMUNITY_RESOLUTION", "YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "COURT"
UB, CB, RLA, YDA = "UNCONDITIONAL_BAIL", "CONDITIONAL_BAIL", "REMAND_LA_ACCOMMODATION", "YDA"
PREVENTION, OOC, RO = "PREVENTION", "OUT_OF_COURT", "REFERRAL_ORDER"
YRO, DTO, OTHER = "YOUTH_REHABILITATION_ORDER", "DTO", "OTHER"
COURT_ORDERS = (RO, YRO, DTO)

# ---------------------------------------------------------------- knobs: counts by quarter
# financial year -> Q1..Q4 (2016: Q1 only, the latest complete quarter at 31 July 2016)
INTERVENTIONS = {2013: (62, 58, 55, 60), 2014: (57, 54, 49, 53), 2015: (51, 50, 42, 55)}
INTERVENTIONS |= {2016: (58,)}
COMMUNITY_RESOLUTIONS = {2013: (95, 90, 86, 80), 2014: (88, 79, 76, 72), 2015: (83, 70, 71, 58)}
COMMUNITY_RESOLUTIONS |= {2016: (58,)}
YOUTH_CAUTIONS = {2013: (40, 38, 35, 33), 2014: (32, 30, 34, 28), 2015: (26, 31, 35, 22)}
YOUTH_CAUTIONS |= {2016: (18,)}
CONDITIONAL_CAUTIONS = {2013: (4, 3, 5, 4), 2014: (4, 2, 3, 4), 2015: (3, 3, 5, 5), 2016: (6,)}
# (decisions other than unconditional bail, of them YDA, unconditional bail decisions)
REMANDS = {
    2013: ((30, 2, 14), (28, 1, 13), (33, 2, 15), (27, 1, 12)),
    2014: ((29, 1, 13), (26, 2, 12), (31, 1, 14), (28, 1, 13)),
    2015: ((25, 1, 12), (34, 1, 15), (31, 1, 14), (34, 1, 16)),
    2016: ((36, 4, 15),),
}
# a month after the latest complete quarter
LATEST_MONTH = {"interventions": 19, CR: 19, YC: 6, YCC: 2, "remands": (12, 1, 5)}
COURT_EXTRA = 12  # court disposals a quarter with no YOT intervention
P_LA_ACCOMMODATION = 0.15  # of the remands other than bail and YDA
REMAND_TO_COURT = 150
INTERVENTION_TYPE = Weighted(
    [(PREVENTION, 0.25), (OOC, 0.28), (RO, 0.22), (YRO, 0.13), (DTO, 0.03), (OTHER, 0.09)]
)
DURATION_DAYS = {
    PREVENTION: (60, 180),
    OOC: (60, 120),
    RO: (90, 365),
    YRO: (180, 720),
    DTO: (120, 730),
    OTHER: (30, 180),
}
# ETE at the end by the quarter the intervention ended in (the share saying Y)
ETE_TARGETS = {
    2013: (0.62, 0.60, 0.58, 0.61),
    2014: (0.60, 0.62, 0.59, 0.57),
    2015: (0.61, 0.60, 0.60, 0.53),
    2016: (0.58, 0.58),
}
ETE_YEAR_TARGETS = {2015: 0.59}  # the year's pooled figure where the document prints one
ETE_WEIGHT = {DTO: 0.4, YRO: 0.8}  # relative chance of ETE at the end (others 1)
FEASIBLE_FROM = 20  # quarters with fewer endings (small scales) keep their endings as drawn

# ---------------------------------------------------------------- knobs: young people
FIRST_AGE = Weighted(
    [(10, 0.02), (11, 0.04), (12, 0.07), (13, 0.11), (14, 0.16), (15, 0.2), (16, 0.22), (17, 0.18)]
)
REMAND_FIRST_AGE = Weighted([(13, 0.08), (14, 0.15), (15, 0.22), (16, 0.28), (17, 0.27)])
SEX = Weighted([("1", 0.8), ("2", 0.19), ("9", 0.01)])
P_KNOWN = 0.35
LINK_WEIGHTS = {LAC: 5.0, CIN_CP: 3.0, "known_before": 1.5, NOT_KNOWN: 0.5, "boy": 2.5}
# share of records going to a young person the YOT knows already, by kind
LINK_TRIES = 400  # draws before a new young person is left unlinked
P_EXISTING = {CR: 0.2, YC: 0.45, YCC: 0.6, "remand": 0.6, PREVENTION: 0.3, OOC: 0.75}
P_EXISTING |= {RO: 0.6, YRO: 0.8, DTO: 0.9, OTHER: 0.5, COURT: 0.6}
P_SAME_CASE = 0.35  # a remand decision at a later hearing of the same case
MIN_GAP = dt.timedelta(days=14)
ACTIVE_DAYS = 540  # a young person whose latest record is older is not picked again
DISPOSAL_BEFORE_TEN = ((2013, 3), (2014, 4))  # (financial year, quarter)
END_BEFORE_START = ((2013, 3), (2014, 2))


@dataclass(slots=True, eq=False)
class _Person:
    dob: dt.date
    sex: str
    child_id: str | None
    died: dt.date | None
    first: dt.date
    history: list[tuple[dt.date, str]] = field(default_factory=list)  # (date, kind)
    last: dt.date = dt.date.min

    def add(self, d: dt.date, kind: str) -> None:
        self.history.append((d, kind))
        self.last = max(self.last, d)

    def eligible(self, d: dt.date) -> bool:
        return age_in_years(self.dob, d) <= 17 and (self.died is None or d < self.died)


@dataclass(slots=True, eq=False)
class _Event:
    date: dt.date
    kind: str  # a disposal type, an intervention type, or "remand"
    outcome: str | None = None  # remand outcome
    person: _Person | None = None
    end: dt.date | None = None
    ete: str | None = None
    hours: int | None = None


def youth_offending(sim) -> None:
    """Write the four YOIS extracts."""
    pool = _LinkPool(SocialCare.of(sim))
    events = _events(sim)
    people = _assign(sim, pool, events)
    events.extend(_court_after_remand(sim, events))
    _ends_and_ete(sim, events)
    _end_before_start(sim, events)
    _write(sim, people, events)


# ---------------------------------------------------------------- events
def _quarters(E: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    """(financial year, quarter, first day, last day) from YOT_FROM, the last one partial."""
    out = []
    d = YOT_FROM
    while d <= E:
        fy = d.year if d.month >= 4 else d.year - 1
        q = ((d.month - 4) % 12) // 3 + 1
        out.append((fy, q, d, min(add_months(d, 3) - DAY, E)))
        d = add_months(d, 3)
    return out


def _quarter_counts(sim, fy: int, q: int, lo: dt.date, hi: dt.date) -> dict[str, object]:
    """The quarter's counts (scaled); a quarter with no target (after the latest complete one)
    gets LATEST_MONTH for each of its months."""
    s = sim.scale
    if fy in INTERVENTIONS and q <= len(INTERVENTIONS[fy]):
        remands = REMANDS[fy][q - 1]
        raw = {
            "interventions": INTERVENTIONS[fy][q - 1],
            CR: COMMUNITY_RESOLUTIONS[fy][q - 1],
            YC: YOUTH_CAUTIONS[fy][q - 1],
            YCC: CONDITIONAL_CAUTIONS[fy][q - 1],
        }
    else:
        months = (hi.year * 12 + hi.month) - (lo.year * 12 + lo.month) + 1
        remands = tuple(v * months for v in LATEST_MONTH["remands"])
        raw = {k: v * months for k, v in LATEST_MONTH.items() if k != "remands"}
    out: dict[str, object] = {k: round(v * s) for k, v in raw.items()}
    other, yda, ub = (round(v * s) for v in remands)
    out["remands"] = (other, min(yda, other), ub)
    out[COURT] = round(COURT_EXTRA * s * ((hi - lo).days + 1) / 91)
    return out


def _days(sim, lo: dt.date, hi: dt.date, weekends: float) -> Weighted:
    pairs = []
    d = lo
    while d <= hi:
        pairs.append((d, 1.0 if sim.wd.is_working_day(d) else weekends))
        d += DAY
    return Weighted(pairs)


def _events(sim) -> list[_Event]:
    """Every quarter's counted records, dated; young people not yet assigned."""
    out: list[_Event] = []
    for fy, q, lo, hi in _quarters(sim.E):
        rng = sim.stream("youth-offending", "events", fy, q)
        counts = _quarter_counts(sim, fy, q, lo, hi)
        any_day, work_day = _days(sim, lo, hi, 0.6), _days(sim, lo, hi, 0.0)
        for kind in (CR, YC, YCC, COURT):
            pick = any_day if kind == CR else work_day
            out.extend(_Event(pick.pick(rng), kind) for _ in range(counts[kind]))
        for _ in range(counts["interventions"]):
            out.append(_Event(work_day.pick(rng), INTERVENTION_TYPE.pick(rng)))
        other, yda, ub = counts["remands"]
        outcomes = [YDA] * yda + [UB] * ub
        outcomes += [RLA if rng.random() < P_LA_ACCOMMODATION else CB for _ in range(other - yda)]
        out.extend(_Event(work_day.pick(rng), "remand", outcome) for outcome in outcomes)
    order = {CR: 0, YC: 1, YCC: 2, "remand": 3, COURT: 4}
    out.sort(key=lambda e: (e.date, order.get(e.kind, 5), e.kind, e.outcome or ""))
    return out


# ---------------------------------------------------------------- young people
def _fq(d: dt.date) -> tuple[int, int]:
    fy = d.year if d.month >= 4 else d.year - 1
    return fy, ((d.month - 4) % 12) // 3 + 1


def _assign(sim, pool: _LinkPool, events: list[_Event]) -> list[_Person]:
    """Give each record its young person (and a court order its COURT disposal)."""
    people: list[_Person] = []
    active: list[_Person] = []  # those with a record in the ACTIVE_DAYS before the quarter
    linked: set[str] = set()
    seq: dict[tuple[int, int], itertools.count] = defaultdict(itertools.count)
    slips = set(DISPOSAL_BEFORE_TEN)
    added: list[_Event] = []
    made: set[int] = set()  # id() of the young people made so far
    current = None
    for e in list(events):
        fq = _fq(e.date)
        if fq != current:
            current = fq
            active = [p for p in people if (e.date - p.last).days <= ACTIVE_DAYS + 92]
        rng = sim.stream("youth-offending", "people", *fq, next(seq[fq]))
        if e.kind == CR and fq in slips:
            slips.discard(fq)
            e.person = _nine_year_old(rng, e.date)
        else:
            e.person = _choose(rng, pool, active, linked, e)
        if id(e.person) not in made:
            made.add(id(e.person))
            people.append(e.person)
            active.append(e.person)
        e.person.add(e.date, e.kind)
        if e.kind in COURT_ORDERS:
            court = e.date - dt.timedelta(days=rng.randint(0, 7))
            court = sim.wd.previous_working_day(court)
            if court < YOT_FROM:
                court = e.date
            added.append(_Event(court, COURT, person=e.person))
            e.person.add(court, COURT)
    events.extend(added)
    return people


def _nine_year_old(rng: random.Random, d: dt.date) -> _Person:
    """A recording slip: a young person whose date of birth makes them nine on the day."""
    dob = d - dt.timedelta(days=9 * 365 + rng.randint(120, 330))
    return _Person(dob, "1", None, None, d)


def _choose(
    rng: random.Random, pool: _LinkPool, people: list[_Person], linked: set[str], e: _Event
) -> _Person:
    kind = "remand" if e.kind == "remand" else e.kind
    unlinked_only = e.outcome in (YDA, RLA)
    d = e.date
    if kind == "remand" and rng.random() < P_SAME_CASE:
        case = [
            p
            for p in people
            if p.eligible(d)
            and any(k == "remand" and 6 <= (d - t).days <= 45 for t, k in p.history[-4:])
            and not (unlinked_only and p.child_id)
        ]
        if case:
            return case[rng.randrange(len(case))]
    if rng.random() < P_EXISTING[kind]:
        person = _existing(rng, people, e, unlinked_only)
        if person is not None:
            return person
    return _new_person(rng, pool, linked, d, kind, unlinked_only)


def _existing(
    rng: random.Random, people: list[_Person], e: _Event, unlinked_only: bool
) -> _Person | None:
    """A young person the YOT knows, under 18, whose latest record is at least MIN_GAP before
    (an out-of-court intervention: after a caution; a court order: after a remand)."""
    d = e.date
    cands, weights = [], []
    for p in people:
        if not p.eligible(d) or (unlinked_only and p.child_id):
            continue
        if d - p.last < MIN_GAP or (d - p.last).days > ACTIVE_DAYS:
            continue
        w = 1.0
        recent = {k for t, k in p.history if (d - t).days <= 120}
        follows = (e.kind == OOC and recent & {YC, YCC}) or (
            e.kind in COURT_ORDERS and "remand" in recent
        )
        if follows:
            w = 8.0
        elif e.kind == PREVENTION and CR in recent:
            w = 4.0
        cands.append(p)
        weights.append(w)
    if not cands:
        return None
    return Weighted(list(zip(cands, weights, strict=True))).pick(rng)


def _new_person(
    rng: random.Random,
    pool: _LinkPool,
    linked: set[str],
    d: dt.date,
    kind: str,
    unlinked_only: bool,
) -> _Person:
    age = (REMAND_FIRST_AGE if kind == "remand" else FIRST_AGE).pick(rng)
    if not unlinked_only and rng.random() < P_KNOWN:
        child = _carefirst_child(rng, pool, linked, d, age)
        if child is not None:
            linked.add(child.child_id)
            return _Person(child.dob, child.sex, child.child_id, child.died, d)
    dob = birthday(d, -age) - dt.timedelta(days=rng.randint(0, 364))
    while age_in_years(dob, d) != age:
        dob += DAY
    return _Person(dob, SEX.pick(rng), None, None, d)


class _LinkPool:
    """The CareFirst children a young person may be, month by month, in order of birth."""

    def __init__(self, care: SocialCare) -> None:
        self.care = care
        self._months: dict[tuple[int, int], tuple[list[dt.date], list[str]]] = {}

    def around(self, d: dt.date, age: int) -> list[str]:
        """The children of the month aged age - 1 to age + 1 on d (a superset: born in the
        range, checked exactly by the caller)."""
        key = (d.year, d.month)
        if key not in self._months:
            rows = sorted((self.care.by_id[c].dob, c) for c in self.care.month(*key))
            self._months[key] = ([r[0] for r in rows], [r[1] for r in rows])
        dobs, ids = self._months[key]
        lo = bisect_left(dobs, fast_birthday(d, -(age + 2)))
        hi = bisect_right(dobs, fast_birthday(d, -(age - 1)))
        return ids[lo:hi]


def _carefirst_child(rng: random.Random, pool: _LinkPool, linked: set[str], d: dt.date, age: int):
    """A CareFirst child aged `age` (or a year either side) on d, alive, not yet linked, drawn
    by LINK_WEIGHTS (by rejection: a child at random, kept with its weight's share of the
    largest)."""
    care = pool.care
    runs_of = care.month(d.year, d.month)
    ids = pool.around(d, age)
    top = max(LINK_WEIGHTS[LAC], LINK_WEIGHTS[CIN_CP]) * LINK_WEIGHTS["boy"]
    for _ in range(LINK_TRIES if ids else 0):
        c = ids[rng.randrange(len(ids))]
        u = rng.random()
        if c in linked:
            continue
        run = next((r for r in runs_of[c] if r[0] <= d <= r[1]), None)
        k = care.by_id[c]
        if run is None or abs(age_in_years(k.dob, d) - age) > 1:
            continue
        status = run[2]
        if status == NOT_KNOWN and care.ever_involved_before(c, d):
            w = LINK_WEIGHTS["known_before"]
        else:
            w = LINK_WEIGHTS[status]
        if k.sex == "1":
            w *= LINK_WEIGHTS["boy"]
        if u * top < w:
            return k
    return None


def _court_after_remand(sim, events: list[_Event]) -> list[_Event]:
    """A COURT disposal after each remand decision that has none within REMAND_TO_COURT days."""
    out = []
    remands = [e for e in events if e.kind == "remand"]
    for i, e in enumerate(remands):
        p = e.person
        assert p is not None
        if any(k == COURT and 0 < (t - e.date).days <= REMAND_TO_COURT for t, k in p.history):
            continue
        rng = sim.stream("youth-offending", "court-after-remand", *_fq(e.date), i)
        court = sim.wd.next_working_day(e.date + dt.timedelta(days=rng.randint(20, 100)))
        if court <= sim.E and p.eligible(court):
            out.append(_Event(court, COURT, person=p))
            p.add(court, COURT)
    return out


# ---------------------------------------------------------------- ends and ETE
def _ends_and_ete(sim, events: list[_Event]) -> None:
    interventions = [e for e in events if e.kind in DURATION_DAYS]
    by_q: dict[tuple[int, int], list[_Event]] = defaultdict(list)
    seq: dict[tuple[int, int], itertools.count] = defaultdict(itertools.count)
    for e in interventions:
        fq = _fq(e.date)
        rng = sim.stream("youth-offending", "duration", *fq, next(seq[fq]))
        end = sim.wd.next_working_day(
            e.date + dt.timedelta(days=rng.randint(*DURATION_DAYS[e.kind]))
        )
        assert e.person is not None
        b18 = birthday(e.person.dob, 18)
        end = min(end, max(e.date + DAY, b18))
        e.end = end if end <= sim.E else None
        if e.end is not None:
            by_q[_fq(e.end)].append(e)
    _feasible_quarters(sim, by_q)
    numerators = _ete_numerators({q: len(v) for q, v in by_q.items()})
    for q, eps in sorted(by_q.items()):
        rng = sim.stream("youth-offending", "ete", *q)
        eps.sort(key=lambda e: (e.end, e.date, e.kind))
        weights = [ETE_WEIGHT.get(e.kind, 1.0) for e in eps]
        yes = set(map(id, _weighted_sample(rng, eps, weights, numerators[q])))
        for e in eps:
            e.ete = "Y" if id(e) in yes else "N"
            assert e.person is not None and e.end is not None
            school_age = age_in_years(e.person.dob, _august_31_before(e.end)) < 16
            if e.ete == "Y":
                e.hours = rng.randint(25, 30) if school_age else rng.randint(16, 30)
            else:
                e.hours = rng.randint(0, 20) if school_age else rng.randint(0, 15)


def _ete_target(q: tuple[int, int]) -> float:
    targets = ETE_TARGETS.get(q[0], ETE_TARGETS[max(ETE_TARGETS)])
    return targets[min(q[1], len(targets)) - 1]


def _feasible_quarters(sim, by_q: dict[tuple[int, int], list[_Event]]) -> None:
    """Where no numerator over a quarter's endings rounds to its target's whole percentage (47
    endings cannot make 61%), the quarter's latest-ending intervention ends on the next
    quarter's first working day instead, quarter by quarter (quarters of FEASIBLE_FROM endings
    or more)."""
    for q in sorted(by_q):
        want = round(100 * _ete_target(q))
        while len(by_q[q]) >= FEASIBLE_FROM and not any(
            _pct(k, len(by_q[q])) == want for k in range(len(by_q[q]) + 1)
        ):
            fy, n = q
            first = dt.date(fy + (n >= 3), (3 * n + 3) % 12 + 1, 1)
            movable = [
                e for e in by_q[q] if e.person is not None and birthday(e.person.dob, 18) > first
            ]
            if not movable:
                break
            e = max(movable, key=lambda e: (e.end, e.date, e.kind))
            by_q[q].remove(e)
            e.end = sim.wd.next_working_day(first)
            if e.end > sim.E:
                e.end = None
            else:
                by_q[_fq(e.end)].append(e)


def _august_31_before(d: dt.date) -> dt.date:
    return dt.date(d.year if d.month >= 9 else d.year - 1, 8, 31)


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keys[: max(0, k)]]


def _pct(n: int, d: int) -> int:
    """A whole percentage, halves up."""
    return int(100 * n / d + 0.5) if d else 0


def _ete_numerators(dens: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Each quarter's ETE numerator: its share of ETE_TARGETS rounding to the target's whole
    percentage; where the year has a pooled target too, the combination whose pool rounds to it
    and lies closest to it."""
    out = {q: round(_ete_target(q) * d) for q, d in dens.items()}
    for fy, pooled in ETE_YEAR_TARGETS.items():
        qs = [(fy, n) for n in (1, 2, 3, 4) if (fy, n) in dens]
        if len(qs) < 4:
            continue
        options = []
        for q in qs:
            want = round(100 * ETE_TARGETS[fy][q[1] - 1])
            ok = [k for k in range(dens[q] + 1) if _pct(k, dens[q]) == want]
            options.append(ok or [out[q]])
        total = sum(dens[q] for q in qs)
        best = min(
            itertools.product(*options),
            key=lambda ks: (
                _pct(sum(ks), total) != round(100 * pooled),
                abs(sum(ks) / total - pooled),
            ),
        )
        out.update(zip(qs, best, strict=True))
    return out


def _end_before_start(sim, events: list[_Event]) -> None:
    """Recording slips: an intervention's end keyed before its start."""
    for fq in END_BEFORE_START:
        rng = sim.stream("youth-offending", "slip-end", *fq)
        cands = [
            e for e in events if e.kind in DURATION_DAYS and e.end is not None and _fq(e.date) == fq
        ]
        if cands:
            e = cands[rng.randrange(len(cands))]
            e.end = e.date - dt.timedelta(days=rng.randint(5, 40))


# ---------------------------------------------------------------- writing
def _write(sim, people: list[_Person], events: list[_Event]) -> None:
    order = {CR: 0, YC: 1, YCC: 2, COURT: 3, "remand": 4}
    events.sort(key=lambda e: (e.date, order.get(e.kind, 5), e.kind, e.outcome or ""))
    ids: dict[int, str] = {}
    for e in events:
        assert e.person is not None
        if id(e.person) not in ids:
            ids[id(e.person)] = sim.next_id("YP", 6)
            p = e.person
            sim.records["yot_young_people"].append(
                YoungPerson(ids[id(p)], p.dob, p.sex, p.child_id)
            )
    for e in events:
        assert e.person is not None
        yp = ids[id(e.person)]
        if e.kind == "remand":
            assert e.outcome is not None
            sim.records["yot_remand_decisions"].append(
                RemandDecision(sim.next_id("YOR", 6), yp, e.date, e.outcome)
            )
        elif e.kind in (CR, YC, YCC, COURT):
            sim.records["yot_disposals"].append(
                YotDisposal(sim.next_id("YOD", 6), yp, e.date, e.kind)
            )
        else:
            sim.records["yot_interventions"].append(
                YotIntervention(sim.next_id("YOI", 6), yp, e.date, e.end, e.kind, e.ete, e.hours)
            )
