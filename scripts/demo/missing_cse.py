"""The demo authority's missing, exploitation and assessment-factor records (issue 12): CareFirst's
missing and away episodes with their return home interviews, the CSE screenings, the MASE
meetings' discussions, and the CIN census factors at the end of assessment.

Run as one of simulate.py's SECTION_PROCESSES, after education: it reads the CareFirst children,
referrals, CP plans, LAC episodes and assessments (and changes none of them: no
carefirst_children row is added, see "Children" below) and writes `carefirst_missing_episodes`,
`carefirst_cse_screenings`, `carefirst_mase_discussions` and `carefirst_assessment_factors`.
Every draw comes from a stream of its own (Simulator.stream("missing" | "cse" |
"assessment-factors", ...)) keyed by months, quarters, years and sequence numbers, never by an
identifier, so tuning one month leaves the other months' draws alone. Identifiers are given at
the end, in date order: MEP + six digits (episodes), CSE + six digits (screenings), MASE + four
digits (meetings). Records begin on HISTORY_FROM (1 April 2013, the first year column's start).

Status (SocialCare, shared with youth_offending.py), as the issue 12 definitions read it: at a
date d a child is `lac` if a LAC episode is open at d (start <= d, end empty or after d; short
breaks, legal status V3/V4, left out), else `cin_cp` if a CP plan or a referral not ending in
NFA (is_nfa Y never counts) is open at d, else `not_known_to_social_care`.

Children. Every child_id of a carefirst_ extract must be a carefirst_children row (the demo test
test_identifiers_are_unique_strings_and_references_resolve), and adding rows to that extract
could move other sections' figures, so the episodes of children "not known to social care" are
those of CareFirst children with nothing open on the day: children whose involvement ended
before (most), children referred only later, and privately fostered children (who have no
referral). None of them is a new person.

Missing episodes (`carefirst_missing_episodes`). Children aged 10-17 on the day (AGE_WEIGHT,
older ones more), alive. Each month from April 2013 has a target per status: incidents and young
people (distinct children), and a number of children counted under two statuses that month (a
child missing while looked after and again after care ended: the splits' young people minus the
month's young people). December 2015 to July 2016 are the document's monthly table
(DOCUMENT_MONTHS, cell by cell); the months before get about 31 incidents (MONTH_MEAN, MONTH_SD,
MONTH_RANGE) split by STATUS_SHARE, with YP_PER_INCIDENT distinct children and an overlap child
every other month (P_OVERLAP). The document's June 2016 splits add up to 37 incidents (27 young
people) though its total reads 38 (28): the one incident it left out of every split is, by the
definitions' "otherwise", not known to social care (8 (7) here, the total 38 (28) kept); its
July splits add up to 29 though the total reads 28: one incident counted twice, the demo keeps
the total and the LAC split (first match wins) and prints CIN/CP 11 (10) for 12 (10). Placement:
the overlap children first (children with two statuses in the month, one incident under each),
then each status's other children drawn from the children with days of that status (weighted by
age, by a missing episode in the 90 days before: REPEAT_WEIGHT, and for looked after children in
residential care, RESIDENTIAL_WEIGHT), the incidents spread over them (each at least one, a long
tail: a few children go missing many times), each on a day of the child's status, at a time of
day from HOUR_WEIGHT (evenings most), two or more the same day in separate slots. Durations are
lognormal (median DURATION_MEDIAN_HOURS), each episode ending at least 30 minutes before the
child's next one starts. Away episodes (A: never counted, AWAY_SHARE of a month's M episodes) of
looked after children; episodes of children placed here by another authority (OTHER_LA_CHILDREN
children, responsible_la_code one of OTHER_LA_CODES, the run's own code never among them; about
OTHER_LA_PER_MONTH a month: left out of every measure); P_OWN_CODE of the own episodes carry the
run's own code in responsible_la_code (responsible, as an empty one). An episode ending after
the extraction date is still open (no end, no interview); one episode each of June and July 2016
too (OPEN_AT_EXTRACTION: children still missing). Edge cases: a January 2016 episode starting
2016-01-31 23:59 (January) and a February one at 2016-02-01 00:00 (February), each of a child
with the same status on the moved day (no cell moves).

Return home interviews. The episodes of each calendar quarter's denominator (M, responsible,
ending in the quarter) get exactly round(p x n) offers within 72 hours of the return and round(q
x n) interviews held within 72 hours (RHI_TARGETS: the document's 2014/15 Q4 33%/22%, 2015/16 Q4
67%/49%, 2016/17 Q1 70%/39%, other quarters between). An interview within 72 hours was offered
earlier; of the offers within 72 hours without one, OFFERED_NOT_HELD declined (is_rhi_accepted
N), held late or not held; of the others NOT_OFFERED: not offered (N), offered late (then held,
declined or not held), or flagged offered without an offer time (counted as not offered). Edge
cases (RHI_EDGE_QUARTERS): an interview exactly 72h00 after the return (within), one at 72h01
(late), an offer at 72h00 (within) and one at 72h01 (late). Interview and offer times after the
extraction date are not yet recorded (empty).

CSE screenings (`carefirst_cse_screenings`). Children at risk follow a trajectory: a first
positive screening (FIRST_RISK) then a rescreen every RESCREEN_DAYS by level, the level moving
by RISK_MOVES (mostly down) until a NONE screening ends the risk or the child turns 18 (no more
screenings: the risk lapses 12 months on). Trajectories start at TRAJECTORIES_PER_MONTH (from
WARM_UP, a year before the history, so that the first year's children at risk are not all new;
of their screenings before HISTORY_FROM only the one in force on that day is written), of
children aged 11-16 (girls GIRL_WEIGHT, recently missing, looked after or in need more:
TRAJECTORY_WEIGHTS). Those give about 150 children at risk at each 31 March and at the
extraction date (the document: to be confirmed). The other screenings are NONE, of children aged
10-17 on working days outside their trajectories (looked after and in need children more), so
that each financial year has SCREENINGS_PER_YEAR screenings (2016/17:
SCREENINGS_PER_MONTH_LATEST a month); exactly BARNARDOS_JST of them use the Barnardo's joint
screening tool (the document's 2796 in 2014/15, 3368 in 2015/16; 2016/17 BARNARDOS_SHARE), the
others OTHER. Edge cases: SAME_DAY_TIES trajectories begin with a NONE screening and the
positive one on the same day, the positive with the higher screening_id (ties: the highest id is
the latest).

MASE (`carefirst_mase_discussions`): meetings on the second and fourth Tuesday of the month (not
the fourth in December: 23 a year), meeting_id shared by the children discussed. A child whose
screening is HIGH (or MEDIUM) joins MASE with P_MASE, is discussed at the first meeting at least
three days after it and then at P_DISCUSSED of the meetings while the latest screening is MEDIUM
or HIGH, at that level; a LOW screening gets one last discussion at LOW; a NONE screening ends
it (P_CLOSING_DISCUSSION: after one last discussion at LOW), as does the 18th birthday. Then
2015/16 is tuned to the document's 63 of 70 (RISK_REDUCED): children with two or more
discussions that year are added (another discussion at a later meeting of the year) or removed
(their later discussions of the year dropped) until there are 70, and the latest discussion's
level moved (one level below the first, or back to it) until 63 reduced. Recording slips:
MASE_WITHOUT_SCREENING children discussed once with no screening before the meeting (2013/14 and
2014/15).

Assessment factors (`carefirst_assessment_factors`): every assessment authorised from
HISTORY_FROM gets the CIN census factors at the end of assessment (DfE CIN census, factors code
set: 1A-7A, 8F privately fostered, 9A UASC, 10A missing, 11A child sexual exploitation, 12A
trafficking, 13A gangs, 14A-17A, 18A physical and 19A sexual abuse, 20 other, 21 no factors, 22A
female genital mutilation, 23A abuse linked to faith or belief; 24A came later) each with
FACTOR_P (some by age), 9A for UASC children, 10A (P_MISSING_FACTOR) after a missing episode in
the 90 days before, 11A (P_CSE_FACTOR) after a positive CSE screening in the 120 days before; 21
when none applies (P_NO_FACTORS_CODED of them: no row at all). 22A: exactly FGM_ASSESSMENTS a
financial year (a handful), assessments of girls (FGM_ETHNICITY_WEIGHT), one girl with two in
2015/16 when there is one (fgm_children one less than assessments). Note: the contract's example
"4A child sexual exploitation" is not the CIN census's code (4A is the child's mental health,
11A is CSE).

Recording slips for the data-quality rules, kept out of the calibrated windows: END_BEFORE_START
episodes whose end was keyed a day early (before the start; November 2013, May 2014),
RHI_BEFORE_RETURN interviews keyed before the return (August 2013, September 2014), and the MASE
discussions above.

Calibration (scale 1.0, the issue 12 definitions): the monthly table December 2015 - July 2016
cell by cell (but the two cells above); return home interviews within 72 hours 33%/22% (2014/15
Q4), 67%/49% (2015/16 Q4), 70%/39% (2016/17 Q1) to the rounding of one quarter's episodes; CSE
risk reduced 63 of 70 in 2015/16; Barnardo's screenings 2796 and 3368; about 150 children at
risk, 23 MASE meetings a year; FGM 5-11 assessments a year. At other scales every count is
scaled and rounded, the targets a pool cannot meet are met as far as it can.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import weakref
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import add_months, age_in_years, birthday
from .draws import Weighted, poisson
from .params import Curve
from .records import AssessmentFactor, CseScreening, MaseDiscussion, MissingEpisode

DAY = dt.timedelta(days=1)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
H72 = dt.timedelta(hours=72)

HISTORY_FROM = dt.date(2013, 4, 1)
LAC, CIN_CP, NOT_KNOWN = "lac", "cin_cp", "not_known_to_social_care"
STATUSES = (NOT_KNOWN, CIN_CP, LAC)
SHORT_BREAK_LS = ("V3", "V4")

# ---------------------------------------------------------------- knobs: missing
AGES = (10, 17)
AGE_WEIGHT = {10: 0.3, 11: 0.5, 12: 0.9, 13: 1.3, 14: 1.7, 15: 1.9, 16: 1.7, 17: 1.2}
# the document's table: month -> ((incidents, young people) not known, CIN/CP, LAC), all young
# people (the splits' young people minus this: children counted under two statuses)
Cell = tuple[int, int]
DOCUMENT_MONTHS: dict[tuple[int, int], tuple[Cell, Cell, Cell, int]] = {
    (2015, 12): ((4, 4), (5, 5), (12, 9), 17),
    (2016, 1): ((3, 3), (8, 5), (28, 11), 18),
    (2016, 2): ((4, 4), (4, 4), (23, 13), 20),
    (2016, 3): ((6, 6), (4, 3), (12, 4), 13),
    (2016, 4): ((11, 8), (6, 5), (20, 11), 23),
    (2016, 5): ((5, 2), (13, 7), (22, 10), 18),
    (2016, 6): ((8, 7), (14, 14), (16, 7), 28),  # printed not known 7 (6): total 38 (28) kept
    (2016, 7): ((2, 2), (11, 10), (15, 10), 21),  # printed CIN/CP 12 (10): total 28 kept
}
MONTH_MEAN, MONTH_SD, MONTH_RANGE = 31.0, 4.0, (24, 40)  # incidents a month before December 2015
STATUS_SHARE = ((LAC, 0.55), (CIN_CP, 0.25), (NOT_KNOWN, 0.20))
YP_PER_INCIDENT = (0.5, 0.8)
P_OVERLAP = 0.5
REPEAT_WEIGHT = 6.0  # a child missing in the 90 days before the month
REPEAT_DAYS = 90
RESIDENTIAL_WEIGHT = 2.5  # looked after children in residential care (K2, R1)
RESIDENTIAL = ("K2", "R1")
INCIDENT_TAIL = 1.3  # Pareto shape of the extra incidents' weights (smaller: longer tail)
HOUR_WEIGHT = (0.6, 0.4, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.0, 1.0, 1.0)
HOUR_WEIGHT += (1.1, 1.2, 1.4, 1.8, 2.2, 2.4, 2.5, 2.5, 2.4, 2.2, 1.6, 1.0)
DURATION_MEDIAN_HOURS, DURATION_SIGMA = 9.0, 1.1
DURATION_RANGE = (dt.timedelta(minutes=45), dt.timedelta(days=10))
AWAY_SHARE = 0.12
AWAY_MEDIAN_HOURS, AWAY_SIGMA = 4.0, 0.6
OTHER_LA_CODES = ("330", "331", "332", "333", "334", "335", "860", "893", "894")
OTHER_LA_CHILDREN = 30
OTHER_LA_PER_MONTH = 2.0
P_OWN_CODE = 0.15
GAP = dt.timedelta(minutes=30)  # an episode ends at least this long before the next starts
OPEN_AT_EXTRACTION = ((2016, 6), (2016, 7))
EDGE_STARTS = (dt.datetime(2016, 1, 31, 23, 59), dt.datetime(2016, 2, 1, 0, 0))
END_BEFORE_START = ((2013, 11), (2014, 5))
RHI_BEFORE_RETURN = ((2013, 8), (2014, 9))

# ---------------------------------------------------------------- knobs: return interviews
# (offered within 72 hours, held within 72 hours) by the quarter the episode ended in
RHI_TARGETS = Curve(
    [
        ("2013-04", (0.28, 0.18)),
        ("2014-01", (0.30, 0.20)),
        ("2014-07", (0.32, 0.21)),
        ("2015-01", (0.33, 0.22)),
        ("2015-04", (0.42, 0.29)),
        ("2015-07", (0.52, 0.36)),
        ("2015-10", (0.60, 0.43)),
        ("2016-01", (0.67, 0.49)),
        ("2016-04", (0.70, 0.39)),
        ("2016-07", (0.70, 0.42)),
    ]
)
OFFERED_NOT_HELD = Weighted([("declined", 0.45), ("held_late", 0.35), ("not_held", 0.20)])
NOT_OFFERED = Weighted(
    [
        ("not_offered", 0.57),
        ("late_held", 0.20),
        ("late_declined", 0.14),
        ("late_not_held", 0.06),
        ("flag_only", 0.03),
    ]
)
RHI_EDGE_QUARTERS = ((2016, 0), (2016, 1))  # (year, quarter index 0 = January-March)

# ---------------------------------------------------------------- knobs: CSE and MASE
NONE, LOW, MEDIUM, HIGH = "NONE", "LOW", "MEDIUM", "HIGH"
LEVEL = {NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3}
WARM_UP = dt.date(2012, 4, 1)
TRAJECTORIES_PER_MONTH = Curve([("2012-04", 16.0), ("2014-04", 18.0), ("2015-04", 19.0)])
TRAJECTORY_AGES = (11, 16)
GIRL_WEIGHT = 3.0
TRAJECTORY_WEIGHTS = {LAC: 3.0, CIN_CP: 2.0, NOT_KNOWN: 0.6, "missing": 5.0}
FIRST_RISK = Weighted([(LOW, 0.45), (MEDIUM, 0.37), (HIGH, 0.18)])
RISK_MOVES = {
    HIGH: Weighted([(HIGH, 0.30), (MEDIUM, 0.40), (LOW, 0.20), (NONE, 0.10)]),
    MEDIUM: Weighted([(HIGH, 0.08), (MEDIUM, 0.37), (LOW, 0.35), (NONE, 0.20)]),
    LOW: Weighted([(MEDIUM, 0.06), (LOW, 0.36), (NONE, 0.58)]),
}
RESCREEN_DAYS = {HIGH: (40, 80), MEDIUM: (60, 100), LOW: (80, 130)}
SCREENINGS_PER_YEAR = {2013: 2780, 2014: 3200, 2015: 3840}  # all tools, by financial year
SCREENINGS_PER_MONTH_LATEST = 330
BARNARDOS_JST = {2013: 2420, 2014: 2796, 2015: 3368}
BARNARDOS_SHARE = 0.875  # 2016/17
FILLER_WEIGHTS = {LAC: 3.0, CIN_CP: 2.0, NOT_KNOWN: 0.35}
SAME_DAY_TIES = 2
P_MASE = {HIGH: 0.85, MEDIUM: 0.15}
P_DISCUSSED = 0.55
P_CLOSING_DISCUSSION = 0.4  # a NONE screening: one last discussion at LOW
RISK_REDUCED = {2015: (70, 63)}  # financial year -> (children discussed twice or more, reduced)
MASE_WITHOUT_SCREENING = (dt.date(2013, 10, 1), dt.date(2014, 11, 1))

# ---------------------------------------------------------------- knobs: assessment factors
FACTOR_P: tuple[tuple[str, float, int], ...] = (
    # (code, probability, minimum age)
    ("1A", 0.02, 12), ("1B", 0.10, 0), ("1C", 0.02, 0),
    ("2A", 0.03, 12), ("2B", 0.10, 0), ("2C", 0.02, 0),
    ("3A", 0.04, 0), ("3B", 0.22, 0), ("3C", 0.04, 0),
    ("4A", 0.06, 10), ("4B", 0.20, 0), ("4C", 0.02, 0),
    ("5A", 0.04, 3), ("5B", 0.04, 0), ("5C", 0.01, 0),
    ("6A", 0.04, 0), ("6B", 0.04, 0), ("6C", 0.01, 0),
    ("7A", 0.02, 8), ("8F", 0.004, 5), ("12A", 0.003, 12), ("13A", 0.012, 12),
    ("14A", 0.04, 10), ("15A", 0.03, 11), ("16A", 0.18, 0), ("17A", 0.18, 0),
    ("18A", 0.05, 0), ("19A", 0.04, 0), ("20", 0.08, 0), ("23A", 0.002, 0),
)  # fmt: skip
P_MISSING_FACTOR = 0.6
P_CSE_FACTOR = 0.7
P_NO_FACTORS_CODED = 0.25
FGM_ASSESSMENTS = {2013: 5, 2014: 7, 2015: 11, 2016: 3}
FGM_ETHNICITY_WEIGHT = {"BAFR": 12.0, "BOTH": 6.0, "AOTH": 4.0, "OOTH": 4.0, "MWBA": 3.0}


def missing_cse(sim) -> None:
    """Write the four CareFirst extracts of issue 12."""
    care = SocialCare.of(sim)
    episodes = missing_episodes(sim, care)
    screenings = cse(sim, care, episodes)
    assessment_factors(sim, episodes, screenings)


# ---------------------------------------------------------------- status
@dataclass(slots=True)
class Known:
    """A CareFirst child as the issue 12 processes need them."""

    child_id: str
    dob: dt.date
    died: dt.date | None
    sex: str
    ethnicity: str
    uasc: bool


class SocialCare:
    """The CareFirst children's status at a date (issue 12 definitions: looked after, else on a
    CP plan or an open referral not ending in NFA, else not known to social care), and their
    status days month by month, from the simulator's records. `SocialCare.of(sim)` shares one
    per simulator (the CareFirst records no longer change once the section processes run)."""

    _shared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @classmethod
    def of(cls, sim) -> SocialCare:
        care = cls._shared.get(sim)
        if care is None:
            care = cls._shared[sim] = cls(sim)
        return care

    def __init__(self, sim) -> None:
        self.E: dt.date = sim.E
        self.lac: dict[str, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
        self.cin: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for e in sim.records["carefirst_lac_episodes"]:
            if e.legal_status not in SHORT_BREAK_LS:
                self.lac[e.child_id].append((e.start_date, e.end_date, e.placement_type))
        for p in sim.records["carefirst_cp_plans"]:
            self.cin[p.child_id].append((p.start_date, p.end_date))
        for r in sim.records["carefirst_referrals"]:
            if r.is_nfa != "Y":
                self.cin[r.child_id].append((r.referral_date, r.closure_date))
        self.children = sorted(
            (
                Known(
                    c.child_id,
                    c.date_of_birth,
                    c.date_of_death,
                    c.sex,
                    c.ethnicity,
                    c.is_uasc == "Y",
                )
                for c in sim.records["carefirst_children"]
            ),
            key=lambda k: (k.dob, k.child_id),
        )
        self.by_id = {k.child_id: k for k in self.children}
        self._dobs = [k.dob for k in self.children]
        self._months: dict[tuple, dict[str, list[tuple[dt.date, dt.date, str]]]] = {}
        self._lines: dict[str, tuple[list[dt.date], list[str]]] = {}
        self._birthdays: dict[tuple[dt.date, int], dt.date] = {}
        self._first: dict[str, dt.date] = {}
        for cid in set(self.lac) | set(self.cin):
            self._first[cid] = min(s for s, _ in self._spells(cid))

    def _timeline(self, child_id: str) -> tuple[list[dt.date], list[str]]:
        """The dates the child's status changes on and the status from each (the first from
        the beginning of time), built once."""
        line = self._lines.get(child_id)
        if line is None:
            if child_id not in self._first:
                return _NO_SPELLS
            spells = self._spells(child_id)
            points = sorted({s for s, _ in spells} | {e for _, e in spells if e is not None})
            dates, statuses = [dt.date.min], [NOT_KNOWN]
            for p in points:
                st = self._status_by_spells(child_id, p)
                if st != statuses[-1]:
                    dates.append(p)
                    statuses.append(st)
            line = self._lines[child_id] = (dates, statuses)
        return line

    def _spells(self, child_id: str) -> list[tuple[dt.date, dt.date | None]]:
        return [(s, e) for s, e, _ in self.lac.get(child_id, ())] + self.cin.get(child_id, [])

    def _status_by_spells(self, child_id: str, d: dt.date) -> str:
        for s, e, _ in self.lac.get(child_id, ()):
            if s <= d and (e is None or e > d):
                return LAC
        for s, e in self.cin.get(child_id, ()):
            if s <= d and (e is None or e > d):
                return CIN_CP
        return NOT_KNOWN

    def status(self, child_id: str, d: dt.date) -> str:
        dates, statuses = self._timeline(child_id)
        return statuses[bisect_right(dates, d) - 1]

    def placement(self, child_id: str, d: dt.date) -> str | None:
        for s, e, place in self.lac.get(child_id, ()):
            if s <= d and (e is None or e > d):
                return place
        return None

    def ever_involved_after(self, child_id: str, d: dt.date) -> bool:
        """Any spell open on or after d (or starting after it)."""
        return any(e is None or e > d for _, e in self._spells(child_id))

    def ever_involved_before(self, child_id: str, d: dt.date) -> bool:
        """Any spell starting before d."""
        first = self._first.get(child_id)
        return first is not None and first < d

    def segments(
        self, child_id: str, lo: dt.date, hi: dt.date
    ) -> list[tuple[dt.date, dt.date, str]]:
        """The child's status from lo to hi (both included) as (first, last, status) runs."""
        dates, statuses = self._timeline(child_id)
        i = bisect_right(dates, lo) - 1
        out = []
        a = lo
        while a <= hi:
            nxt = dates[i + 1] if i + 1 < len(dates) else None
            b = hi if nxt is None or nxt > hi else nxt - DAY
            out.append((a, b, statuses[i]))
            a = b + DAY
            i += 1
        return out

    def month(
        self, y: int, m: int, ages: tuple[int, int] = AGES
    ) -> dict[str, list[tuple[dt.date, dt.date, str]]]:
        """Children aged ages[0]..ages[1] (and alive) on some day of the month (to the
        extraction date) -> their status runs over those days."""
        key = (y, m, ages)
        if key in self._months:
            return self._months[key]
        lo = dt.date(y, m, 1)
        hi = min(add_months(lo, 1) - DAY, self.E)
        out: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
        # born strictly between these (a day's margin for 29 February): in the band all month
        inside = (_years_before(hi, ages[1] + 1) + DAY, _years_before(lo, ages[0]) - DAY)
        if ages != AGES and AGES[0] <= ages[0] <= ages[1] <= AGES[1]:
            # a narrower band: the default band's runs, clipped
            for c, runs in self.month(y, m).items():
                dob = self.by_id[c].dob
                if inside[0] < dob < inside[1]:
                    out[c] = runs
                    continue
                a = self._birthday(dob, ages[0])
                b = self._birthday(dob, ages[1] + 1) - DAY
                clipped = [(max(r[0], a), min(r[1], b), r[2]) for r in runs]
                clipped = [r for r in clipped if r[0] <= r[1]]
                if clipped:
                    out[c] = clipped
        elif lo <= hi:
            first = bisect_right(self._dobs, _years_before(lo, ages[1] + 1))
            last = bisect_right(self._dobs, _years_before(hi, ages[0]))
            for k in self.children[first:last]:
                if inside[0] < k.dob < inside[1]:
                    a, b = lo, hi
                else:
                    a = max(lo, self._birthday(k.dob, ages[0]))
                    b = min(hi, self._birthday(k.dob, ages[1] + 1) - DAY)
                if k.died is not None:
                    b = min(b, k.died - DAY)
                if a > b:
                    continue
                dates, statuses = self._timeline(k.child_id)
                i = bisect_right(dates, a) - 1
                if i + 1 == len(dates) or dates[i + 1] > b:
                    out[k.child_id] = [(a, b, statuses[i])]  # one status all the days
                else:
                    out[k.child_id] = self.segments(k.child_id, a, b)
        self._months[key] = out
        return out

    def _birthday(self, dob: dt.date, age: int) -> dt.date:
        key = (dob, age)
        b = self._birthdays.get(key)
        if b is None:
            b = self._birthdays[key] = fast_birthday(dob, age)
        return b


