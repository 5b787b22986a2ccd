"""The demo authority's disability records (issue 10): CareFirst disabilities and short breaks,
and the education SEN plans (statements and EHC plans).

Run last of the SECTION_PROCESSES: it reads the CareFirst children, referrals, CP plans and LAC
episodes the journeys made (and changes none of them) and writes three extracts. Every draw comes
from a stream of its own (Simulator.stream) keyed by dates, birth cohorts and sequence numbers,
never by identifiers, so tuning one knob leaves the other records' draws as they were.

Disabilities (`carefirst_child_disabilities`, one row per child and CIN census code). Whether a
CareFirst child has a disability recorded is one draw per child, keyed by the date of birth and
the child's place among the children born that day (a disability is lifelong; the record has no
date). The chance: P_DISABILITY_NEED for a child whose referral or period of care gave disability
as the primary need (N2), every child with short-break care (legal status V3/V4); otherwise a
share that rises with the date of the child's latest involvement (RECORDING_RAMP: CareFirst's
disability item was recorded more completely from 2014, with the CIN census's), raised for
children ever looked after (LOOKED_AFTER_FACTOR). A quarter or so have a second code (LD with
COMM, AUT with BEH, MOB with HAND, ...) and a few a third. A few codes are entered twice
(P_CODE_ENTERED_TWICE), a recording slip for the data-quality rules to find.

Short breaks (`carefirst_short_breaks`, from SHORT_BREAKS_FROM): an overnight break for every
V3/V4 episode, and for some disabled children in need a package of overnight, day and other
breaks through the spell of involvement (to the 18th birthday).

SEN plans (`education_sen_plans`). Statements: each academic birth cohort (born 1 September to 31
August) gets STATEMENTS_PER_COHORT statements over its school years, issued at 2 to 14; a
statement ceases on 31 August of the year its young person leaves school (after Year 11, 13 or
14) or earlier if they move away or no longer need it. No statement is issued after August 2014
(the Children and Families Act) but for a few finishing assessments begun before it. From
September 2014 the statements in force are reviewed for transfer (TRANSFER_REVIEWS a month,
those leaving school soon left alone) and, first reviewed first served, transferred (TRANSFERS a
month, at least TRANSFER_MIN_DAYS after the review): the statement ceases the day its EHC plan
(is_transfer Y) is issued; some reviewed statements cease without a plan (NOT_QUALIFYING: the
document's "many children are not qualifying for an EHCP when they are reviewed"). New EHC plans
(is_transfer N, ages 0-23 at the request, mostly school age) come at NEW_EHCPS a month, each with
a request and a duration to issue; those issued in 2014/15 are an exact quota
(FIRST_YEAR_NEW_EHCPS), later years improve by probability. A share of the SEN children are
disabled CareFirst children of the same birth cohort (they keep their CareFirst child_id and date
of birth); the others get new council person ids. Transition plans: at the first annual review
(the anniversary of the first plan's issue) from the start of Year 9, or with a plan issued
later, made with probability P_TRANSITION_AT_REVIEW at each review while a plan is in force.

Edge cases the tests use: every transfer is a statement ceasing the day its EHC plan is issued,
and one falls on 31 March 2016; new plans issued on day 140 and on day 141 after the request
(2014/15); exceptions over 20 weeks (2014/15 on) and within them (2015/16 on); a child born 31
March 2002 (14 on 31 March 2016) whose transition plan is dated that day; children with two or
three codes; looked-after children with a disability.

Calibration (the September 2016 document): CIN with a disability 13.3% (2015-03-31), 15.2%
(2016-03-31), 16.0% (2016-07-31); 1055 statements and 229 EHC plans in force at 2016-03-31, 998
and 330 at 2016-07-31; 398 statements in force at 2016-03-31 with a transfer review started
(37.8%); new EHC plans of 2014/15 within 20 weeks 64.3% excluding exceptions, 50.0% including
them; 44% of the children aged 14 at 2016-03-31 with a plan in force have a transition plan.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .dates import add_months, add_years, birthday, month_end
from .draws import Weighted, days
from .records import ChildDisability, SenPlan, ShortBreak

DAY = dt.timedelta(days=1)
NEVER = dt.date(9999, 12, 31)

# ---------------------------------------------------------------- disabilities
P_DISABILITY_NEED = 0.9  # children whose primary need was disability (N2, referral or care)
# the share of other children with a disability recorded, by their latest involvement's start:
# P_RECORDED_EARLY up to the ramp's first date, rising linearly to P_RECORDED_LATE at its last
RECORDING_RAMP = (dt.date(2014, 10, 1), dt.date(2016, 7, 1))
P_RECORDED_EARLY = 0.044
P_RECORDED_LATE = 0.110
LOOKED_AFTER_FACTOR = 1.5  # the chance above times this for a child ever looked after
P_CODE_ENTERED_TWICE = 0.02  # disabled children with one code entered twice (a recording slip)
P_SECOND_CODE = 0.24  # a disabled child with a second code
P_THIRD_CODE = 0.2  # of those, with a third
# CIN census codes of the main disability (weights, after the national returns' mix)
MAIN_CODES = [
    ("LD", 0.22),
    ("AUT", 0.18),
    ("COMM", 0.12),
    ("BEH", 0.11),
    ("CON", 0.07),
    ("MOB", 0.08),
    ("HAND", 0.03),
    ("PC", 0.04),
    ("INC", 0.02),
    ("HEAR", 0.04),
    ("VIS", 0.03),
    ("DDA", 0.06),
]
# the codes that come with each as a second (or third) one
COMPANION_CODES = {
    "LD": ("COMM", "COMM", "MOB", "BEH", "PC", "CON"),
    "AUT": ("BEH", "BEH", "COMM", "LD"),
    "COMM": ("LD", "AUT", "HEAR"),
    "BEH": ("AUT", "LD", "COMM"),
    "CON": ("LD", "MOB", "PC"),
    "MOB": ("HAND", "PC", "INC", "LD"),
    "HAND": ("MOB", "PC"),
    "PC": ("MOB", "INC", "HAND"),
    "INC": ("PC", "MOB"),
    "HEAR": ("COMM", "LD"),
    "VIS": ("MOB", "LD", "COMM"),
    "DDA": ("BEH", "MOB", "LD"),
}

# ---------------------------------------------------------------- short breaks
SHORT_BREAKS_FROM = dt.date(2013, 1, 1)  # CareFirst records short breaks from then
P_SHORT_BREAK_PACKAGE = 0.11  # a disabled child's spell in need with a package of breaks
PACKAGE_START_DAYS = (14, 120)  # from the spell's start (or SHORT_BREAKS_FROM) to the first
MEAN_DAYS_BETWEEN_BREAKS = 45  # within a package
BREAK_TYPES = [("OVERNIGHT", 0.45), ("DAY", 0.42), ("OTHER", 0.13)]
OVERNIGHT_NIGHTS = (1, 3)  # nights of an overnight break
OTHER_BREAK_DAYS = (0, 6)  # an OTHER break (a holiday scheme, an activity) lasts this long

# ---------------------------------------------------------------- statements
CFA_START = dt.date(2014, 9, 1)  # the Children and Families Act: EHC plans replace statements
SEN_HISTORY_FROM = dt.date(2008, 4, 1)  # statements ceased before then are not in the extract
STATEMENT_COHORTS = (1988, 2012)  # academic birth cohorts (born 1 Sep Y to 31 Aug Y+1)
STATEMENTS_PER_COHORT = 147  # statements issued to each cohort over its school years
# age at issue (years, inclusive ranges) and weights
STATEMENT_ISSUE_AGE = [((2, 4), 0.30), ((5, 7), 0.32), ((8, 10), 0.22), ((11, 14), 0.16)]
# age on the 31 August the statement ceases on leaving school (Year 11, 13 or 14) and weights
LEAVING_AGE = [(16, 0.40), (18, 0.35), (19, 0.25)]
MOVED_PER_YEAR = 0.025  # statements ceasing otherwise (moved away, no longer needed): a rate
# statements issued after CFA_START finished assessments begun before it; the cohort's others
# drawn after it are left out (new EHC plans take their place)
P_LATE_STATEMENT = 0.5  # a statement issued from CFA_START kept (to LAST_STATEMENT)
LAST_STATEMENT = dt.date(2015, 2, 28)  # the last statement issued
# transfer reviews started a month (from the month's first day), transfers completed a month,
# and reviewed statements ceased without an EHC plan a month (piecewise: from date, per month)
TRANSFER_REVIEWS = [(CFA_START, 12.0), (dt.date(2015, 9, 1), 52.0), (dt.date(2016, 4, 1), 40.0)]
TRANSFERS = [(dt.date(2014, 11, 1), 4.0), (dt.date(2015, 9, 1), 8.6), (dt.date(2016, 4, 1), 12.0)]
NOT_QUALIFYING = [(dt.date(2015, 3, 1), 1.0), (dt.date(2016, 4, 1), 2.0)]
TRANSFER_MIN_DAYS = 70  # from the review's start to the transfer (or the decision not to)
REVIEW_SPARE_MONTHS = 9  # statements ceasing sooner (leaving school) are not reviewed
TRANSFER_ON = dt.date(2016, 3, 31)  # the last transfer of that month is dated that day
EHCP_CEASED_PER_YEAR = 0.02  # EHC plans ceasing (moved away, no longer needed): a rate

# ---------------------------------------------------------------- new EHC plans
FY_2014_END = dt.date(2015, 3, 31)  # the end of 2014/15, the quota's year
# 2014/15's new plans by duration (an exact quota: 18 within 20 weeks, 10 over, 8 with an
# exception all over: 18/28 = 64.3% excluding exceptions, 18/36 = 50.0% including them)
FIRST_YEAR_NEW_EHCPS = [("within", 18), ("over", 10), ("exception_over", 8)]
# new EHC plans issued a month from 2015/16 (piecewise: from date, per month)
NEW_EHCPS = [(dt.date(2015, 4, 1), 8.1), (dt.date(2016, 4, 1), 14.25)]
# by financial year of issue: (P exception, P within 20 weeks without one, P within with one)
NEW_EHCP_TIMELINESS = {2015: (0.10, 0.70, 0.3), 2016: (0.08, 0.76, 0.3)}
WITHIN_DAYS = (77, 140)  # request to issue, within 20 weeks
OVER_DAYS = (141, 230)  # over 20 weeks
# age at the request (years, inclusive ranges) and weights
NEW_EHCP_AGE = [
    ((0, 1), 0.04),
    ((2, 4), 0.17),
    ((5, 10), 0.36),
    ((11, 15), 0.27),
    ((16, 19), 0.13),
    ((20, 23), 0.03),
]
EHCP_LAST_BIRTHDAY = 25  # an EHC plan ceases at 25
P_KNOWN_TO_CAREFIRST = 0.15  # SEN children who are disabled CareFirst children

# ---------------------------------------------------------------- transition plans
P_TRANSITION_AT_REVIEW = 0.55  # a transition plan made (and recorded) at an annual review
EDGE_BIRTH = dt.date(2002, 3, 31)  # a child 14 on 31 March 2016, transition plan that day


def disability(sim) -> None:
    """Write carefirst_child_disabilities, carefirst_short_breaks and education_sen_plans."""
    known = _known_children(sim)
    codes = child_disabilities(sim, known)
    short_breaks(sim, known, codes)
    sen_plans(sim, [k for k in known if k.child_id in codes])


# ---------------------------------------------------------------- helpers
def _age_range(rng: random.Random, weighted: Weighted) -> int:
    lo, hi = weighted.pick(rng)
    return rng.randint(lo, hi)


def _cohort(dob: dt.date) -> int:
    """The academic birth cohort: the year of the 1 September starting the child's school year."""
    return dob.year if dob.month >= 9 else dob.year - 1


