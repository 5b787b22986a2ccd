"""Ground truth: the framework's measures computed in Python from the generator's own records.

Each function implements one row of docs/design.md, "The measures", and quotes the rule it
follows; the shared conventions (periods, open-at-a-date, working days, periods of care,
placements, looked after at a date) are in docs/design.md, "Conventions used by every
definition". Nothing here reads the extracts or the database: the input is the in-memory records
the generator wrote out, and reference data only (never SQL): the measures, their units and
Latest bases from seeds/reference/indicator_catalogue.csv (the rows whose `family` is not
empty) and indicator_units.csv, the fields an authority records only from a date from
seeds/reference/field_recording.csv, and the authority's school terms from
seeds/reference/school_terms.csv (Facts.school_days). Each measure's function is registered by
`@measure` under its name, the catalogue's indicator_id: a new measure is its catalogue row and
its function. Readings of points the design leaves open are marked "Reading:".
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import os
import pkgutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .dates import SchoolDays, WorkingDays, academic_year_start, add_months, add_years, age_in_years

DAY = dt.timedelta(days=1)
FOSTER_TYPES = {"U1", "U2", "U3", "U4", "U5", "U6"}
ADOPTION_TYPES = {"A3", "A4", "A5", "A6"}
SHORT_BREAK_LS = {"V3", "V4"}
PARTICIPATION = {"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}
YEAR_BASES = {"financial_year", "three_years_to_march", "academic_year", "fourth_quarter"}
LATEST_BASES = {
    "rolling_12_months",
    "year_to_date",
    "snapshot",
    "rolling_36_months",
    "financial_quarter",
    "academic_year_to_date",
    "calendar_month",
}
# the bases of a measure's table of periods (catalogue series_basis; empty: no table)
SERIES_BASES = {"financial_quarter", "calendar_month"}
# a calendar month's label, "Aug 2015" (English, whatever the locale: strftime's %b is not)
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

# the authority's school terms (reference data: the school days of Facts.school_days)
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHOOL_TERMS_SEED = os.path.join(REPO_ROOT, "seeds", "reference", "school_terms.csv")

# indicator_id -> the function computing (numerator, denominator) of one period
MEASURE_FUNCTIONS: dict[str, Callable[..., tuple]] = {}


def measure(fn):
    """Register a measure's ground-truth function under its name, the catalogue's indicator_id
    (a new measure is its catalogue row and this function)."""
    if fn.__name__ in MEASURE_FUNCTIONS:
        raise ValueError(f"two ground-truth functions for {fn.__name__}")
    MEASURE_FUNCTIONS[fn.__name__] = fn
    return fn


# ---------------------------------------------------------------------------- periods
@dataclass(frozen=True)
class Period:
    """One reporting period (docs/design.md, `int_reporting_periods_defined`)."""

    # year_1, year_2, year_3, latest, or a series period's quarter_<Y>_q<n> or month_<Y>_<MM>
    key: str
    label: str  # 2013/14 ... or Latest, or 2014/15 Q1, or Aug 2015
    # financial_year, three_years_to_march, academic_year, fourth_quarter, rolling_12_months,
    # year_to_date, snapshot, rolling_36_months, financial_quarter, academic_year_to_date,
    # calendar_month
    basis: str
    start: dt.date  # window_start_date
    end: dt.date  # window_end_date (the snapshot date S for snapshot measures)
    population_year: int

    @property
    def kind(self) -> str:
        """period_kind: year (the three year columns), latest, or series (a table's periods)."""
        if self.key == "latest":
            return "latest"
        return "year" if self.key.startswith("year_") else "series"


def _population_year(window_end: dt.date) -> int:
    """ "The population for a period is the ONS mid-year estimate for the calendar year in which
    the period's 12 months begin (the year of window_end - 364 days)"."""
    return (window_end - dt.timedelta(days=364)).year


def _last_quarter_end(R: dt.date) -> dt.date:
    """The last end of a financial quarter (30 June, 30 September, 31 December, 31 March) on or
    before R."""
    month = R.month - R.month % 3
    year = R.year
    if month == 0:
        month, year = 12, year - 1
    end = add_months(dt.date(year, month, 1), 1) - DAY
    if end > R:
        end = add_months(dt.date(year, month, 1), -2) - DAY
    return end


def _last_fy_end_year(R: dt.date) -> int:
    """The year of the last 31 March on or before R (the end of year_3)."""
    return R.year if (R.month, R.day) >= (3, 31) else R.year - 1


def series_periods(report_date: dt.date) -> list[Period]:
    """The periods of a table on the `financial_quarter` series basis
    (int_reporting_periods_defined, `financial_quarters`): "a report date's quarters, as the
    document's quarterly tables print them: from the first quarter of the second year column
    (2014/15 Q1 for July 2016) to the latest complete quarter", Q1 April-June ... Q4
    January-March, keyed quarter_<year the financial year starts>_q<n>, labelled like 2014/15
    Q1."""
    last_quarter_end = _last_quarter_end(report_date)
    start = dt.date(_last_fy_end_year(report_date) - 2, 4, 1)  # year_2's 1 April
    periods = []
    while True:
        end = add_months(start, 3) - DAY
        if end > last_quarter_end:
            return periods
        fy = start.year if start.month >= 4 else start.year - 1
        n = (start.month - 4) % 12 // 3 + 1
        periods.append(
            Period(
                f"quarter_{fy}_q{n}",
                f"{fy}/{(fy + 1) % 100:02d} Q{n}",
                "financial_quarter",
                start,
                end,
                _population_year(end),
            )
        )
        start = end + DAY


def month_series_periods(report_date: dt.date) -> list[Period]:
    """The periods of a table on the `calendar_month` series basis
    (int_reporting_periods_defined, `calendar_month_series`): "a report date's twelve calendar
    months, ending with its own month", oldest first, keyed month_<year>_<month, two digits>
    (month_2015_08) and labelled like Aug 2015. As the SQL selects them: the months starting
    after 1st of R's month - 12 months and ending on or before R (for a report date that is not
    a month's last day, its own unfinished month is not listed)."""
    first_of_month = dt.date(report_date.year, report_date.month, 1)
    periods = []
    for back in range(11, -1, -1):
        start = add_months(first_of_month, -back)
        end = add_months(start, 1) - DAY
        if end > report_date:
            continue
        periods.append(
            Period(
                f"month_{start.year}_{start.month:02d}",
                f"{MONTH_ABBREVIATIONS[start.month - 1]} {start.year}",
                "calendar_month",
                start,
                end,
                _population_year(end),
            )
        )
    return periods


def reporting_periods(report_date: dt.date) -> list[Period]:
    """ "The three year columns are the three financial years ending on or before R, oldest first
    (year_1, year_2, year_3)", on the `financial_year` basis, and on `three_years_to_march` the
    three years ending on each of those 31 Marches (the adoption scorecard's 2013/14 is April
    2011 to March 2014), and on `academic_year` the academic years carrying the financial
    years' labels: "the academic years (1 September to 31 August) of the financial years'
    labels: 2015/16 is September 2015 to August 2016, not over at a July 2016 report date".
    Latest is `rolling_12_months` (R - 12 months + 1 day to R), `year_to_date` (1 April of the
    financial year containing R, to R), `snapshot` (at R), `rolling_36_months` (R + 1 day - 36
    months to R), `financial_quarter` (the latest complete financial quarter ending on or before
    R) or `academic_year_to_date` (1 September of the academic year containing R, to R).
    On `fourth_quarter` (the return home interviews, the document's Q4-only figures) a year
    column is "1 January..31 March of the financial year's end (2015/16 -> 2016-01-01..
    2016-03-31), label as the financial year", and the `calendar_month` Latest is R's month:
    1st of R's month to R. Then the series periods (kind `series`): the financial quarters of
    a measure's table (series_periods), then its calendar months (month_series_periods). The
    periods of a basis added later (academic years, fourth quarters, the calendar month) come
    after the others of their kind, so that a measure's values keep their order when a basis
    is added."""
    R = report_date
    last_fy_end_year = _last_fy_end_year(R)
    periods = []
    for i, key in enumerate(("year_1", "year_2", "year_3")):
        end_year = last_fy_end_year - 2 + i
        start, end = dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31)
        label = f"{end_year - 1}/{end_year % 100:02d}"
        periods.append(Period(key, label, "financial_year", start, end, _population_year(end)))
        three_start = dt.date(end_year - 3, 4, 1)
        periods.append(
            Period(key, label, "three_years_to_march", three_start, end, _population_year(end))
        )
    for i, key in enumerate(("year_1", "year_2", "year_3")):
        end_year = last_fy_end_year - 2 + i
        start, end = dt.date(end_year - 1, 9, 1), dt.date(end_year, 8, 31)
        label = f"{end_year - 1}/{end_year % 100:02d}"
        periods.append(Period(key, label, "academic_year", start, end, _population_year(end)))
    for i, key in enumerate(("year_1", "year_2", "year_3")):
        end_year = last_fy_end_year - 2 + i
        start, end = dt.date(end_year, 1, 1), dt.date(end_year, 3, 31)
        label = f"{end_year - 1}/{end_year % 100:02d}"
        periods.append(Period(key, label, "fourth_quarter", start, end, _population_year(end)))
    fy_start = dt.date(R.year if R.month >= 4 else R.year - 1, 4, 1)
    quarter_end = _last_quarter_end(R)
    latest = {
        "rolling_12_months": (add_months(R, -12) + DAY, R),
        "year_to_date": (fy_start, R),
        "snapshot": (R, R),
        "rolling_36_months": (add_months(R + DAY, -36), R),
        "financial_quarter": (add_months(quarter_end + DAY, -3), quarter_end),
    }
    for basis, (start, end) in latest.items():
        periods.append(Period("latest", "Latest", basis, start, end, _population_year(end)))
    periods.append(
        Period(
            "latest",
            "Latest",
            "academic_year_to_date",
            academic_year_start(R),
            R,
            _population_year(R),
        )
    )
    periods.append(
        Period(
            "latest",
            "Latest",
            "calendar_month",
            dt.date(R.year, R.month, 1),
            R,
            _population_year(R),
        )
    )
    return periods + series_periods(R) + month_series_periods(R)