def fast_birthday(dob: dt.date, age: int) -> dt.date:
    """dates.birthday (a 29 February birthday falls on 28 February), without add_months."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return dt.date(dob.year + age, 2, 28)


_NO_SPELLS: tuple[list[dt.date], list[str]] = ([dt.date.min], [NOT_KNOWN])


def _years_before(d: dt.date, years: int) -> dt.date:
    return add_months(d, -12 * years)


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    out = []
    d = dt.date(first.year, first.month, 1)
    while d <= last:
        out.append((d.year, d.month))
        d = add_months(d, 1)
    return out


def _fy(d: dt.date) -> int:
    """The year the financial year of d starts."""
    return d.year if d.month >= 4 else d.year - 1


def _scaled(n: int, scale: float) -> int:
    return max(0, round(n * scale))


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k items without replacement, by weight (Efraimidis-Spirakis keys), in draw order."""
    if k <= 0 or not items:
        return []
    keys = []
    for i, w in enumerate(weights):
        u = rng.random()
        keys.append((u ** (1.0 / w) if w > 0 else -1.0, i))
    keys.sort(reverse=True)
    return [items[i] for key, i in keys[:k] if key >= 0]


def _time_in(rng: random.Random, lo: int, hi: int) -> int:
    """A minute of the day in [lo, hi), the hour by HOUR_WEIGHT."""
    hours = []
    for h in range(lo // 60, (hi - 1) // 60 + 1):
        a, b = max(lo, h * 60), min(hi, h * 60 + 60)
        if b > a:
            hours.append(((h, a, b), HOUR_WEIGHT[h] * (b - a)))
    _, a, b = Weighted(hours).pick(rng)
    return rng.randrange(a, b)


def _at(d: dt.date, minute: int) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day) + dt.timedelta(minutes=minute)