def _open_at(start: dt.date, end: dt.date | None, d: dt.date) -> bool:
    return start <= d and (end is None or end > d)


def _merge(intervals: list[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    """Merge [start, end) intervals (end None = open) that overlap or touch."""
    out: list[list] = []
    for start, end in sorted(intervals, key=lambda i: (i[0], i[1] or NEVER)):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            if out[-1][1] is not None and (end is None or end > out[-1][1]):
                out[-1][1] = end
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def _monthly_counts(
    table: list[tuple[dt.date, float]], first: dt.date, last: dt.date, scale: float
) -> list[tuple[dt.date, int]]:
    """Whole counts for each month from `first` to `last` (first days) following a piecewise
    monthly rate, rounded on the running total so that no fraction is lost."""
    out, cum, done = [], 0.0, 0
    m = first
    while m <= last:
        rate = next((r for start, r in reversed(table) if m >= start), 0.0)
        cum += rate * scale
        n = round(cum) - done
        done += n
        out.append((m, n))
        m = add_months(m, 1)
    return out


def _days_in_month(rng: random.Random, month: dt.date, n: int, last: dt.date) -> list[dt.date]:
    """n sorted days of the month starting `month`, none after `last`."""
    top = (min(month_end(month), last) - month).days
    return sorted(month + dt.timedelta(days=rng.randint(0, top)) for _ in range(n))


# ---------------------------------------------------------------- CareFirst children
@dataclass(slots=True)
class _Known:
    """What the process reads of a CareFirst child."""

    child_id: str
    dob: dt.date
    died: dt.date | None
    seq: int  # the child's place among the children born the same day (by first involvement)
    spells: list  # merged [start, end) spells in need (referrals not NFA, CP plans, care)
    first: dt.date  # first involvement (any referral, plan or episode)
    last: dt.date  # the latest involvement's start
    need_disability: bool  # a referral's primary need or a period of care's category was N2
    looked_after: bool  # ever looked after (short-break care aside)
    short_break_episodes: list  # V3/V4 episodes


def _known_children(sim) -> list[_Known]:
    """The CareFirst children, in order of birth and first involvement."""
    starts: dict[str, list[dt.date]] = defaultdict(list)
    spells: dict[str, list] = defaultdict(list)
    need: set[str] = set()
    looked_after: set[str] = set()
    breaks: dict[str, list] = defaultdict(list)
    for r in sim.records["carefirst_referrals"]:
        starts[r.child_id].append(r.referral_date)
        if r.is_nfa != "Y":
            spells[r.child_id].append((r.referral_date, r.closure_date))
            if r.primary_need_code == "N2":
                need.add(r.child_id)
    for p in sim.records["carefirst_cp_plans"]:
        starts[p.child_id].append(p.start_date)
        spells[p.child_id].append((p.start_date, p.end_date))
    for e in sim.records["carefirst_lac_episodes"]:
        starts[e.child_id].append(e.start_date)
        spells[e.child_id].append((e.start_date, e.end_date))
        if e.category_of_need == "N2":
            need.add(e.child_id)
        if e.legal_status in ("V3", "V4"):
            breaks[e.child_id].append(e)
        else:
            looked_after.add(e.child_id)
    rows = []
    for c in sim.records["carefirst_children"]:
        dates = starts.get(c.child_id) or [c.date_of_birth]
        rows.append(
            _Known(
                child_id=c.child_id,
                dob=c.date_of_birth,
                died=c.date_of_death,
                seq=0,
                spells=_merge(spells.get(c.child_id, [])),
                first=min(dates),
                last=max(dates),
                need_disability=c.child_id in need,
                looked_after=c.child_id in looked_after,
                short_break_episodes=sorted(
                    breaks.get(c.child_id, []), key=lambda e: (e.start_date, e.episode_id)
                ),
            )
        )
    rows.sort(key=lambda k: (k.dob, k.first, k.child_id))
    for i, k in enumerate(rows):
        if i and rows[i - 1].dob == k.dob:
            k.seq = rows[i - 1].seq + 1
    return rows


# ---------------------------------------------------------------- disabilities
def _p_disability(k: _Known) -> float:
    """The chance that a CareFirst child has a disability recorded."""
    if k.short_break_episodes:
        return 1.0
    if k.need_disability:
        return P_DISABILITY_NEED
    lo, hi = RECORDING_RAMP
    x = min(1.0, max(0.0, (k.last - lo).days / (hi - lo).days))
    p = P_RECORDED_EARLY + (P_RECORDED_LATE - P_RECORDED_EARLY) * x
    return min(1.0, p * (LOOKED_AFTER_FACTOR if k.looked_after else 1.0))


MAIN_CODE = Weighted(MAIN_CODES)


def _draw_codes(rng: random.Random) -> list[str]:
    """A disabled child's codes: the main one, perhaps a companion or two."""
    codes = [MAIN_CODE.pick(rng)]
    if rng.random() < P_SECOND_CODE:
        codes.append(rng.choice(COMPANION_CODES[codes[0]]))
        if rng.random() < P_THIRD_CODE:
            codes.append(rng.choice(COMPANION_CODES[codes[1]]))
    return list(dict.fromkeys(codes))  # a companion's companion may repeat the first


def child_disabilities(sim, known: list[_Known]) -> dict[str, list[str]]:
    """Which CareFirst children have a disability recorded, and its codes (child_id -> codes)."""
    out: dict[str, list[str]] = {}
    for k in known:
        rng = sim.stream("disability", k.dob, k.seq)
        if rng.random() < _p_disability(k):
            out[k.child_id] = _draw_codes(rng)
    rows = sim.records["carefirst_child_disabilities"]
    for child_id in sorted(out):
        rows.extend(ChildDisability(child_id=child_id, disability_code=c) for c in out[child_id])
    # a recording slip the data-quality rules find (disability_code_repeated): a code entered
    # twice for a child (the measures count children, once)
    for k in known:
        codes = out.get(k.child_id)
        if codes and sim.stream("disability-slip", k.dob, k.seq).random() < P_CODE_ENTERED_TWICE:
            rows.append(ChildDisability(child_id=k.child_id, disability_code=codes[0]))
    return out


# ---------------------------------------------------------------- short breaks
BREAK_TYPE = Weighted(BREAK_TYPES)


def _package(sim, k: _Known, start: dt.date, end: dt.date | None) -> list[tuple]:
    """A package of breaks through one spell in need: (start, end, type) tuples."""
    rng = sim.stream("short-breaks", k.dob, start)
    if rng.random() >= P_SHORT_BREAK_PACKAGE:
        return []
    stop = min(end or NEVER, birthday(k.dob, 18), sim.E + DAY)
    t = max(start, SHORT_BREAKS_FROM) + days(rng, PACKAGE_START_DAYS)
    out = []
    while t < stop:
        kind = BREAK_TYPE.pick(rng)
        if kind == "OVERNIGHT":
            b_end = t + days(rng, OVERNIGHT_NIGHTS)
        elif kind == "OTHER":
            b_end = t + days(rng, OTHER_BREAK_DAYS)
        else:
            b_end = t
        out.append((t, b_end if b_end <= sim.E else None, kind))
        t = b_end + dt.timedelta(days=max(3, int(rng.expovariate(1 / MEAN_DAYS_BETWEEN_BREAKS))))
    return out


def short_breaks(sim, known: list[_Known], codes: dict[str, list[str]]) -> None:
    """An overnight break for each short-break episode (V3/V4) and packages of breaks for some
    disabled children in need, from SHORT_BREAKS_FROM."""
    found = []
    for k in known:
        if k.child_id not in codes:
            continue
        if k.short_break_episodes:
            for e in k.short_break_episodes:
                if e.start_date >= SHORT_BREAKS_FROM:
                    found.append((e.start_date, k.dob, k.child_id, e.end_date, "OVERNIGHT"))
            continue
        for start, end in k.spells:
            if start > sim.E or (end is not None and end <= SHORT_BREAKS_FROM):
                continue
            for b_start, b_end, kind in _package(sim, k, start, end):
                found.append((b_start, k.dob, k.child_id, b_end, kind))
    rows = sim.records["carefirst_short_breaks"]
    for b_start, _, child_id, b_end, kind in sorted(found):
        rows.append(
            ShortBreak(
                break_id=sim.next_id("SB", 6),
                child_id=child_id,
                start_date=b_start,
                end_date=b_end,
                break_type=kind,
            )
        )


# ---------------------------------------------------------------- SEN plans
@dataclass(slots=True)
class _Chain:
    """One child's SEN plans: a statement (perhaps transferred to an EHC plan, or ceased at its
    transfer review) or a new EHC plan."""

    key: tuple  # the stream key of the chain's draws
    cohort: int
    dob: dt.date
    statement: dt.date | None = None  # the statement's issue
    natural_end: dt.date = NEVER  # the statement's end, if never transferred (may be after E)
    priority: float = 0.0  # order of the transfer reviews
    review: dt.date | None = None
    transfer: dt.date | None = None  # the statement's transfer to an EHC plan
    not_qualifying: dt.date | None = None  # the statement ceased at review, no EHC plan
    ehcp: dt.date | None = None  # the EHC plan's issue
    request: dt.date | None = None  # a new EHC plan's request
    exception: bool | None = None
    ehcp_end: dt.date | None = None
    child_id: str | None = None
    linkable: bool = True
    transition: dt.date | None = None
    forced_transition: bool = False

    def start(self) -> dt.date:
        first = self.statement or self.ehcp
        assert first is not None  # every chain has a statement or an EHC plan
        return first

    def statement_end(self) -> dt.date:
        return self.transfer or self.not_qualifying or self.natural_end

    def end(self) -> dt.date:
        if self.ehcp is not None:
            return self.ehcp_end or NEVER
        return self.statement_end()


STATEMENT_AGE = Weighted(STATEMENT_ISSUE_AGE)
LEAVING = Weighted(LEAVING_AGE)
NEW_AGE = Weighted(NEW_EHCP_AGE)


def _ehcp_end(rng: random.Random, issued: dt.date, dob: dt.date, E: dt.date) -> dt.date | None:
    end = issued + dt.timedelta(days=int(rng.expovariate(EHCP_CEASED_PER_YEAR) * 365.25))
    end = min(end, birthday(dob, EHCP_LAST_BIRTHDAY))
    return end if end <= E else None


def _statement(sim, cohort: int, i: int) -> _Chain | None:
    """The i-th statement of a birth cohort (None when it falls outside the extract)."""
    rng = sim.stream("sen-statement", cohort, i)
    dob = dt.date(cohort, 9, 1) + days(rng, (0, 364))
    issued = add_years(dob, _age_range(rng, STATEMENT_AGE)) + days(rng, (0, 364))
    leaving = dt.date(cohort + 1 + LEAVING.pick(rng), 8, 31)
    moved = issued + dt.timedelta(days=int(rng.expovariate(MOVED_PER_YEAR) * 365.25))
    if issued >= CFA_START and (issued > LAST_STATEMENT or rng.random() >= P_LATE_STATEMENT):
        return None
    end = min(leaving, moved)
    if issued > sim.E or end < SEN_HISTORY_FROM or end <= issued:
        return None
    return _Chain(
        key=("statement", cohort, i),
        cohort=cohort,
        dob=dob,
        statement=issued,
        natural_end=end,
        priority=rng.random(),
    )


def _edge_statement() -> _Chain:
    """The child 14 on 31 March 2016: a statement issued on the seventh birthday, its annual
    reviews on 31 March, the first from Year 9 on the 14th birthday making the transition plan."""
    return _Chain(
        key=("statement-edge", EDGE_BIRTH),
        cohort=_cohort(EDGE_BIRTH),
        dob=EDGE_BIRTH,
        statement=add_years(EDGE_BIRTH, 7),
        natural_end=dt.date(_cohort(EDGE_BIRTH) + 20, 8, 31),
        priority=2.0,  # never reviewed for transfer before the extraction date
        linkable=False,
        forced_transition=True,
    )


def _statements(sim) -> list[_Chain]:
    """Every cohort's statements in the extract, and the edge case's."""
    first, last = STATEMENT_COHORTS
    n = round(STATEMENTS_PER_COHORT * sim.scale)
    chains = [c for y in range(first, last + 1) for i in range(n) if (c := _statement(sim, y, i))]
    return [*chains, _edge_statement()]


def _transfers(sim, chains: list[_Chain]) -> None:
    """Transfer reviews from September 2014, then transfers (or ceasing without an EHC plan), first
    reviewed first served: exact monthly counts."""
    E = sim.E
    last = E.replace(day=1)
    statements = sorted((c for c in chains if c.statement), key=lambda c: (c.priority, c.key))
    months = zip(
        _monthly_counts(TRANSFER_REVIEWS, CFA_START, last, sim.scale),
        _monthly_counts(TRANSFERS, CFA_START, last, sim.scale),
        _monthly_counts(NOT_QUALIFYING, CFA_START, last, sim.scale),
        strict=True,
    )
    queue: list[_Chain] = []  # reviewed, in order of review
    for (month, n_reviews), (_, n_transfers), (_, n_declined) in months:
        rng = sim.stream("sen-transfers", month)
        spare = add_months(month, REVIEW_SPARE_MONTHS)
        candidates = (
            c
            for c in statements
            if c.review is None and c.statement <= month and c.natural_end > spare
        )
        for day, c in zip(_days_in_month(rng, month, n_reviews, E), candidates, strict=False):
            c.review = day
            queue.append(c)
        days = _days_in_month(rng, month, n_transfers, E)
        if days and month <= TRANSFER_ON <= month_end(month):
            days[-1] = TRANSFER_ON
        outcomes = [(d, "transfer") for d in days]
        outcomes += [(d, "declined") for d in _days_in_month(rng, month, n_declined, E)]
        for day, outcome in sorted(outcomes):
            c = next(
                (
                    c
                    for c in queue
                    if c.review <= day - dt.timedelta(days=TRANSFER_MIN_DAYS)
                    and c.natural_end > day
                ),
                None,
            )
            if c is None:
                continue
            queue.remove(c)
            if outcome == "declined":
                c.not_qualifying = day
                continue
            c.transfer = c.ehcp = day
            c.ehcp_end = _ehcp_end(sim.stream("sen-statement", *c.key, "ehcp"), day, c.dob, E)
        queue = [c for c in queue if c.natural_end > month_end(month)]


def _duration(rng: random.Random, kind: str) -> int:
    """Days from the request to the issue, by the plan's kind."""
    if kind in ("within", "exception_within"):
        return rng.randint(*WITHIN_DAYS)
    return rng.randint(*OVER_DAYS)


def _new_ehcp(sim, key: tuple, issued: dt.date, kind: str, duration: int) -> _Chain:
    """A new EHC plan issued on `issued`, requested `duration` days before (not before the Act),
    for a child whose age at the request follows NEW_EHCP_AGE."""
    rng = sim.stream("sen-new-ehcp", *key, "child")
    request = max(issued - dt.timedelta(days=duration), CFA_START)
    dob = add_years(request, -_age_range(rng, NEW_AGE)) - days(rng, (0, 364))
    return _Chain(
        key=key,
        cohort=_cohort(dob),
        dob=dob,
        ehcp=issued,
        request=request,
        exception=kind.startswith("exception"),
        ehcp_end=_ehcp_end(rng, issued, dob, sim.E),
    )


def _first_year_new_ehcps(sim) -> list[_Chain]:
    """2014/15's new EHC plans: an exact quota by duration; the first within 20 weeks on day 140
    and the first over on day 141."""
    out = []
    room = (FY_2014_END - CFA_START).days
    for kind, n in FIRST_YEAR_NEW_EHCPS:
        for i in range(round(n * sim.scale)):
            rng = sim.stream("sen-new-ehcp", "2014/15", kind, i)
            duration = min(_duration(rng, kind), room)
            if i == 0 and kind in ("within", "over"):
                duration = 140 if kind == "within" else 141
            issued = CFA_START + dt.timedelta(days=rng.randint(duration, room))
            if issued > sim.E:
                continue
            out.append(_new_ehcp(sim, ("2014/15", kind, i), issued, kind, duration))
    return out


def _kind(rng: random.Random, issued: dt.date) -> str:
    """Within or over 20 weeks, with an exception or not, by the financial year of issue."""
    fy = issued.year if issued.month >= 4 else issued.year - 1
    p_exception, p_within, p_within_exception = NEW_EHCP_TIMELINESS[
        min(max(fy, min(NEW_EHCP_TIMELINESS)), max(NEW_EHCP_TIMELINESS))
    ]
    if rng.random() < p_exception:
        return "exception_within" if rng.random() < p_within_exception else "exception_over"
    return "within" if rng.random() < p_within else "over"


def _new_ehcps(sim) -> list[_Chain]:
    """2014/15's quota, then NEW_EHCPS a month."""
    out = _first_year_new_ehcps(sim)
    first = FY_2014_END + DAY
    for month, n in _monthly_counts(NEW_EHCPS, first, sim.E.replace(day=1), sim.scale):
        rng = sim.stream("sen-new-ehcp", month)
        for i, issued in enumerate(_days_in_month(rng, month, n, sim.E)):
            kind = _kind(rng, issued)
            out.append(_new_ehcp(sim, (month, i), issued, kind, _duration(rng, kind)))
    return out


def _link_carefirst(sim, chains: list[_Chain], disabled: list[_Known]) -> None:
    """Give some SEN children a disabled CareFirst child of their birth cohort (id and birth)."""
    pool: dict[int, list[_Known]] = defaultdict(list)
    for k in disabled:
        if k.died is None:
            pool[_cohort(k.dob)].append(k)
    for chain in chains:
        if not chain.linkable:
            continue
        rng = sim.stream("sen-link", *chain.key)
        if rng.random() >= P_KNOWN_TO_CAREFIRST:
            continue
        latest_birth = (chain.request or chain.start()) - dt.timedelta(days=60)
        fits = [i for i, k in enumerate(pool[chain.cohort]) if k.dob <= latest_birth]
        if fits:
            k = pool[chain.cohort].pop(fits[rng.randrange(len(fits))])
            chain.child_id, chain.dob = k.child_id, k.dob


def _reviews(start: dt.date, year9: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The annual reviews from Year 9 (a plan issued later: its issue first) before `end`."""
    if start >= year9:
        yield start
    n = 1
    while (d := add_years(start, n)) < end:
        if d >= year9:
            yield d
        n += 1


def _transition(sim, chain: _Chain) -> dt.date | None:
    """The transition plan: made at the first annual review from the start of Year 9 (or with a
    plan issued later), or at a later review, while a plan is in force."""
    year9 = dt.date(chain.cohort + 14, 9, 1)
    rng = sim.stream("sen-transition", *chain.key)
    for d in _reviews(chain.start(), year9, min(chain.end(), sim.E + DAY)):
        if chain.forced_transition or rng.random() < P_TRANSITION_AT_REVIEW:
            return d
    return None


def sen_plans(sim, disabled: list[_Known]) -> None:
    """Statements, their transfers, new EHC plans and transition plans."""
    chains = _statements(sim)
    _transfers(sim, chains)
    chains += _new_ehcps(sim)
    chains.sort(key=lambda c: (c.start(), tuple(map(str, c.key))))
    _link_carefirst(sim, chains, disabled)
    rows = sim.records["education_sen_plans"]
    for chain in chains:
        if chain.child_id is None:
            chain.child_id = sim.next_id("C", 6)
        chain.transition = _transition(sim, chain)
        rows.extend(_plan_rows(sim, chain))


def _plan_rows(sim, chain: _Chain) -> list[SenPlan]:
    """The chain's statement and EHC plan rows (the transition plan on each in force then or
    later: an EHC plan keeps its statement's)."""
    out = []
    t = chain.transition
    if chain.statement is not None:
        end = chain.statement_end()
        out.append(
            SenPlan(
                plan_id=sim.next_id("SEN", 6),
                child_id=chain.child_id,
                date_of_birth=chain.dob,
                plan_type="STATEMENT",
                is_transfer="N",
                request_date=None,
                issued_date=chain.statement,
                has_exception=None,
                ceased_date=end if end <= sim.E else None,
                transfer_review_date=chain.review,
                transition_plan_date=t if t is not None and t < end else None,
            )
        )
    if chain.ehcp is not None:
        out.append(
            SenPlan(
                plan_id=sim.next_id("SEN", 6),
                child_id=chain.child_id,
                date_of_birth=chain.dob,
                plan_type="EHCP",
                is_transfer=sim.yn(chain.transfer is not None),
                request_date=chain.request,
                issued_date=chain.ehcp,
                has_exception=None if chain.exception is None else sim.yn(chain.exception),
                ceased_date=chain.ehcp_end,
                transfer_review_date=None,
                transition_plan_date=t,
            )
        )
    return out