def open_at(start: dt.date | None, end: dt.date | None, d: dt.date) -> bool:
    """ "Open at a date D: start <= D and (end is null or end > D)"."""
    return start is not None and start <= d and (end is None or end > d)


def in_window(x: dt.date | None, p: Period) -> bool:
    """ "In a window [start, end]: the event date is between start and end inclusive"."""
    return x is not None and p.start <= x <= p.end


def load_population(path: str, la_code: str) -> dict[int, int]:
    """seeds/reference/population.csv (la_code, year, population_0_17, ...) for one authority."""
    out: dict[int, int] = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if str(row.get("la_code", "")).strip() != str(la_code):
                continue
            try:
                out[int(row["year"])] = int(float(row["population_0_17"]))
            except (KeyError, ValueError, TypeError):
                continue
    return out


def population_for(pop: dict[int, int], year: int) -> int | None:
    """ "If that year is missing, the latest earlier year"."""
    years = [y for y in pop if y <= year]
    return pop[max(years)] if years else None


# ---------------------------------------------------------------------------- derived journeys
@dataclass
class PeriodOfCare:
    child_id: str
    start: dt.date
    end: dt.date | None
    episodes: list
    placements: list  # list of (start, end or None, first episode)


class Facts:
    """Indexes over the records, and the journeys docs/design.md derives from them. `la_code`
    (the authority) is needed only by the measures counting school days (`school_days`) and by
    the missing measures, which leave out the children another authority placed here
    (truth_cse_missing), and `report_date` (R) only by those whose rule names R beside the
    window (compute passes both)."""

    def __init__(
        self,
        records: dict[str, list],
        wd: WorkingDays,
        *,
        la_code: str | None = None,
        report_date: dt.date | None = None,
    ):
        self.wd = wd
        self.la_code = la_code
        self.report_date = report_date
        self._school_days: SchoolDays | None = None
        # every extract's records, for the sections' modules (truth_<section>.py)
        self.records = records
        self.children = {c.child_id: c for c in records["carefirst_children"]}
        self.referrals = records["carefirst_referrals"]
        self.assessments = records["carefirst_assessments"]
        self.s47s = records["carefirst_section47_enquiries"]
        self.s47_by_id = {s.s47_id: s for s in self.s47s}
        self.conferences = records["carefirst_cp_conferences"]
        self.plans = records["carefirst_cp_plans"]
        self.reviews = records["carefirst_lac_reviews"]
        self.lac_visits = records["carefirst_lac_visits"]
        self.households = records["carefirst_foster_households"]
        self.private_fostering = records["carefirst_private_fostering"]
        self.episodes = records["carefirst_lac_episodes"]

        self.plans_by_child: dict[str, list] = defaultdict(list)
        for p in self.plans:
            self.plans_by_child[p.child_id].append(p)
        for lst in self.plans_by_child.values():
            lst.sort(key=lambda p: (p.start_date, p.cp_plan_id))
        self.cp_visits_by_plan: dict[str, list] = defaultdict(list)
        self.cp_visits_by_child: dict[str, list] = defaultdict(list)
        for v in records["carefirst_cp_visits"]:
            self.cp_visits_by_plan[v.cp_plan_id].append(v)
            self.cp_visits_by_child[v.child_id].append(v)
        for lst in self.cp_visits_by_plan.values():
            lst.sort(key=lambda v: (v.visit_date, v.visit_id))
        for lst in self.cp_visits_by_child.values():
            lst.sort(key=lambda v: (v.visit_date, v.visit_id))
        self.icpc_s47_ids = {
            c.s47_id for c in self.conferences if c.conference_type == "ICPC" and c.s47_id
        }

        self.episodes_by_child: dict[str, list] = defaultdict(list)
        for e in self.episodes:
            self.episodes_by_child[e.child_id].append(e)
        self.periods_by_child = {
            cid: self._periods(cid, eps) for cid, eps in self.episodes_by_child.items()
        }
        self.reviews_by_child: dict[str, list] = defaultdict(list)
        for r in self.reviews:
            self.reviews_by_child[r.child_id].append(r)
        for lst in self.reviews_by_child.values():
            lst.sort(key=lambda r: (r.review_date, r.review_id))
        self.lac_visits_by_child: dict[str, list] = defaultdict(list)
        for v in self.lac_visits:
            self.lac_visits_by_child[v.child_id].append(v)
        for lst in self.lac_visits_by_child.values():
            lst.sort(key=lambda v: (v.visit_date, v.visit_id))

    @staticmethod
    def _periods(child_id: str, episodes: list) -> list[PeriodOfCare]:
        """ "Periods of care: a child's LAC episodes chained while each episode starts on the day
        the previous one ends; a new period starts at an episode with RNE S or after a gap."
        "Placements: within a period of care, a placement starts at an episode whose RNE is S, P
        or B (a change of carer); L, T and U continue it. A placement ends when the next placement
        starts or the period ends." Reading: the first episode of a period always starts a
        placement."""
        eps = sorted(episodes, key=lambda e: (e.start_date, e.episode_id))
        periods: list[PeriodOfCare] = []
        cur: list = []
        for e in eps:
            if (
                cur
                and e.reason_new_episode != "S"
                and cur[-1].end_date is not None
                and cur[-1].end_date == e.start_date
            ):
                cur.append(e)
            else:
                if cur:
                    periods.append(cur)
                cur = [e]
        if cur:
            periods.append(cur)
        out = []
        for chain in periods:
            end = chain[-1].end_date
            starts = [
                e for i, e in enumerate(chain) if i == 0 or e.reason_new_episode in ("S", "P", "B")
            ]
            placements = []
            for i, e in enumerate(starts):
                p_end = starts[i + 1].start_date if i + 1 < len(starts) else end
                placements.append((e.start_date, p_end, e))
            out.append(PeriodOfCare(child_id, chain[0].start_date, end, chain, placements))
        return out

    @property
    def school_days(self) -> SchoolDays:
        """The authority's school days (seeds/reference/school_terms.csv, bank holidays from
        wd), built on first use."""
        if self._school_days is None:
            if self.la_code is None:
                raise ValueError("Facts(..., la_code=...) is needed to count school days")
            self._school_days = SchoolDays(SCHOOL_TERMS_SEED, self.la_code, self.wd)
        return self._school_days

    # -------------------------------------------------------------- looked after at a date
    def open_episode(self, child_id: str, d: dt.date):
        for e in self.episodes_by_child.get(child_id, ()):
            if open_at(e.start_date, e.end_date, d):
                return e
        return None

    def looked_after_at(self, d: dt.date) -> dict[str, object]:
        """ "Looked after at D excludes children whose open episode has legal status V3 or V4
        (short breaks)." Returns child_id -> the open episode."""
        out = {}
        for cid, eps in self.episodes_by_child.items():
            for e in eps:
                if open_at(e.start_date, e.end_date, d):
                    if e.legal_status not in SHORT_BREAK_LS:
                        out[cid] = e
                    break
        return out

    def current_period(self, child_id: str, d: dt.date) -> PeriodOfCare | None:
        for p in self.periods_by_child.get(child_id, ()):
            if open_at(p.start, p.end, d):
                return p
        return None

    def on_plan_at(self, d: dt.date) -> dict[str, object]:
        """Children on a CP plan at D (open-at convention) -> their current plan (the latest
        starting, should two be open)."""
        out = {}
        for p in self.plans:
            if open_at(p.start_date, p.end_date, d):
                cur = out.get(p.child_id)
                if cur is None or (p.start_date, p.cp_plan_id) > (cur.start_date, cur.cp_plan_id):
                    out[p.child_id] = p
        return out