def _lognormal(rng: random.Random, median_hours: float, sigma: float) -> dt.timedelta:
    hours = math.exp(math.log(median_hours) + sigma * rng.gauss(0.0, 1.0))
    return dt.timedelta(minutes=max(1, round(hours * 60)))


# ---------------------------------------------------------------- missing episodes
@dataclass(slots=True, eq=False)
class Ep:
    """A missing or away episode being made."""

    child_id: str
    kind: str  # M, A
    start: dt.datetime
    status: str | None  # an own missing episode's status at its start
    la: str | None  # responsible_la_code
    end: dt.datetime | None = None
    offered_flag: str | None = None
    offered: dt.datetime | None = None
    held: dt.datetime | None = None
    accepted: str | None = None
    quarter: tuple[int, int] | None = None

    @property
    def counted(self) -> bool:
        return self.kind == "M" and self.status is not None


@dataclass
class _MissingCtx:
    sim: object
    care: SocialCare
    E_end: dt.datetime
    used_days: dict[str, set[dt.date]] = field(default_factory=lambda: defaultdict(set))
    last_missing: dict[str, dt.date] = field(default_factory=dict)
    other_la: dict[str, str] = field(default_factory=dict)  # child -> responsible authority
    episodes: list[Ep] = field(default_factory=list)


