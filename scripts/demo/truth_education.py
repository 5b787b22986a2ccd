"""Ground truth of the Education section (issue 11; docs/design.md, "Education"), from the
generator's own records (`education_schools`, `education_inspections`,
`education_pupil_attendance`, `education_school_census`, `education_exclusions`,
`education_learning_plans`, `education_cme_investigations`), never from the SQL. Reference
data only: the authority's school days (Facts.school_days, seeds/reference/school_terms.csv)
and the persistent-absence definition in force for each academic year
(seeds/reference/persistent_absence_definitions.csv).

Each function quotes the rule it follows. R is the report date; a window is [p.start, p.end]
inclusive; the year columns are academic years (1 September to 31 August) and the Latest is
either the academic year to date (1 September of the academic year containing R, to R) or a
snapshot at R. For the snapshot measures S is the window's end (31 August for a year column, R
for the Latest). A record's `academic_year` text ("2015/16") belongs to period p when it is the
label of the academic year containing p.start (p.start is 1 September for the year columns and
for the academic-year-to-date Latest)."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import os
from collections import defaultdict

from .dates import academic_year_label, academic_year_start, age_in_years
from .ground_truth import REPO_ROOT, Facts, Period, in_window, measure, open_at

PERSISTENT_ABSENCE_SEED = os.path.join(
    REPO_ROOT, "seeds", "reference", "persistent_absence_definitions.csv"
)
INSPECTED_PHASES = {"NURSERY", "PRIMARY", "SECONDARY", "SPECIAL", "PRU", "ALL_THROUGH"}
ATTENDANCE_PHASES = {"PRIMARY", "SECONDARY", "SPECIAL", "ALL_THROUGH"}
COMPULSORY_AGES = (5, 15)  # age on the 31 August before the academic year, inclusive
GOOD_GRADES = {1, 2}
SECTION_5, SHORT = "SECTION_5", "SHORT"
PERMANENT, FIXED = "PERMANENT", "FIXED"
CENSUS_HEADCOUNT_STATUSES = {"C", "M"}
PROVISION_DAY = 6
MISSING_FROM_EDUCATION = "MISSING_FROM_EDUCATION"
ONE_DAY = dt.timedelta(days=1)


def _rows(f: Facts, extract: str) -> list:
    return f.records[extract]


def _academic_year_start(p: Period) -> dt.date:
    """1 September of the period's academic year (the academic year containing p.start)."""
    return academic_year_start(p.start)


def _academic_year(p: Period) -> str:
    """The period's academic year as the extracts write it (2015/16)."""
    return academic_year_label(_academic_year_start(p).year)


def _academic_year_of(d: dt.date) -> str:
    """The academic year containing a date, as the extracts write it."""
    return academic_year_label(academic_year_start(d).year)


# ---------------------------------------------------------------------------- schools
def _graded_by_urn(f: Facts, S: dt.date) -> dict[str, int | None]:
    """school_urn -> the grade of its latest inspection published by S (None: no grade).
    "A school's latest published inspection at S: its own inspections (education_inspections
    with the school's urn, NOT the predecessor's) with publication_date <= S, the one with the
    latest inspection_date (ties: latest publication_date). Its grade: overall_effectiveness of
    that inspection; a SHORT inspection keeps the grade it confirms: the grade is that of the
    latest SECTION_5 inspection on or before it (published on or before S); a SHORT with no
    earlier SECTION_5 has no grade." Reading: "on or before it" compares inspection dates, and
    among SECTION_5 inspections the latest is again by (inspection_date, publication_date)."""
    published: dict[str, list] = defaultdict(list)
    for i in _rows(f, "education_inspections"):
        if i.publication_date is not None and i.publication_date <= S:
            published[i.school_urn].append(i)
    grades: dict[str, int | None] = {}
    for urn, inspections in published.items():
        inspections.sort(key=lambda i: (i.inspection_date, i.publication_date))
        latest = inspections[-1]
        if latest.inspection_type != SHORT:
            grades[urn] = latest.overall_effectiveness
            continue
        confirmed = [
            i
            for i in inspections
            if i.inspection_type == SECTION_5 and i.inspection_date <= latest.inspection_date
        ]
        grades[urn] = confirmed[-1].overall_effectiveness if confirmed else None
    return grades