# ---------------------------------------------------------------------------- Quality Assurance
@measure
def icpc_within_15_working_days(f: Facts, p: Period):
    """ "ICPCs (conference_type = ICPC; transfer-in conferences excluded) held in the window whose
    working days from the linked s47's strategy_discussion_date to conference_date are <= 15 /
    all ICPCs held in the window. An ICPC with no linked s47 or no strategy discussion date counts
    in the denominator and as late.\""""
    num = den = 0
    for c in f.conferences:
        if c.conference_type != "ICPC" or not in_window(c.conference_date, p):
            continue
        den += 1
        s47 = f.s47_by_id.get(c.s47_id) if c.s47_id else None
        if (
            s47 is not None
            and s47.strategy_discussion_date is not None
            and f.wd.between(s47.strategy_discussion_date, c.conference_date) <= 15
        ):
            num += 1
    return num, den


def _plan_fails_in_window(f: Facts, plan, p: Period) -> bool:
    """A plan open in the window fails when a visit in the window is late ("the days since the
    previous visit on the same plan (or the plan's start, for the first visit) exceed the plan's
    visit_interval_days"), or when "at the window end (or the plan's end if earlier), more than
    visit_interval_days have passed since the last visit (or the start)"."""
    interval = plan.visit_interval_days
    prev = plan.start_date
    ref = p.end if plan.end_date is None or plan.end_date > p.end else plan.end_date
    last = plan.start_date
    for v in f.cp_visits_by_plan.get(plan.cp_plan_id, ()):
        if in_window(v.visit_date, p) and (v.visit_date - prev).days > interval:
            return True
        prev = v.visit_date
        if v.visit_date <= ref:
            last = v.visit_date
    return (ref - last).days > interval