def missing_episodes(sim, care: SocialCare) -> list[Ep]:
    """carefirst_missing_episodes; returns the episodes made (for the CSE and factors)."""
    E_end = dt.datetime(sim.E.year, sim.E.month, sim.E.day, 23, 59)
    ctx = _MissingCtx(sim, care, E_end)
    _choose_other_la_children(ctx)
    for y, m in _months(HISTORY_FROM, sim.E):
        rng = sim.stream("missing", "month", y, m)
        target, overlaps = _month_target(sim, rng, y, m)
        placed = _place_month(ctx, rng, y, m, target, overlaps)
        _away_episodes(ctx, sim.stream("missing", "away", y, m), y, m, placed)
        _other_la_episodes(ctx, sim.stream("missing", "other-la", y, m), y, m)
    _edge_starts(ctx)
    _durations(ctx)
    _open_long(ctx)
    _end_before_start(ctx)
    _return_interviews(ctx)
    _rhi_before_return(ctx)
    _write_episodes(ctx)
    return ctx.episodes


def _month_target(
    sim, rng: random.Random, y: int, m: int
) -> tuple[dict[str, tuple[int, int]], int]:
    """The month's (incidents, young people) by status and its overlap children, scaled."""
    if (y, m) in DOCUMENT_MONTHS:
        nk, cin, lac, all_yp = DOCUMENT_MONTHS[(y, m)]
        raw = {NOT_KNOWN: nk, CIN_CP: cin, LAC: lac}
        overlaps = sum(v[1] for v in raw.values()) - all_yp
    else:
        n = min(max(round(rng.gauss(MONTH_MEAN, MONTH_SD)), MONTH_RANGE[0]), MONTH_RANGE[1])
        pick = Weighted(STATUS_SHARE)
        counts = dict.fromkeys(STATUSES, 0)
        for _ in range(n):
            counts[pick.pick(rng)] += 1
        raw = {}
        for s in STATUSES:
            yp = min(counts[s], max(1, round(counts[s] * rng.uniform(*YP_PER_INCIDENT))))
            raw[s] = (counts[s], yp if counts[s] else 0)
        overlaps = 1 if rng.random() < P_OVERLAP else 0
    out = {}
    for s, (inc, yp) in raw.items():
        n_inc = _scaled(inc, sim.scale)
        n_yp = min(n_inc, max(1 if n_inc else 0, _scaled(yp, sim.scale)))
        out[s] = (n_inc, n_yp)
    return out, _scaled(overlaps, sim.scale)


def _child_weight(ctx: _MissingCtx, child_id: str, day: dt.date, status: str) -> float:
    k = ctx.care.by_id[child_id]
    w = AGE_WEIGHT.get(age_in_years(k.dob, day), 0.3)
    last = ctx.last_missing.get(child_id)
    if last is not None and (day - last).days <= REPEAT_DAYS:
        w *= REPEAT_WEIGHT
    if status == LAC and ctx.care.placement(child_id, day) in RESIDENTIAL:
        w *= RESIDENTIAL_WEIGHT
    return w


def _status_days(runs: list[tuple[dt.date, dt.date, str]], status: str) -> list[dt.date]:
    days = []
    for a, b, st in runs:
        if st == status:
            d = a
            while d <= b:
                days.append(d)
                d += DAY
    return days


def _place_month(
    ctx: _MissingCtx,
    rng: random.Random,
    y: int,
    m: int,
    target: dict[str, tuple[int, int]],
    overlaps: int,
) -> list[Ep]:
    """The month's own missing episodes: the overlap children, then each status's others."""
    pools = {c: runs for c, runs in ctx.care.month(y, m).items() if c not in ctx.other_la}
    inc_left = {s: target[s][0] for s in STATUSES}
    yp_left = {s: target[s][1] for s in STATUSES}
    chosen: dict[str, dict[str, int]] = {s: {} for s in STATUSES}  # status -> child -> incidents
    used: set[str] = set()
    # children counted under two statuses this month
    two = sorted(c for c, runs in pools.items() if len({r[2] for r in runs}) >= 2)
    for _ in range(overlaps):
        options = []
        for c in two:
            if c in used:
                continue
            sts = sorted({r[2] for r in pools[c]})
            pairs = [
                (a, b)
                for i, a in enumerate(sts)
                for b in sts[i + 1 :]
                if yp_left[a] > 0 and yp_left[b] > 0 and inc_left[a] > 0 and inc_left[b] > 0
            ]
            if pairs:
                options.append((c, pairs))
        if not options:
            break
        weights = [_child_weight(ctx, c, pools[c][0][0], pairs[0][0]) for c, pairs in options]
        c, pairs = _weighted_sample(rng, options, weights, 1)[0]
        a, b = pairs[rng.randrange(len(pairs))]
        for s in (a, b):
            chosen[s][c] = 1
            yp_left[s] -= 1
            inc_left[s] -= 1
        used.add(c)
    firsts: dict[str, list[tuple[str, dt.date]]] = {s: [] for s in STATUSES}
    for c in sorted(pools):
        if c in used:
            continue
        seen: set[str] = set()
        for a, _, st in pools[c]:
            if st not in seen:
                seen.add(st)
                firsts[st].append((c, a))
    for s in STATUSES:
        cands = [c for c, _ in firsts[s]]
        weights = [_child_weight(ctx, c, day, s) for c, day in firsts[s]]
        for c in _weighted_sample(rng, cands, weights, yp_left[s]):
            chosen[s][c] = 1
            inc_left[s] -= 1
            used.add(c)
        caps = {c: 2 * len(_status_days(pools[c], s)) for c in chosen[s]}
        _spread(rng, chosen[s], inc_left[s], caps)
    placed: list[Ep] = []
    for s in STATUSES:
        for c in sorted(chosen[s]):
            days = _status_days(pools[c], s)
            n = chosen[s][c]
            if n <= len(days):
                picked = sorted(rng.sample(days, n))
            else:  # at most two a day (n is at most twice the days)
                picked = sorted(days + rng.sample(days, n - len(days)))
            placed.extend(_episodes_on_days(ctx, rng, c, picked, "M", s, None))
    for ep in placed:
        ctx.last_missing[ep.child_id] = max(
            ctx.last_missing.get(ep.child_id, ep.start.date()), ep.start.date()
        )
    return placed