@measure
def schools_good_or_outstanding(f: Facts, p: Period):
    """ "Schools counted: education_schools rows with is_state_funded = 'Y', phase in (NURSERY,
    PRIMARY, SECONDARY, SPECIAL, PRU, ALL_THROUGH), open at S: open_date <= S and (close_date is
    null or close_date > S) ... Denominator: counted schools with a grade. Numerator: those
    graded 1 or 2. A converter academy whose only inspections are its predecessor's
    (predecessor_urn) is NOT counted" (only a school's own urn's inspections are looked up, so a
    converter academy not yet inspected itself has no grade). S = p.end."""
    S = p.end
    grades = _graded_by_urn(f, S)
    num = den = 0
    for s in _rows(f, "education_schools"):
        if s.is_state_funded != "Y" or s.phase not in INSPECTED_PHASES:
            continue
        if not open_at(s.open_date, s.close_date, S):
            continue
        grade = grades.get(s.school_urn)
        if grade is None:
            continue
        den += 1
        if grade in GOOD_GRADES:
            num += 1
    return num, den


# ---------------------------------------------------------------------------- absence
def _enrolments(f: Facts, p: Period) -> list:
    """ "Enrolments: education_pupil_attendance rows of the period's academic year, at a school
    whose phase is PRIMARY, SECONDARY, SPECIAL or ALL_THROUGH and is_state_funded = 'Y' (school
    looked up by school_urn; a urn unknown to the schools extract is left out), any
    enrolment_status (C, M, S ...), possible_sessions > 0, pupil of compulsory school age: age
    on 31 August before the academic year's start ... between 5 and 15 inclusive"."""
    year = _academic_year(p)
    age_date = _academic_year_start(p) - ONE_DAY
    schools = {s.school_urn: s for s in _rows(f, "education_schools")}
    lo, hi = COMPULSORY_AGES
    out = []
    for a in _rows(f, "education_pupil_attendance"):
        if a.academic_year != year:
            continue
        school = schools.get(a.school_urn)
        if school is None or school.phase not in ATTENDANCE_PHASES:
            continue
        if school.is_state_funded != "Y" or not a.possible_sessions > 0:
            continue
        if not lo <= age_in_years(a.date_of_birth, age_date) <= hi:
            continue
        out.append(a)
    return out


def _absence(a) -> int:
    """An enrolment's absence sessions: authorised + unauthorised."""
    return a.authorised_absence_sessions + a.unauthorised_absence_sessions


@measure
def school_absence_overall(f: Facts, p: Period):
    """ "Numerator: sum of authorised + unauthorised sessions; denominator: sum of possible
    sessions" over the enrolments of the period's academic year (_enrolments)."""
    enrolments = _enrolments(f, p)
    return sum(_absence(a) for a in enrolments), sum(a.possible_sessions for a in enrolments)