def _plan_open_in_window(plan, p: Period) -> bool:
    """Reading: "a CP plan open at any time in the window" = start <= window end and (end null or
    end > window start), i.e. open (open-at convention) on some day of the window."""
    return plan.start_date <= p.end and (plan.end_date is None or plan.end_date > p.start)


@measure
def cp_visits_on_time(f: Facts, p: Period):
    """ "Year: children with a CP plan open at any time in the window; Latest: children on a plan at
    R, judged over the rolling 12 months. Numerator: those with no late visit in the window on any
    plan." (the late-visit and overdue-at-the-end rules are in _plan_fails_in_window)."""
    if p.key == "latest":
        cohort = set(f.on_plan_at(p.end))
    else:
        cohort = {pl.child_id for pl in f.plans if _plan_open_in_window(pl, p)}
    num = 0
    for cid in cohort:
        plans = [pl for pl in f.plans_by_child[cid] if _plan_open_in_window(pl, p)]
        if not any(_plan_fails_in_window(f, pl, p) for pl in plans):
            num += 1
    return num, len(cohort)


@measure
def cp_children_seen_alone(f: Facts, p: Period):
    """ "children on a plan at S whose latest CP visit on or before S has is_child_seen_alone /
    children on a plan at S with at least one visit on or before S." Reading: the child's latest
    CP visit, on whichever plan."""
    S = p.end
    num = den = 0
    for cid in f.on_plan_at(S):
        latest = None
        for v in f.cp_visits_by_child.get(cid, ()):
            if v.visit_date <= S:
                latest = v
        if latest is None:
            continue
        den += 1
        if latest.is_child_seen_alone == "Y":
            num += 1
    return num, den