def _spread(rng: random.Random, counts: dict[str, int], extra: int, caps: dict[str, int]) -> None:
    """Spread `extra` more incidents over the children (each child's count at most its cap), by
    heavy-tailed weights: a few children go missing many times."""
    kids = sorted(counts)
    if not kids or extra <= 0:
        return
    weights = {c: rng.paretovariate(INCIDENT_TAIL) for c in kids}
    for _ in range(extra):
        open_kids = [c for c in kids if counts[c] < caps[c]]
        if not open_kids:
            return
        c = Weighted([(c, weights[c]) for c in open_kids]).pick(rng)
        counts[c] += 1


def _episodes_on_days(
    ctx: _MissingCtx,
    rng: random.Random,
    child_id: str,
    days: list[dt.date],
    kind: str,
    status: str | None,
    la: str | None,
) -> list[Ep]:
    """Episodes starting on the given days (a day listed k times: k slots of the day, each start
    at least an hour before the slot's end)."""
    out = []
    per_day: dict[dt.date, int] = defaultdict(int)
    for d in days:
        per_day[d] += 1
    for d in sorted(per_day):
        k = per_day[d]
        slot = 1440 // k
        for i in range(k):
            minute = _time_in(rng, i * slot, (i + 1) * slot - 60)
            code = la
            if kind == "M" and status is not None and rng.random() < P_OWN_CODE:
                code = ctx.sim.la_code
            out.append(Ep(child_id, kind, _at(d, minute), status, code))
        ctx.used_days[child_id].add(d)
    ctx.episodes.extend(out)
    return out


def _away_episodes(ctx: _MissingCtx, rng: random.Random, y: int, m: int, placed: list[Ep]) -> None:
    """Away episodes (A) of looked after children, on days with no other episode."""
    n = round(AWAY_SHARE * len(placed))
    pools = ctx.care.month(y, m)
    cands = sorted(
        c for c, runs in pools.items() if c not in ctx.other_la and any(r[2] == LAC for r in runs)
    )
    for c in _weighted_sample(rng, cands, [1.0] * len(cands), n):
        days = [d for d in _status_days(pools[c], LAC) if d not in ctx.used_days[c]]
        if days:
            _episodes_on_days(ctx, rng, c, [rng.choice(days)], "A", None, None)


def _choose_other_la_children(ctx: _MissingCtx) -> None:
    """Children placed here by other authorities: CareFirst children of 12-17 at some time of
    the history with nothing open here from a year before it."""
    rng = ctx.sim.stream("missing", "other-la-children")
    lo = HISTORY_FROM - dt.timedelta(days=365)
    cands = [
        k.child_id
        for k in ctx.care.children
        if birthday(k.dob, 12) <= ctx.sim.E
        and birthday(k.dob, 18) > HISTORY_FROM
        and k.died is None
        and not ctx.care.ever_involved_after(k.child_id, lo)
    ]
    codes = [c for c in OTHER_LA_CODES if c != ctx.sim.la_code]
    for c in _weighted_sample(
        rng, cands, [1.0] * len(cands), _scaled(OTHER_LA_CHILDREN, ctx.sim.scale)
    ):
        ctx.other_la[c] = codes[rng.randrange(len(codes))]


def _other_la_episodes(ctx: _MissingCtx, rng: random.Random, y: int, m: int) -> None:
    n = poisson(rng, OTHER_LA_PER_MONTH * ctx.sim.scale)
    pools = ctx.care.month(y, m)
    cands = sorted(c for c in ctx.other_la if c in pools)
    for _ in range(n):
        if not cands:
            return
        c = cands[rng.randrange(len(cands))]
        days = [d for s in STATUSES for d in _status_days(pools[c], s) if d not in ctx.used_days[c]]
        if days:
            _episodes_on_days(ctx, rng, c, [rng.choice(sorted(days))], "M", None, ctx.other_la[c])


def _by_child(episodes: list[Ep]) -> dict[str, list[Ep]]:
    out: dict[str, list[Ep]] = defaultdict(list)
    for e in episodes:
        out[e.child_id].append(e)
    for lst in out.values():
        lst.sort(key=lambda e: e.start)
    return out


def _edge_starts(ctx: _MissingCtx) -> None:
    """One episode moved to 2016-01-31 23:59 and one to 2016-02-01 00:00, each of a child with
    the same status on the new day, the same month, and no other episode within a day."""
    rng = ctx.sim.stream("missing", "edges")
    by_child = _by_child(ctx.episodes)
    for when in EDGE_STARTS:
        day = when.date()
        cands = []
        for e in ctx.episodes:
            if not e.counted or (e.start.year, e.start.month) != (day.year, day.month):
                continue
            if ctx.care.status(e.child_id, day) != e.status:
                continue
            others = [o for o in by_child[e.child_id] if o is not e]
            if all(abs(o.start - when) > dt.timedelta(hours=30) for o in others):
                cands.append(e)
        if cands:
            e = cands[rng.randrange(len(cands))]
            e.start = when
            ctx.used_days[e.child_id].add(day)
            by_child = _by_child(ctx.episodes)


def _durations(ctx: _MissingCtx) -> None:
    """Each episode's end: lognormal, at least GAP before the child's next episode; still open
    (no end) when it would end after the extraction date."""
    seq: dict[tuple[int, int], int] = defaultdict(int)
    for e in sorted(ctx.episodes, key=lambda e: (e.start, e.child_id, e.kind)):
        month = (e.start.year, e.start.month)
        rng = ctx.sim.stream("missing", "duration", *month, seq[month])
        seq[month] += 1
        if e.kind == "A":
            dur = _lognormal(rng, AWAY_MEDIAN_HOURS, AWAY_SIGMA)
        else:
            dur = _lognormal(rng, DURATION_MEDIAN_HOURS, DURATION_SIGMA)
        e.end = e.start + min(max(dur, DURATION_RANGE[0]), DURATION_RANGE[1])
    for lst in _by_child(ctx.episodes).values():
        for a, b in zip(lst, lst[1:], strict=False):
            if a.end is not None and a.end > b.start - GAP:
                a.end = max(a.start + MINUTE, b.start - GAP)
    for e in ctx.episodes:
        if e.end is not None and e.end > ctx.E_end:
            e.end = None


def _open_long(ctx: _MissingCtx) -> None:
    """Children missing since June and July 2016 and not back at the extraction date."""
    for y, m in OPEN_AT_EXTRACTION:
        rng = ctx.sim.stream("missing", "open", y, m)
        by_child = _by_child(ctx.episodes)
        cands = [
            e
            for e in ctx.episodes
            if e.counted
            and e.end is not None
            and (e.start.year, e.start.month) == (y, m)
            and by_child[e.child_id][-1] is e
        ]
        if cands:
            cands.sort(key=lambda e: e.start)
            cands[rng.randrange(len(cands))].end = None


def _end_before_start(ctx: _MissingCtx) -> None:
    """Recording slips: an end keyed a day early, before the start."""
    for y, m in END_BEFORE_START:
        rng = ctx.sim.stream("missing", "slip-end", y, m)
        cands = [
            e
            for e in ctx.episodes
            if e.counted
            and (e.start.year, e.start.month) == (y, m)
            and e.end is not None
            and e.end - e.start < dt.timedelta(hours=20)
            and 5 <= e.end.day <= 25
        ]
        if cands:
            e = cands[rng.randrange(len(cands))]
            e.end = e.end - DAY


