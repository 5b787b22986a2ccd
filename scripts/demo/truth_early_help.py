"""Ground truth of the Early Help section (issue 10; docs/design.md, "Early Help"), from the
generator's own records (`eclipse_early_help_assessments`, `eclipse_outcome_star_readings`,
`education_two_year_funding`, `carefirst_referrals`), never from the SQL. Each function quotes
the rule it follows; S is the window's end (31 March for a year column, R for a snapshot
Latest), a window is [p.start, p.end] inclusive."""

from __future__ import annotations

from collections import defaultdict

from .ground_truth import Facts, Period, in_window, measure, open_at

# the agency measures of the table of openings, by lead agency
AGENCY_MEASURES = {
    "eha_opened_early_help_0_5": "EARLY_HELP_0_5",
    "eha_opened_early_help_5_18": "EARLY_HELP_5_18",
    "eha_opened_schools": "SCHOOL",
    "eha_opened_mash": "MASH",
    "eha_opened_other": "OTHER",
}
STEP_UP_SOURCE = "5D"  # CIN census ReferralSource: early help
STEP_UP_DAYS = 30  # a referral from day 0 to day 30 after the closure


def _assessments(f: Facts) -> list:
    return f.records["eclipse_early_help_assessments"]


def _closed_in(f: Facts, p: Period) -> list:
    """Early help assessments with closed_date in the window."""
    return [a for a in _assessments(f) if in_window(a.closed_date, p)]


@measure
def early_help_assessments_rate(f: Facts, p: Period):
    """ "Early help assessments open at S (started on or before it, not closed by it: an
    assessment closed on S is not open) per 10,000 children aged 0-17, with the count": one per
    child's assessment (start_date <= S, closed_date null or > S)."""
    return sum(1 for a in _assessments(f) if open_at(a.start_date, a.closed_date, p.end)), None


def _opened(f: Facts, p: Period, lead_agency: str | None = None) -> int:
    """Early help assessments with start_date in the window (of one lead agency, or all)."""
    return sum(
        1
        for a in _assessments(f)
        if in_window(a.start_date, p) and (lead_agency is None or a.lead_agency == lead_agency)
    )


@measure
def eha_opened_early_help_0_5(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year with lead agency
    EARLY_HELP_0_5" (start_date in the window: the quarter, the year or the latest quarter)."""
    return _opened(f, p, AGENCY_MEASURES["eha_opened_early_help_0_5"]), None


@measure
def eha_opened_early_help_5_18(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year with lead agency
    EARLY_HELP_5_18"."""
    return _opened(f, p, AGENCY_MEASURES["eha_opened_early_help_5_18"]), None


@measure
def eha_opened_schools(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year with lead agency
    SCHOOL"."""
    return _opened(f, p, AGENCY_MEASURES["eha_opened_schools"]), None


@measure
def eha_opened_mash(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year with lead agency
    MASH"."""
    return _opened(f, p, AGENCY_MEASURES["eha_opened_mash"]), None


@measure
def eha_opened_other(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year with lead agency
    OTHER"."""
    return _opened(f, p, AGENCY_MEASURES["eha_opened_other"]), None


@measure
def eha_opened_total(f: Facts, p: Period):
    """ "Early help assessments started in each quarter of the financial year (all lead
    agencies)": every assessment with start_date in the window, whatever its lead agency (the
    sum of the parts; the document's printed totals are not)."""
    return _opened(f, p), None


@measure
def two_year_funding_take_up(f: Facts, p: Period):
    """ "Of the children eligible in the term in progress at 31 March (the latest term begun on
    or before it), those taking up a funded place, one per child; count and percentage of the
    eligible children." The term: the latest distinct term_start_date of the extract on or
    before S (none: no data). Denominator: distinct children with is_eligible Y in that term;
    numerator: those of them with is_taking_up Y."""
    rows = f.records["education_two_year_funding"]
    begun = [r.term_start_date for r in rows if r.term_start_date <= p.end]
    if not begun:
        return 0, 0
    term = max(begun)
    eligible, taking_up = set(), set()
    for r in rows:
        if r.term_start_date != term or r.is_eligible != "Y":
            continue
        eligible.add(r.child_id)
        if r.is_taking_up == "Y":
            taking_up.add(r.child_id)
    return len(taking_up), len(eligible)


def _star_improved(readings: list) -> bool | None:
    """One assessment's readings: None when no star_version has two or more readings; else
    whether, in the version read last (the version whose last reading, by reading_date then
    reading_id, is latest), the last reading's total_score is above the first's."""
    by_version: dict[str, list] = defaultdict(list)
    for r in readings:
        by_version[r.star_version].append(r)
    series = [
        sorted(rs, key=lambda r: (r.reading_date, r.reading_id))
        for rs in by_version.values()
        if len(rs) >= 2
    ]
    if not series:
        return None
    chosen = max(series, key=lambda rs: (rs[-1].reading_date, rs[-1].reading_id))
    return chosen[-1].total_score > chosen[0].total_score


@measure
def early_help_outcome_star_improved(f: Facts, p: Period):
    """ "Early help assessments closed in the financial year with at least two Outcome Star
    readings of one version of the Star, whose last reading's total is higher than its first
    (compared within the version read last, as versions score on different scales), as a
    percentage of those assessments; one per family (the readings name the family's
    assessment)." Readings belong to the assessment whose eha_id they carry."""
    readings: dict[str, list] = defaultdict(list)
    for r in f.records["eclipse_outcome_star_readings"]:
        readings[r.eha_id].append(r)
    num = den = 0
    for a in _closed_in(f, p):
        improved = _star_improved(readings.get(a.eha_id, []))
        if improved is None:
            continue
        den += 1
        if improved:
            num += 1
    return num, den


@measure
def early_help_step_up_to_social_care(f: Facts, p: Period):
    """ "Early help assessments closed in the financial year with closure reason STEP_UP, as a
    percentage of early help assessments closed in the year.\""""
    closed = _closed_in(f, p)
    return sum(1 for a in closed if a.closure_reason == "STEP_UP"), len(closed)


@measure
def early_help_step_up_referrals_within_30_days(f: Facts, p: Period):
    """ "Early help assessments closed in the financial year whose child was referred to
    children's social care from early help (CareFirst referral source 5D) within 30 days of the
    closure (day 0 to day 30), with their percentage of early help assessments closed in the
    year": a referral of the assessment's child_id with 0 <= referral_date - closed_date <= 30
    days (the referral may fall after the window)."""
    referred: dict[str, list] = defaultdict(list)
    for r in f.referrals:
        if r.referral_source == STEP_UP_SOURCE:
            referred[r.child_id].append(r.referral_date)
    closed = _closed_in(f, p)
    num = sum(
        1
        for a in closed
        if any(0 <= (d - a.closed_date).days <= STEP_UP_DAYS for d in referred.get(a.child_id, ()))
    )
    return num, len(closed)


@measure
def social_care_step_down_to_early_help(f: Facts, p: Period):
    """ "Early help assessments opened in the financial year on step-down from social care
    (is_step_down), as a percentage of children in need episodes (CareFirst referrals not ending
    in no further action) closed in the year": numerator assessments with start_date in the
    window and is_step_down Y; denominator referrals with closure_date in the window and is_nfa
    not Y (the numerator is not a subset of the denominator)."""
    num = sum(1 for a in _assessments(f) if in_window(a.start_date, p) and a.is_step_down == "Y")
    den = sum(1 for r in f.referrals if in_window(r.closure_date, p) and r.is_nfa != "Y")
    return num, den