def _assessments_authorised(f: Facts, p: Period):
    return [a for a in f.assessments if in_window(a.authorised_date, p)]


@measure
def assessments_within_45_working_days(f: Facts, p: Period):
    """ "single assessments authorised in the window whose working days from start_date to
    authorised_date are <= 45 / all assessments authorised in the window.\""""
    done = _assessments_authorised(f, p)
    num = sum(1 for a in done if f.wd.between(a.start_date, a.authorised_date) <= 45)
    return num, len(done)


@measure
def lac_review_participation(f: Facts, p: Period):
    """ "LAC reviews held in the window with participation_code PN1-PN6 / reviews held in the
    window, excluding PN0 (child under 4); a review with no code counts in the denominator only.\""""
    num = den = 0
    for r in f.reviews:
        if not in_window(r.review_date, p) or r.participation_code == "PN0":
            continue
        den += 1
        if r.participation_code in PARTICIPATION:
            num += 1
    return num, den


@measure
def assessments_child_seen(f: Facts, p: Period):
    """ "assessments authorised in the window with is_child_seen / all assessments authorised in
    the window.\""""
    done = _assessments_authorised(f, p)
    return sum(1 for a in done if a.is_child_seen == "Y"), len(done)


@measure
def assessments_child_seen_alone(f: Facts, p: Period):
    """ "as above with is_child_seen_alone.\""""
    done = _assessments_authorised(f, p)
    return sum(1 for a in done if a.is_child_seen_alone == "Y"), len(done)


# ---------------------------------------------------------------------------- Children in Need
@measure
def referrals_rate(f: Facts, p: Period):
    """ "referrals with referral_date in the window / population.\""""
    return sum(1 for r in f.referrals if in_window(r.referral_date, p)), None


def _cin_sets(f: Facts, S: dt.date):
    referral_open = {
        r.child_id
        for r in f.referrals
        if r.is_nfa != "Y" and open_at(r.referral_date, r.closure_date, S)
    }
    cp = set(f.on_plan_at(S))
    lac = set(f.looked_after_at(S))
    return referral_open, cp, lac


@measure
def cin_rate_excl_cp_lac(f: Facts, p: Period):
    """ "children in need at S who are neither on a CP plan nor looked after at S / population.\""""
    ref, cp, lac = _cin_sets(f, p.end)
    return len((ref | cp | lac) - cp - lac), None


@measure
def cin_rate_incl_cp_lac(f: Facts, p: Period):
    """ "children in need at S: distinct children with a referral open at S (referral_date <= S,
    closure null or > S, not NFA), or on a CP plan at S, or looked after at S / population.\""""
    ref, cp, lac = _cin_sets(f, p.end)
    return len(ref | cp | lac), None


@measure
def s47_rate(f: Facts, p: Period):
    """ "section 47 enquiries with strategy_discussion_date in the window / population.\""""
    return sum(1 for s in f.s47s if in_window(s.strategy_discussion_date, p)), None


@measure
def s47_to_icpc_proportion(f: Facts, p: Period):
    """ "s47 enquiries with completed_date in the window that have an ICPC linked by s47_id / s47
    enquiries completed in the window.\""""
    done = [s for s in f.s47s if in_window(s.completed_date, p)]
    return sum(1 for s in done if s.s47_id in f.icpc_s47_ids), len(done)


@measure
def cp_rate(f: Facts, p: Period):
    """ "children on a CP plan at S / population.\""""
    return len(f.on_plan_at(p.end)), None