def _quarter(t: dt.datetime) -> tuple[int, int]:
    return t.year, (t.month - 1) // 3


def _minutes(rng: random.Random, lo: dt.timedelta, hi: dt.timedelta) -> dt.timedelta:
    """A whole number of minutes from lo to hi (both included)."""
    a, b = int(lo.total_seconds() // 60), int(hi.total_seconds() // 60)
    return dt.timedelta(minutes=rng.randint(a, max(a, b)))


class _Edges:
    """The exact 72-hour cases of one quarter, each given once (none outside RHI_EDGE_QUARTERS)."""

    def __init__(self, active: bool) -> None:
        self.active = active
        self.used: set[str] = set()

    def take(self, name: str) -> bool:
        if self.active and name not in self.used:
            self.used.add(name)
            return True
        return False


def _return_interviews(ctx: _MissingCtx) -> None:
    """Offers and interviews: each quarter's denominator gets its exact shares (RHI_TARGETS);
    the episodes outside every denominator (away, other authorities') a plain mix."""
    quarters: dict[tuple[int, int], list[Ep]] = defaultdict(list)
    others = []
    for e in sorted(ctx.episodes, key=lambda e: (e.start, e.child_id, e.kind)):
        if e.end is None:
            continue
        responsible = e.la is None or e.la == ctx.sim.la_code
        if e.kind == "M" and responsible:
            e.quarter = _quarter(e.end)
            quarters[e.quarter].append(e)
        else:
            others.append(e)
    for q in sorted(quarters):
        rng = ctx.sim.stream("missing", "rhi", *q)
        eps = quarters[q]
        p, h = RHI_TARGETS(dt.date(q[0], 3 * q[1] + 1, 1))
        n = len(eps)
        n_offered, n_held = round(p * n), round(h * n)
        order = eps[:]
        rng.shuffle(order)
        kinds = ["held"] * n_held + ["offered"] * (n_offered - n_held) + ["no"] * (n - n_offered)
        edges = _Edges(q in RHI_EDGE_QUARTERS)
        for e, kind in zip(order, kinds, strict=True):
            if kind == "held":
                _held_within(rng, e, edges)
            elif kind == "offered":
                _offered_not_held(rng, e, OFFERED_NOT_HELD.pick(rng), edges)
            else:
                _not_offered(rng, e, NOT_OFFERED.pick(rng), edges)
    rng = ctx.sim.stream("missing", "rhi-others")
    for e in others:
        if rng.random() < 0.6:
            e.offered_flag = "N"
        else:
            _held_within(rng, e, _Edges(False))
    for e in ctx.episodes:
        _cap_at_extraction(ctx, e)


def _held_within(rng: random.Random, e: Ep, edges: _Edges) -> None:
    assert e.end is not None
    if edges.take("held_72h00"):
        held = e.end + H72
    else:
        held = e.end + _minutes(rng, dt.timedelta(hours=6), H72)
    e.offered_flag, e.accepted = "Y", "Y"
    e.offered = e.end + _minutes(rng, dt.timedelta(minutes=30), held - e.end - HOUR)
    e.held = held


def _offered_not_held(rng: random.Random, e: Ep, kind: str, edges: _Edges) -> None:
    """Offered within 72 hours, no interview within them: declined, held late or not held."""
    assert e.end is not None
    e.offered_flag = "Y"
    e.accepted = "N" if kind == "declined" else "Y"
    if kind == "held_late":
        e.offered = e.end + _minutes(rng, dt.timedelta(minutes=30), dt.timedelta(hours=70))
        late = MINUTE if edges.take("held_72h01") else _minutes(rng, HOUR, dt.timedelta(days=10))
        e.held = e.end + H72 + late
    elif edges.take("offered_72h00"):
        e.offered = e.end + H72
    else:
        e.offered = e.end + _minutes(rng, dt.timedelta(minutes=30), dt.timedelta(hours=70))


def _not_offered(rng: random.Random, e: Ep, kind: str, edges: _Edges) -> None:
    """Not offered within 72 hours: not offered, offered late, or flagged with no offer time."""
    assert e.end is not None
    if kind == "not_offered":
        e.offered_flag = "N"
        return
    e.offered_flag = "Y"
    if kind == "flag_only":
        e.accepted = "Y"
        return
    late = MINUTE if edges.take("offered_72h01") else _minutes(rng, HOUR, dt.timedelta(days=7))
    e.offered = e.end + H72 + late
    if kind == "late_held":
        e.accepted = "Y"
        e.held = e.offered + _minutes(rng, HOUR, dt.timedelta(days=5))
    else:
        e.accepted = "N" if kind == "late_declined" else "Y"


def _cap_at_extraction(ctx: _MissingCtx, e: Ep) -> None:
    """Nothing after the extraction date: an offer not yet made, an interview not yet held."""
    if e.end is None:
        e.offered_flag = e.offered = e.held = e.accepted = None
        return
    if e.offered is not None and e.offered > ctx.E_end:
        e.offered_flag = e.offered = e.held = e.accepted = None
    if e.held is not None and e.held > ctx.E_end:
        e.held = None


def _rhi_before_return(ctx: _MissingCtx) -> None:
    """Recording slips: an interview keyed before the return (still within 72 hours)."""
    for y, m in RHI_BEFORE_RETURN:
        rng = ctx.sim.stream("missing", "slip-rhi", y, m)
        cands = [
            e
            for e in ctx.episodes
            if e.counted
            and e.end is not None
            and (e.end.year, e.end.month) == (y, m)
            and e.held is not None
            and e.held <= e.end + H72
            and e.end - e.start > dt.timedelta(hours=4)
        ]
        if cands:
            e = cands[rng.randrange(len(cands))]
            assert e.end is not None
            e.held = e.end - dt.timedelta(hours=2)
            e.offered = e.held - HOUR


def _write_episodes(ctx: _MissingCtx) -> None:
    ctx.episodes.sort(key=lambda e: (e.start, e.child_id, e.kind))
    rows = ctx.sim.records["carefirst_missing_episodes"]
    for e in ctx.episodes:
        rows.append(
            MissingEpisode(
                missing_episode_id=ctx.sim.next_id("MEP", 6),
                child_id=e.child_id,
                missing_type=e.kind,
                start_datetime=e.start,
                end_datetime=e.end,
                is_rhi_offered=e.offered_flag,
                rhi_offered_datetime=e.offered,
                rhi_datetime=e.held,
                is_rhi_accepted=e.accepted,
                responsible_la_code=e.la,
            )
        )


# ---------------------------------------------------------------- CSE screenings and MASE
@dataclass(slots=True, eq=False)
class Trajectory:
    child_id: str
    screenings: list[tuple[dt.date, str]]  # (date, level) in order

    @property
    def first(self) -> dt.date:
        return self.screenings[0][0]

    @property
    def closed(self) -> dt.date | None:
        """The NONE screening that ended the risk, if any."""
        d, level = self.screenings[-1]
        return d if level == NONE else None


@dataclass(slots=True, eq=False)
class Discussion:
    meeting: int  # index into the meetings
    child_id: str
    level: str


def _tuesdays(y: int, m: int) -> list[dt.date]:
    first = dt.date(y, m, 1)
    t = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return [t, t + dt.timedelta(days=7), t + dt.timedelta(days=14), t + dt.timedelta(days=21)]


def mase_meetings(E: dt.date) -> list[dt.date]:
    """Second and fourth Tuesdays (not the fourth in December), from WARM_UP to E."""
    out = []
    for y, m in _months(WARM_UP, E):
        t = _tuesdays(y, m)
        out.extend(d for d in ([t[1]] if m == 12 else [t[1], t[3]]) if d <= E)
    return out


def cse(sim, care: SocialCare, episodes: list[Ep]) -> list[CseScreening]:
    """carefirst_cse_screenings and carefirst_mase_discussions; returns the screenings."""
    missing = _missing_index(episodes)
    meetings = mase_meetings(sim.E)
    trajectories = _trajectories(sim, care, missing)
    discussions = _mase(sim, care, trajectories, meetings)
    for fy, (den, num) in RISK_REDUCED.items():
        _tune_risk_reduced(
            sim, care, discussions, meetings, fy, _scaled(den, sim.scale), _scaled(num, sim.scale)
        )
    screenings = _screenings(sim, care, trajectories)
    _mase_without_screening(sim, care, discussions, meetings, screenings)
    _write_mase(sim, discussions, meetings)
    return screenings


def _missing_index(episodes: list[Ep]) -> dict[str, list[dt.date]]:
    out: dict[str, list[dt.date]] = defaultdict(list)
    for e in episodes:
        if e.kind == "M":
            out[e.child_id].append(e.start.date())
    for lst in out.values():
        lst.sort()
    return out


def _missing_before(
    missing: dict[str, list[dt.date]], child_id: str, d: dt.date, days: int
) -> bool:
    lst = missing.get(child_id, ())
    i = bisect_right(lst, d)
    return i > 0 and (d - lst[i - 1]).days <= days


def _trajectories(sim, care: SocialCare, missing: dict[str, list[dt.date]]) -> list[Trajectory]:
    """Children at risk: a first positive screening, rescreens moving mostly down, until NONE or
    the 18th birthday."""
    out: list[Trajectory] = []
    busy_until: dict[str, dt.date] = {}  # child -> the end of their current trajectory
    acc = sim.stream("cse", "trajectory-phase").random()
    for y, m in _months(WARM_UP, sim.E):
        rng = sim.stream("cse", "trajectories", y, m)
        acc += TRAJECTORIES_PER_MONTH(dt.date(y, m, 1)) * sim.scale
        n = int(acc)
        acc -= n
        pools = care.month(y, m, TRAJECTORY_AGES)
        lo = dt.date(y, m, 1)
        cands, weights = [], []
        for c in sorted(pools):
            if busy_until.get(c, dt.date.min) >= lo:
                continue
            k = care.by_id[c]
            day = pools[c][0][0]
            w = GIRL_WEIGHT if k.sex == "2" else 1.0
            w *= TRAJECTORY_WEIGHTS[pools[c][0][2]]
            if _missing_before(missing, c, day, 90):
                w *= TRAJECTORY_WEIGHTS["missing"]
            cands.append(c)
            weights.append(w)
        for c in _weighted_sample(rng, cands, weights, n):
            runs = pools[c]
            start = runs[0][0] + dt.timedelta(days=rng.randint(0, (runs[-1][1] - runs[0][0]).days))
            start = sim.wd.next_working_day(start)
            if start > sim.E:
                continue
            t = _one_trajectory(sim, rng, c, care.by_id[c], start)
            out.append(t)
            busy_until[c] = t.screenings[-1][0] if t.closed else dt.date.max
    return out


def _one_trajectory(sim, rng: random.Random, child_id: str, k: Known, start: dt.date) -> Trajectory:
    stop = birthday(k.dob, 18) if k.died is None else min(k.died, birthday(k.dob, 18))
    level = FIRST_RISK.pick(rng)
    screenings = [(start, level)]
    d = start
    while level != NONE:
        d = sim.wd.next_working_day(d + dt.timedelta(days=rng.randint(*RESCREEN_DAYS[level])))
        if d > sim.E or d >= stop:
            break
        level = RISK_MOVES[level].pick(rng)
        screenings.append((d, level))
    return Trajectory(child_id, screenings)


def _mase(
    sim, care: SocialCare, trajectories: list[Trajectory], meetings: list[dt.date]
) -> list[Discussion]:
    """Children at high (or medium) risk discussed at MASE while the risk lasts."""
    out: list[Discussion] = []
    seq: dict[tuple[int, int], int] = defaultdict(int)
    for t in sorted(trajectories, key=lambda t: (t.first, t.child_id)):
        month = (t.first.year, t.first.month)
        rng = sim.stream("cse", "mase", *month, seq[month])
        seq[month] += 1
        b18 = birthday(care.by_id[t.child_id].dob, 18)
        joined = False
        for j, (d, level) in enumerate(t.screenings):
            nxt = t.screenings[j + 1][0] if j + 1 < len(t.screenings) else sim.E + DAY
            window = [
                k
                for k, md in enumerate(meetings)
                if d + dt.timedelta(days=3) <= md < nxt + dt.timedelta(days=3) and md < b18
            ]
            if not joined:
                if level in P_MASE and rng.random() < P_MASE[level] and window:
                    joined = True
                    out.append(Discussion(window[0], t.child_id, level))
                    for k in window[1:]:
                        if rng.random() < P_DISCUSSED:
                            out.append(Discussion(k, t.child_id, level))
                continue
            if level in (MEDIUM, HIGH):
                for n, k in enumerate(window):
                    if n == 0 or rng.random() < P_DISCUSSED:
                        out.append(Discussion(k, t.child_id, level))
            else:
                if window and (level == LOW or rng.random() < P_CLOSING_DISCUSSION):
                    out.append(Discussion(window[0], t.child_id, LOW))
                break
    return out


def _in_fy(meetings: list[dt.date], fy: int) -> tuple[int, int]:
    """The meeting indices of a financial year: [first, last)."""
    return (
        bisect_left(meetings, dt.date(fy, 4, 1)),
        bisect_right(meetings, dt.date(fy + 1, 3, 31)),
    )


def _tune_risk_reduced(
    sim,
    care: SocialCare,
    discussions: list[Discussion],
    meetings: list[dt.date],
    fy: int,
    den: int,
    num: int,
) -> None:
    """The year's children discussed twice or more to `den`, those whose latest level is below
    their first to `num`."""
    rng = sim.stream("cse", "risk-reduced", fy)
    a, b = _in_fy(meetings, fy)

    def by_child() -> dict[str, list[Discussion]]:
        out: dict[str, list[Discussion]] = defaultdict(list)
        for x in discussions:
            if a <= x.meeting < b:
                out[x.child_id].append(x)
        for lst in out.values():
            lst.sort(key=lambda x: x.meeting)
        return out

    groups = by_child()
    multi = sorted(c for c, lst in groups.items() if len(lst) >= 2)
    while len(multi) > den:
        c = multi.pop(rng.randrange(len(multi)))
        drop = set(map(id, groups[c][1:]))
        discussions[:] = [x for x in discussions if id(x) not in drop]
    singles = sorted(c for c, lst in groups.items() if len(lst) == 1)
    while len(multi) < den and singles:
        c = singles.pop(rng.randrange(len(singles)))
        first = groups[c][0]
        b18 = birthday(care.by_id[c].dob, 18)
        later = [k for k in range(first.meeting + 1, b) if meetings[k] < b18]
        if not later:
            continue
        level = first.level if rng.random() < 0.3 else _lower(first.level)
        discussions.append(Discussion(later[rng.randrange(min(4, len(later)))], c, level))
        multi.append(c)
    groups = by_child()
    multi = sorted(c for c, lst in groups.items() if len(lst) >= 2)
    reduced = [c for c in multi if LEVEL[groups[c][-1].level] < LEVEL[groups[c][0].level]]
    flat = [c for c in multi if c not in set(reduced)]
    while len(reduced) < num and flat:
        c = flat.pop(rng.randrange(len(flat)))
        first, last = groups[c][0], groups[c][-1]
        if first.level == LOW:
            first.level, last.level = MEDIUM, LOW
        else:
            last.level = _lower(first.level)
        reduced.append(c)
    while len(reduced) > num and reduced:
        c = reduced.pop(rng.randrange(len(reduced)))
        groups[c][-1].level = groups[c][0].level
        flat.append(c)


def _lower(level: str) -> str:
    return {HIGH: MEDIUM, MEDIUM: LOW, LOW: LOW}[level]


def _screenings(sim, care: SocialCare, trajectories: list[Trajectory]) -> list[CseScreening]:
    """The trajectories' screenings from HISTORY_FROM, same-day ties, the NONE screenings that
    make up each year's total, and the tools (an exact Barnardo's count a year)."""
    rows: list[tuple[dt.date, str, int, str]] = []  # (date, child, order, level)
    blocked: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    per_month: dict[tuple[int, int], int] = defaultdict(int)
    for t in trajectories:
        last = t.closed or dt.date.max
        blocked[t.child_id].append((t.first, last))
        # from HISTORY_FROM, and the screening in force on that day (a child already at risk)
        before = [d for d, _ in t.screenings if d < HISTORY_FROM]
        since = max(before) if before and t.screenings[-1][0] >= HISTORY_FROM else HISTORY_FROM
        for d, level in t.screenings:
            if d >= since:
                rows.append((d, t.child_id, 1, level))
                per_month[(d.year, d.month)] += 1
    ties = [t for t in trajectories if _fy(t.first) == 2015 and t.first >= HISTORY_FROM]
    ties.sort(key=lambda t: (t.first, t.child_id))
    rng = sim.stream("cse", "ties")
    for t in _weighted_sample(rng, ties, [1.0] * len(ties), SAME_DAY_TIES):
        rows.append((t.first, t.child_id, 0, NONE))
        per_month[(t.first.year, t.first.month)] += 1
    for (y, m), total in _month_totals(sim).items():
        need = total - per_month.get((y, m), 0)
        rows.extend(_fillers(sim, care, y, m, need, blocked))
    rows.sort()
    tools = _tools(sim, [r[0] for r in rows])
    out = []
    for (d, c, _, level), tool in zip(rows, tools, strict=True):
        out.append(CseScreening(sim.next_id("CSE", 6), c, d, tool, level))
    sim.records["carefirst_cse_screenings"].extend(out)
    return out


def _month_totals(sim) -> dict[tuple[int, int], int]:
    """Screenings a month (all tools): each financial year's total spread by days."""
    out = {}
    for y, m in _months(HISTORY_FROM, sim.E):
        fy = _fy(dt.date(y, m, 1))
        if fy not in SCREENINGS_PER_YEAR:
            out[(y, m)] = _scaled(SCREENINGS_PER_MONTH_LATEST, sim.scale)
    for fy, total in SCREENINGS_PER_YEAR.items():
        months = _months(dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31))
        days = [(add_months(dt.date(y, m, 1), 1) - dt.date(y, m, 1)).days for y, m in months]
        n = _scaled(total, sim.scale)
        shares = [n * d / sum(days) for d in days]
        counts = [int(s) for s in shares]
        for i in sorted(range(12), key=lambda i: counts[i] - shares[i])[: n - sum(counts)]:
            counts[i] += 1
        out.update(zip(months, counts, strict=True))
    return out