def fixed_threshold(f: Facts, p: Period) -> int:
    """ "T = ceil(0.15 x 2 x school days of the academic year within the window, i.e. from the
    year's first half-term day to min(p.end, R))" (min(p.end, R) is p.end: a year column
    computed at R ends on or before it, and the Latest ends at R). Reading: computed in whole
    numbers, ceil(3 x days / 10), so that no floating-point rounding moves T."""
    days = len(f.school_days.in_year(_academic_year_start(p).year, until=p.end))
    return -(-3 * days // 10)


@measure
def school_persistent_absence_15_percent_fixed(f: Facts, p: Period):
    """ "enrolments whose absence sessions (authorised + unauthorised) >= T" (fixed_threshold) /
    the enrolments (_enrolments)."""
    enrolments = _enrolments(f, p)
    threshold = fixed_threshold(f, p)
    return sum(1 for a in enrolments if _absence(a) >= threshold), len(enrolments)


@measure
def school_persistent_absence_10_percent(f: Facts, p: Period):
    """ "enrolments whose absence sessions >= 0.10 x their own possible_sessions (exactly 10%
    counts)" / the enrolments (_enrolments); compared in whole numbers, 10 x absence >=
    possible."""
    enrolments = _enrolments(f, p)
    return sum(1 for a in enrolments if 10 * _absence(a) >= a.possible_sessions), len(enrolments)


@functools.cache
def _persistent_absence_definitions() -> tuple[tuple[dt.date, str], ...]:
    """(applies_from, indicator_id) of seeds/reference/persistent_absence_definitions.csv, by
    date."""
    with open(PERSISTENT_ABSENCE_SEED, encoding="utf-8", newline="") as fh:
        rows = [
            (dt.date.fromisoformat(r["applies_from"]), r["indicator_id"])
            for r in csv.DictReader(fh)
        ]
    return tuple(sorted(rows))


def persistent_absence_definition(academic_year_start_date: dt.date) -> str:
    """The indicator_id of the persistent-absence definition in force for the academic year
    starting on the given 1 September: the seed's row with the latest applies_from on or before
    it."""
    in_force = [
        i for since, i in _persistent_absence_definitions() if since <= academic_year_start_date
    ]
    if not in_force:
        raise ValueError(
            f"{PERSISTENT_ABSENCE_SEED}: no persistent-absence definition applies from "
            f"{academic_year_start_date} or earlier"
        )
    return in_force[-1]


PERSISTENT_ABSENCE_VARIANTS = {
    "school_persistent_absence_15_percent_fixed": school_persistent_absence_15_percent_fixed,
    "school_persistent_absence_10_percent": school_persistent_absence_10_percent,
}


@measure
def school_persistent_absence(f: Facts, p: Period):
    """ "the definition in force for the academic year, from the reference seed
    persistent_absence_definitions (15% fixed for years starting before 2015-09-01, 10% of own
    sessions from 2015/16)": the variant's numerator and denominator."""
    variant = persistent_absence_definition(_academic_year_start(p))
    return PERSISTENT_ABSENCE_VARIANTS[variant](f, p)


# ---------------------------------------------------------------------------- exclusions
def _resident_pupils(f: Facts) -> set[tuple[str, str]]:
    """(pupil_id, academic_year) of the census rows saying is_resident_in_la = 'Y' ("any
    registration; if several, any saying Y")."""
    return {
        (c.pupil_id, c.academic_year)
        for c in _rows(f, "education_school_census")
        if c.is_resident_in_la == "Y"
    }


def _exclusions(f: Facts, p: Period, exclusion_type: str) -> list:
    """ "education_exclusions with exclusion_type PERMANENT / FIXED, is_rescinded = 'N',
    start_date in the window, of a pupil resident in the authority: the pupil's
    education_school_census row of the exclusion's academic year ... has is_resident_in_la =
    'Y'; no census row that year: not counted"."""
    resident = _resident_pupils(f)
    return [
        x
        for x in _rows(f, "education_exclusions")
        if x.exclusion_type == exclusion_type
        and x.is_rescinded == "N"
        and in_window(x.start_date, p)
        and (x.pupil_id, _academic_year_of(x.start_date)) in resident
    ]


def _census_headcount(f: Facts, p: Period) -> int:
    """ "the January census headcount of the period's academic year: census rows of that
    academic_year with enrolment_status C or M and is_resident_in_la = 'Y' (distinct
    pupils)"."""
    year = _academic_year(p)
    return len(
        {
            c.pupil_id
            for c in _rows(f, "education_school_census")
            if c.academic_year == year
            and c.enrolment_status in CENSUS_HEADCOUNT_STATUSES
            and c.is_resident_in_la == "Y"
        }
    )


@measure
def permanent_exclusions(f: Facts, p: Period):
    """Permanent exclusions of resident pupils starting in the window, not rescinded (counting
    exclusions, not pupils) / the January census headcount (_exclusions, _census_headcount)."""
    return len(_exclusions(f, p, PERMANENT)), _census_headcount(f, p)


@measure
def fixed_term_exclusions(f: Facts, p: Period):
    """Fixed-period exclusions of resident pupils starting in the window, not rescinded
    (counting exclusions, not pupils) / the January census headcount (_exclusions,
    _census_headcount)."""
    return len(_exclusions(f, p, FIXED)), _census_headcount(f, p)


def provision_day(f: Facts, x) -> int:
    """ "Day of provision: n = cum(alternative_provision_start_date) - cum(start_date - 1 day),
    so day 1 is the first day excluded ...; provision starting on a non-school day counts as the
    last school day before it"."""
    sd = f.school_days
    return sd.cum(x.alternative_provision_start_date) - sd.cum(x.start_date - ONE_DAY)


def _sixth_day_by(f: Facts, x, R: dt.date) -> bool:
    """Whether the 6th school day counting start_date as the 1st is on or before R. Reading: a
    6th school day beyond the last term of school_terms.csv is after R."""
    sd = f.school_days
    i = sd.cum(x.start_date - ONE_DAY) + PROVISION_DAY - 1
    return i < len(sd.days) and sd.days[i] <= R


@measure
def excluded_alternative_placement_by_day_6(f: Facts, p: Period):
    """ "Cohort: the exclusions of 4 (PERMANENT, not rescinded, resident, start_date in the
    window) ... denominator: cohort exclusions with a provision date, or without one whose 6th
    school day (the 6th school day counting start_date as the 1st) is on or before R (still
    waiting, not yet judged, otherwise); numerator: provision date present and n <= 6 (and the
    provision date >= start_date)". R is the report date (Facts.report_date), for a year column
    as for the Latest."""
    R = f.report_date
    if R is None:
        raise ValueError("Facts(..., report_date=...) is needed for the day-6 measure")
    num = den = 0
    for x in _exclusions(f, p, PERMANENT):
        provided = x.alternative_provision_start_date
        if provided is None:
            if _sixth_day_by(f, x, R):
                den += 1
            continue
        den += 1
        if provided >= x.start_date and provision_day(f, x) <= PROVISION_DAY:
            num += 1
    return num, den


@measure
def excluded_alternative_placement_avg_days(f: Facts, p: Period):
    """ "Average days: over the cohort exclusions with a provision date >= start_date: numerator
    sum of n, denominator their count"."""
    provided = [
        x
        for x in _exclusions(f, p, PERMANENT)
        if x.alternative_provision_start_date is not None
        and x.alternative_provision_start_date >= x.start_date
    ]
    return sum(provision_day(f, x) for x in provided), len(provided)


# ---------------------------------------------------------------------------- learning plans
def _open_plans(f: Facts, p: Period, arranged_by: str) -> list:
    """ "Plans open at S: start_date <= S and (end_date is null or end_date > S) -- a plan
    ending on S is not open at S; arranged_by LA / SCHOOL." S = p.end."""
    return [
        pl
        for pl in _rows(f, "education_learning_plans")
        if pl.arranged_by == arranged_by and open_at(pl.start_date, pl.end_date, p.end)
    ]


@measure
def splp_children_la_arranged(f: Facts, p: Period):
    """ "Children: distinct pupil_id" of the LA-arranged plans open at S."""
    return len({pl.pupil_id for pl in _open_plans(f, p, "LA")}), None


@measure
def splp_children_school_arranged(f: Facts, p: Period):
    """ "Children: distinct pupil_id" of the school-arranged plans open at S."""
    return len({pl.pupil_id for pl in _open_plans(f, p, "SCHOOL")}), None


def _hours(plans: list):
    """ "Hours: numerator sum of weekly_hours of the open plans, denominator the number of open
    plans" (summed with math.fsum: the correctly rounded sum of the hours as written)."""
    return math.fsum(pl.weekly_hours for pl in plans), len(plans)


@measure
def splp_avg_hours_la_arranged(f: Facts, p: Period):
    """Weekly hours of the LA-arranged plans open at S / those plans."""
    return _hours(_open_plans(f, p, "LA"))


@measure
def splp_avg_hours_school_arranged(f: Facts, p: Period):
    """Weekly hours of the school-arranged plans open at S / those plans."""
    return _hours(_open_plans(f, p, "SCHOOL"))


# ---------------------------------------------------------------------------- missing education
def _cme_opened(f: Facts, p: Period) -> list:
    """ "Investigations opened in the window (education_cme_investigations.opened_date)"."""
    return [c for c in _rows(f, "education_cme_investigations") if in_window(c.opened_date, p)]


@measure
def cme_investigations(f: Facts, p: Period):
    """Children missing education investigations opened in the window."""
    return len(_cme_opened(f, p)), None


@measure
def cme_found_missing_from_education(f: Facts, p: Period):
    """ "found missing: of those, outcome MISSING_FROM_EDUCATION; denominator the investigations
    opened"."""
    opened = _cme_opened(f, p)
    return sum(1 for c in opened if c.outcome == MISSING_FROM_EDUCATION), len(opened)


@measure
def cme_investigations_closed_within_20_school_days(f: Facts, p: Period):
    """ "Of the investigations opened in the window, those closed within 20 school days of
    opening (the school days after the opening day up to the closing day are at most 20), as a
    percentage of the investigations judged: those closed, and those still open whose 20th
    school day after opening has passed by the report date (they fail)" (docs/design.md,
    "Education"). The school days from a to b are cum(b) - cum(a); R is the report date."""
    R = f.report_date
    if R is None:
        raise ValueError("Facts(..., report_date=...) is needed for the CME timeliness measure")
    sd = f.school_days
    judged = passed = 0
    for inv in _cme_opened(f, p):
        if inv.closed_date is not None:
            days = sd.cum(inv.closed_date) - sd.cum(inv.opened_date)
        elif sd.cum(R) - sd.cum(inv.opened_date) > 20:
            days = sd.cum(R) - sd.cum(inv.opened_date)
        else:
            continue  # open, not yet due
        judged += 1
        passed += days <= 20
    return passed, judged