def _is_repeat_plan(f: Facts, plan) -> bool:
    """ "the child had an earlier plan (an earlier start_date in the extract, or
    previous_plan_count > 0)\""""
    if plan.previous_plan_count is not None and plan.previous_plan_count > 0:
        return True
    return any(q.start_date < plan.start_date for q in f.plans_by_child[plan.child_id])


@measure
def cp_second_or_subsequent(f: Facts, p: Period):
    """ "Year: CP plans starting in the window where the child had an earlier plan ... / plans
    starting in the window. Latest: children on a plan at R whose current plan is a second or
    subsequent one / children on a plan at R.\""""
    if p.key == "latest":
        current = f.on_plan_at(p.end)
        return sum(1 for pl in current.values() if _is_repeat_plan(f, pl)), len(current)
    starts = [pl for pl in f.plans if in_window(pl.start_date, p)]
    return sum(1 for pl in starts if _is_repeat_plan(f, pl)), len(starts)


@measure
def cp_plans_two_years_plus(f: Facts, p: Period):
    """ "children on a plan at S whose plan has lasted 730 days or more (S - start_date >= 730) /
    children on a plan at S.\""""
    current = f.on_plan_at(p.end)
    return sum(1 for pl in current.values() if (p.end - pl.start_date).days >= 730), len(current)


# ---------------------------------------------------------------------------- Looked After Children
@measure
def lac_rate(f: Facts, p: Period):
    """ "children looked after at S / population.\""""
    return len(f.looked_after_at(p.end)), None


@measure
def lac_visits_on_time(f: Facts, p: Period):
    """ "LAC visits in the window, made while the child was looked after, that were on time / all
    such visits. A visit is due within 7 days of the start of the current placement if no visit
    has been made since that start; otherwise within 42 days of the previous visit while the
    placement is in its first 365 days (at the visit date), and within 91 days after that."
    Readings: "since that start" includes a visit on the start day; the placement is in its first
    365 days while visit_date - placement start < 365."""
    num = den = 0
    for cid, visits in f.lac_visits_by_child.items():
        periods = f.periods_by_child.get(cid, ())
        prev_date = None
        for v in visits:
            d = v.visit_date
            last = prev_date
            prev_date = d
            if not in_window(d, p):
                continue
            placement = None
            for per in periods:
                if not open_at(per.start, per.end, d):
                    continue
                for ps, pe, _ in per.placements:
                    if open_at(ps, pe, d):
                        placement = (ps, pe)
                break
            if placement is None:
                continue
            ep = f.open_episode(cid, d)
            if ep is None or ep.legal_status in SHORT_BREAK_LS:
                continue  # not looked after at the visit date
            den += 1
            ps = placement[0]
            if last is None or last < ps:
                on_time = (d - ps).days <= 7
            else:
                limit = 42 if (d - ps).days < 365 else 91
                on_time = (d - last).days <= limit
            if on_time:
                num += 1
    return num, den


def _review_slots(f: Facts, period: PeriodOfCare, reviews: list, evaluation: dt.date):
    """Slots of one period of care as at the evaluation date: [(due, held or None, late)].
    "the first review is due on the 20th working day after the period's start; the second within
    3 calendar months of the first review's date; each later one within 6 calendar months of the
    previous review's date ... The k-th review held in the period fills slot k; a slot is late if
    held after its due date, or if unheld when its due date has passed (at the evaluation date,
    the window end) while the period is still open on the due date."
    Readings: a review belongs to the period when start <= review_date <= end (end null = open);
    a review held after the evaluation date is unheld at that date; only the first slot after
    the last review held can be unheld (later due dates depend on it); "N calendar months after"
    keeps the day of the month, clipped to the month's last day."""
    held = [
        r.review_date
        for r in reviews
        if period.start <= r.review_date
        and (period.end is None or r.review_date <= period.end)
        and r.review_date <= evaluation
    ]
    slots = []
    due = f.wd.add(period.start, 20)
    for k, h in enumerate(held):
        slots.append((due, h, h > due))
        due = add_months(h, 3 if k == 0 else 6)
    if due <= evaluation and open_at(period.start, period.end, due):
        slots.append((due, None, True))
    return slots


@measure
def lac_reviews_on_time(f: Facts, p: Period):
    """ "One strike and out" ... "A slot belongs to the window if its review was held in the window,
    or it is unheld and its due date is in the window. Denominator: children with at least one
    slot in the window; numerator: those none of whose slots in the window is late." The
    evaluation date is the window end."""
    num = den = 0
    for cid, periods in f.periods_by_child.items():
        reviews = f.reviews_by_child.get(cid, [])
        in_win = []
        for per in periods:
            if per.start > p.end:
                continue
            for due, held, late in _review_slots(f, per, reviews, p.end):
                if (held is not None and in_window(held, p)) or (
                    held is None and in_window(due, p)
                ):
                    in_win.append(late)
        if in_win:
            den += 1
            if not any(in_win):
                num += 1
    return num, den