def _fillers(
    sim,
    care: SocialCare,
    y: int,
    m: int,
    need: int,
    blocked: dict[str, list[tuple[dt.date, dt.date]]],
) -> list[tuple[dt.date, str, int, str]]:
    """NONE screenings of children aged 10-17 on working days outside their trajectories."""
    if need <= 0:
        return []
    rng = sim.stream("cse", "fillers", y, m)
    pools = care.month(y, m)
    kids = sorted(pools)
    pick = (
        Weighted(
            [
                (c, sum(FILLER_WEIGHTS[r[2]] * ((r[1] - r[0]).days + 1) for r in pools[c]))
                for c in kids
            ]
        )
        if kids
        else None
    )
    out: list[tuple[dt.date, str, int, str]] = []
    seen: set[tuple[dt.date, str]] = set()
    tries = 0
    while len(out) < need and pick is not None and tries < 20 * need:
        tries += 1
        c = pick.pick(rng)
        runs = pools[c]
        day = runs[0][0] + dt.timedelta(days=rng.randint(0, (runs[-1][1] - runs[0][0]).days))
        if not sim.wd.is_working_day(day):
            continue
        if (day, c) in seen or any(a <= day <= b for a, b in blocked.get(c, ())):
            continue
        seen.add((day, c))
        out.append((day, c, 1, NONE))
    return out