def _placements_overlapping(f: Facts, child_id: str, lo: dt.date, hi: dt.date) -> int:
    """Reading: the child's placements (in any period of care) with start <= hi and (end null or
    end > lo): overlapping the half-open interval (lo, hi]."""
    n = 0
    for per in f.periods_by_child.get(child_id, ()):
        for ps, pe, _ in per.placements:
            if ps <= hi and (pe is None or pe > lo):
                n += 1
    return n


def _stability(f: Facts, p: Period, over_two_years: bool):
    S = p.end
    two_years_ago = add_years(S, -2)
    num = den = 0
    for cid in f.looked_after_at(S):
        per = f.current_period(cid, S)
        if per is None or (per.start <= two_years_ago) != over_two_years:
            continue
        den += 1
        if _placements_overlapping(f, cid, two_years_ago, S) < 3:
            num += 1
    return num, den


@measure
def lac_placement_stability_over_2y(f: Facts, p: Period):
    """ "children looked after at S whose current period of care started on or before S - 2
    years, with fewer than 3 placements overlapping (S - 2 years, S] / those children.\""""
    return _stability(f, p, True)


@measure
def lac_placement_stability_under_2y(f: Facts, p: Period):
    """ "as above for children whose current period of care started after S - 2 years.\""""
    return _stability(f, p, False)


@measure
def lac_long_term_placement_stability(f: Facts, p: Period):
    """ "children looked after at S, aged under 16 at S, whose current period of care started on
    or before S - 30 months, and whose current placement started on or before S - 2 years (or who
    are placed for adoption, placement_type A3-A6, and whose previous placement started on or
    before S - 2 years) / those children (the first three conditions)." Reading: the previous
    placement is the one before the current placement in the same period of care."""
    S = p.end
    two_years_ago, thirty_months_ago = add_years(S, -2), add_months(S, -30)
    num = den = 0
    for cid, ep in f.looked_after_at(S).items():
        child = f.children.get(cid)
        if child is None or age_in_years(child.date_of_birth, S) >= 16:
            continue
        per = f.current_period(cid, S)
        if per is None or per.start > thirty_months_ago:
            continue
        den += 1
        idx = next(i for i, (ps, pe, _) in enumerate(per.placements) if open_at(ps, pe, S))
        current_start = per.placements[idx][0]
        if current_start <= two_years_ago or (
            ep.placement_type in ADOPTION_TYPES
            and idx > 0
            and per.placements[idx - 1][0] <= two_years_ago
        ):
            num += 1
    return num, den


@measure
def lac_in_house_foster(f: Facts, p: Period):
    """ "children looked after at S in foster care (placement_type U1-U6) with placement_provider
    PR1 / children looked after at S.\""""
    lac = f.looked_after_at(p.end)
    return sum(
        1
        for e in lac.values()
        if e.placement_type in FOSTER_TYPES and e.placement_provider == "PR1"
    ), len(lac)


@measure
def lac_placed_with_parents_care_order(f: Facts, p: Period):
    """ "children looked after at S placed with parents (placement_type P1) under a care order
    (legal_status C1 or C2) / children looked after at S.\""""
    lac = f.looked_after_at(p.end)
    return sum(
        1 for e in lac.values() if e.placement_type == "P1" and e.legal_status in ("C1", "C2")
    ), len(lac)


@measure
def private_fostering_known(f: Facts, p: Period):
    """ "private fostering arrangements open at S (notification_date <= S, end null or > S).\""""
    return sum(
        1 for a in f.private_fostering if open_at(a.notification_date, a.end_date, p.end)
    ), None


@measure
def foster_carers_in_pipeline(f: Facts, p: Period):
    """ "in-house fostering households with enquiry_date <= S, not approved by S (approval null or
    > S) and not withdrawn by S (withdrawn null or > S).\""""
    S = p.end
    n = sum(
        1
        for h in f.households
        if h.enquiry_date <= S
        and (h.approval_date is None or h.approval_date > S)
        and (h.withdrawn_date is None or h.withdrawn_date > S)
    )
    return n, None


@measure
def foster_carers_approved(f: Facts, p: Period):
    """ "households with approval_date in the window.\""""
    return sum(1 for h in f.households if in_window(h.approval_date, p)), None


@measure
def foster_carer_days_to_approve(f: Facts, p: Period):
    """ "total days from enquiry_date to approval_date / households approved in the window.\""""
    done = [h for h in f.households if in_window(h.approval_date, p)]
    return sum((h.approval_date - h.enquiry_date).days for h in done), len(done)


# ---------------------------------------------------------------------------- the catalogue
@dataclass(frozen=True)
class Measure:
    """A catalogue row of a built section (seeds/reference/indicator_catalogue.csv, `family` not
    empty): what the ground truth needs of it."""

    indicator_id: str
    section_id: str
    unit: str
    denominator_kind: str  # indicator_units.csv: counted, population or none
    year_basis: str
    latest_basis: str
    series_basis: str  # the basis of its table of periods; empty: none
    fields_needed: tuple[str, ...]  # `extract.column`


def load_measures(catalogue_path: str, units_path: str) -> list[Measure]:
    """The built measures (catalogue `family` not empty), in the catalogue's order, with their
    unit's denominator kind. Raises ValueError naming the file, the line and the rule when a row
    uses a unit indicator_units.csv lacks or a period basis the ground truth has no periods for."""
    with open(units_path, encoding="utf-8", newline="") as fh:
        kinds = {row["unit"]: row["denominator_kind"] for row in csv.DictReader(fh)}
    measures = []
    with open(catalogue_path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if not row["family"].strip():
                continue
            where = f"{catalogue_path}: line {line}: {row['indicator_id']}"
            if row["unit"] not in kinds:
                raise ValueError(f"{where}: unit {row['unit']!r} is not in {units_path}")
            if row["year_basis"] not in YEAR_BASES:
                raise ValueError(
                    f"{where}: the ground truth has no periods for year_basis {row['year_basis']!r}"
                )
            if row["latest_basis"] not in LATEST_BASES:
                raise ValueError(
                    f"{where}: the ground truth has no periods for latest_basis {row['latest_basis']!r}"
                )
            if row["series_basis"].strip() and row["series_basis"] not in SERIES_BASES:
                raise ValueError(
                    f"{where}: the ground truth has no periods for series_basis {row['series_basis']!r}"
                )
            measures.append(
                Measure(
                    indicator_id=row["indicator_id"],
                    section_id=row["section_id"],
                    unit=row["unit"],
                    denominator_kind=kinds[row["unit"]],
                    year_basis=row["year_basis"],
                    latest_basis=row["latest_basis"],
                    series_basis=row["series_basis"].strip(),
                    fields_needed=tuple(row["fields_needed"].split()),
                )
            )
    return measures


def cell_state(measure: Measure, period: Period, recorded_from: dict[str, dt.date]) -> str:
    """not_recorded when the period's window starts before the date from which the authority
    records any field the measure needs (seeds/reference/field_recording.csv, catalogue
    `fields_needed`); else computed (no_data is decided from the counts, in compute)."""
    for field_name in measure.fields_needed:
        since = recorded_from.get(field_name)
        if since is not None and period.start < since:
            return "not_recorded"
    return "computed"


def compute(
    records: dict[str, list],
    report_date: dt.date,
    la_code: str,
    population: dict[int, int],
    measures: list[Measure],
    recorded_from: dict[str, dt.date],
    wd: WorkingDays | None = None,
) -> dict:
    """Every built measure x (year_1, year_2, year_3 on the measure's year basis, latest on its
    latest basis, and the periods of its table on its series basis, if it has one), in the shape
    of demo/ground_truth.json (docs/design.md, "Ground truth"), each with its state:
    not_recorded (cell_state; numerator and denominator null), not_yet_available (a year column
    whose window ends after the report date, such as an academic year not over at R; numerator
    and denominator null), no_data (docs/design.md, "States": a counted or population
    denominator that is 0 or missing) or computed. not_recorded is decided first, then
    not_yet_available, as fct_indicator_values' `stated` orders them. Each measure's numerator
    and denominator come from the function registered under its indicator_id."""
    missing = [m.indicator_id for m in measures if m.indicator_id not in MEASURE_FUNCTIONS]
    if missing:
        raise ValueError(
            "built measures with no ground-truth function (write `@measure def <indicator_id>(f, p)`"
            f" in scripts/demo/ground_truth.py): {', '.join(missing)}"
        )
    wd = wd or WorkingDays(1990, max(2035, report_date.year + 2))
    facts = Facts(records, wd, la_code=str(la_code), report_date=report_date)
    periods = reporting_periods(report_date)
    values = []
    for m in measures:
        fn = MEASURE_FUNCTIONS[m.indicator_id]
        for period in periods:
            wanted = {"year": m.year_basis, "latest": m.latest_basis, "series": m.series_basis}
            if period.basis != wanted[period.kind]:
                continue
            state = cell_state(m, period, recorded_from)
            if state == "computed" and period.kind == "year" and period.end > report_date:
                state = "not_yet_available"
            num = den = None
            if state == "computed":
                num, den = fn(facts, period)
                if m.denominator_kind == "population":
                    den = population_for(population, period.population_year)
                elif m.denominator_kind == "none":
                    den = None
                if m.denominator_kind != "none" and not den:
                    state = "no_data"
                    num = den = None
            values.append(
                {
                    "indicator_id": m.indicator_id,
                    "period_key": period.key,
                    "state": state,
                    "numerator": num,
                    "denominator": den,
                }
            )
    return {"report_date": report_date.isoformat(), "la_code": str(la_code), "values": values}


def _load_section_modules() -> None:
    """Register the measures of the sections written in modules of their own: every module
    `scripts/demo/truth_<section>.py` (its functions use `@measure` from here)."""
    package = __name__.rpartition(".")[0]
    folder = os.path.dirname(__file__)
    for module in sorted(pkgutil.iter_modules([folder]), key=lambda m: m.name):
        if module.name.startswith("truth_"):
            importlib.import_module(f"{package}.{module.name}")


_load_section_modules()