def _tools(sim, dates: list[dt.date]) -> list[str]:
    """Exactly BARNARDOS_JST (scaled) of each financial year's screenings use the tool."""
    out = ["OTHER"] * len(dates)
    by_fy: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(dates):
        by_fy[_fy(d)].append(i)
    for fy, idx in sorted(by_fy.items()):
        rng = sim.stream("cse", "tools", fy)
        if fy in BARNARDOS_JST:
            n = _scaled(BARNARDOS_JST[fy], sim.scale)
        else:
            n = round(BARNARDOS_SHARE * len(idx))
        for i in rng.sample(idx, min(n, len(idx))):
            out[i] = "BARNARDOS_JST"
    return out


def _mase_without_screening(
    sim,
    care: SocialCare,
    discussions: list[Discussion],
    meetings: list[dt.date],
    screenings: list[CseScreening],
) -> None:
    """Recording slips: a child discussed once at MASE with no screening before the meeting."""
    first_screen: dict[str, dt.date] = {}
    for s in screenings:
        first_screen.setdefault(s.child_id, s.screening_date)
    discussed = {x.child_id for x in discussions}
    for i, around in enumerate(MASE_WITHOUT_SCREENING):
        rng = sim.stream("cse", "slip-mase", i)
        k = bisect_left(meetings, around)
        if k >= len(meetings):
            continue
        md = meetings[k]
        pools = care.month(md.year, md.month, (12, 17))
        cands = sorted(
            c
            for c in pools
            if c not in discussed and (c not in first_screen or first_screen[c] > md)
        )
        if cands:
            c = cands[rng.randrange(len(cands))]
            discussions.append(Discussion(k, c, MEDIUM))
            discussed.add(c)


def _write_mase(sim, discussions: list[Discussion], meetings: list[dt.date]) -> None:
    first = bisect_left(meetings, HISTORY_FROM)
    ids = {k: f"MASE{n + 1:04d}" for n, k in enumerate(range(first, len(meetings)))}
    rows = sim.records["carefirst_mase_discussions"]
    seen = set()
    for x in sorted(discussions, key=lambda x: (x.meeting, x.child_id)):
        if x.meeting < first or (x.meeting, x.child_id) in seen:
            continue
        seen.add((x.meeting, x.child_id))
        rows.append(MaseDiscussion(ids[x.meeting], meetings[x.meeting], x.child_id, x.level))


# ---------------------------------------------------------------- assessment factors
def assessment_factors(sim, episodes: list[Ep], screenings: list[CseScreening]) -> None:
    """carefirst_assessment_factors of the assessments authorised from HISTORY_FROM."""
    children = {c.child_id: c for c in sim.records["carefirst_children"]}
    missing = _missing_index(episodes)
    positive: dict[str, list[dt.date]] = defaultdict(list)
    for s in screenings:
        if s.risk_level != NONE:
            positive[s.child_id].append(s.screening_date)
    done = sorted(
        (a for a in sim.records["carefirst_assessments"] if a.authorised_date is not None),
        key=lambda a: (a.authorised_date, a.assessment_id),
    )
    done = [a for a in done if a.authorised_date >= HISTORY_FROM]
    by_fy: dict[int, list] = defaultdict(list)
    for a in done:
        by_fy[_fy(a.authorised_date)].append(a)
    rows = sim.records["carefirst_assessment_factors"]
    for fy in sorted(by_fy):
        rng = sim.stream("assessment-factors", fy)
        fgm = _fgm_assessments(sim, fy, by_fy[fy], children)
        for a in by_fy[fy]:
            child = children[a.child_id]
            age = age_in_years(child.date_of_birth, a.authorised_date)
            codes = [code for code, p, min_age in FACTOR_P if age >= min_age and rng.random() < p]
            if child.is_uasc == "Y":
                codes.append("9A")
            if (
                _missing_before(missing, a.child_id, a.authorised_date, 90)
                and rng.random() < P_MISSING_FACTOR
            ):
                codes.append("10A")
            if (
                _missing_before(positive, a.child_id, a.authorised_date, 120)
                and rng.random() < P_CSE_FACTOR
            ):
                codes.append("11A")
            if a.assessment_id in fgm:
                codes.append("22A")
            if not codes:
                if rng.random() < P_NO_FACTORS_CODED:
                    continue
                codes = ["21"]
            for code in sorted(set(codes), key=_factor_order):
                rows.append(AssessmentFactor(a.assessment_id, a.child_id, code))


def _factor_order(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits), code


def _fgm_assessments(sim, fy: int, assessments: list, children: dict) -> set[str]:
    """The year's assessments identifying FGM: girls, by ethnicity; in 2015/16 a girl with two
    when there is one."""
    rng = sim.stream("assessment-factors", "fgm", fy)
    n = _scaled(FGM_ASSESSMENTS.get(fy, 0), sim.scale)
    girls = [a for a in assessments if children[a.child_id].sex == "2"]
    picked: list = []
    if fy == 2015 and n >= 2:
        twice: dict[str, list] = defaultdict(list)
        for a in girls:
            twice[a.child_id].append(a)
        pairs = sorted(c for c, lst in twice.items() if len(lst) >= 2)
        if pairs:
            c = pairs[rng.randrange(len(pairs))]
            picked.extend(twice[c][:2])
    taken = {id(a) for a in picked}
    rest = [a for a in girls if id(a) not in taken]
    weights = [FGM_ETHNICITY_WEIGHT.get(children[a.child_id].ethnicity, 0.3) for a in rest]
    picked.extend(_weighted_sample(rng, rest, weights, n - len(picked)))
    return {a.assessment_id for a in picked}
