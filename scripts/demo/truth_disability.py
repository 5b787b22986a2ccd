"""Ground truth of the All Age Disability section (issue 10; docs/design.md, "All Age
Disability"), from the generator's own records (`carefirst_child_disabilities`,
`carefirst_short_breaks`, `education_sen_plans`, and the children in need of the Children in
Need section), never from the SQL. Each function quotes the rule it follows; S is the window's
end (31 March for a year column, R for a snapshot Latest), a window is [p.start, p.end]
inclusive."""

from __future__ import annotations

import datetime as dt

from .dates import age_in_years
from .ground_truth import Facts, Period, _cin_sets, in_window, measure, open_at

NO_DISABILITY = "NONE"
TRANSITION_AGE = 14


def _plans(f: Facts) -> list:
    return f.records["education_sen_plans"]


def in_force(plan, S: dt.date) -> bool:
    """ "A plan in force at S: issued_date <= S and (ceased_date null or > S)" (a statement
    ceasing the day its EHC plan is issued is not in force that day)."""
    return open_at(plan.issued_date, plan.ceased_date, S)


def _in_force(f: Facts, S: dt.date, plan_types: tuple[str, ...]) -> list:
    return [pl for pl in _plans(f) if pl.plan_type in plan_types and in_force(pl, S)]


@measure
def cin_with_disability(f: Facts, p: Period):
    """ "Children in need at 31 March (a referral open and not NFA, or on a CP plan, or looked
    after; one per child) with any disability recorded (a code other than NONE), as a
    percentage of all children in need at 31 March, with the count": the children in need at S
    exactly as cin_rate_incl_cp_lac counts them (_cin_sets), each once; numerator those with a
    carefirst_child_disabilities row whose disability_code is not NONE."""
    ref, cp, lac = _cin_sets(f, p.end)
    cin = ref | cp | lac
    disabled = {
        d.child_id
        for d in f.records["carefirst_child_disabilities"]
        if d.disability_code != NO_DISABILITY
    }
    return len(cin & disabled), len(cin)


def _breaks_started(f: Facts, p: Period) -> list:
    return [b for b in f.records["carefirst_short_breaks"] if in_window(b.start_date, p)]


@measure
def short_breaks(f: Facts, p: Period):
    """ "Short breaks for disabled children starting in the financial year (every type:
    overnight, day, other)": carefirst_short_breaks rows with start_date in the window."""
    return len(_breaks_started(f, p)), None


def _breaks_of_type(f: Facts, p: Period, break_type: str):
    """ "Short breaks for disabled children starting in the financial year of type <type>":
    the window's breaks whose break_type is the given code."""
    return sum(1 for b in _breaks_started(f, p) if b.break_type == break_type), None


@measure
def short_breaks_overnight(f: Facts, p: Period):
    """The window's short breaks of type OVERNIGHT."""
    return _breaks_of_type(f, p, "OVERNIGHT")


@measure
def short_breaks_day(f: Facts, p: Period):
    """The window's short breaks of type DAY."""
    return _breaks_of_type(f, p, "DAY")


@measure
def short_breaks_other(f: Facts, p: Period):
    """The window's short breaks of type OTHER."""
    return _breaks_of_type(f, p, "OTHER")


@measure
def short_break_children(f: Facts, p: Period):
    """ "Children with a short break starting in the financial year, one per child.\""""
    return len({b.child_id for b in _breaks_started(f, p)}), None


@measure
def children_with_statement(f: Facts, p: Period):
    """ "Children with a statement of special educational needs in force at 31 March (issued on
    or before it, not ceased by it: a statement ceased on the day an EHC plan replaced it is not
    in force), one per child.\""""
    return len({pl.child_id for pl in _in_force(f, p.end, ("STATEMENT",))}), None


@measure
def children_with_ehcp(f: Facts, p: Period):
    """ "Children with an education, health and care plan in force at 31 March (issued on or
    before it, not ceased by it), one per child.\""""
    return len({pl.child_id for pl in _in_force(f, p.end, ("EHCP",))}), None


@measure
def statements_ehcp_transfer_review(f: Facts, p: Period):
    """ "Children with a statement in force at 31 March whose transfer review to an EHC plan has
    started, with their percentage of children with a statement": denominator distinct children
    with a statement in force at S; numerator those with an in-force statement whose
    transfer_review_date is on or before S."""
    S = p.end
    statements = _in_force(f, S, ("STATEMENT",))
    reviewed = {
        pl.child_id
        for pl in statements
        if pl.transfer_review_date is not None and pl.transfer_review_date <= S
    }
    return len(reviewed), len({pl.child_id for pl in statements})


def _new_ehcps_issued(f: Facts, p: Period, with_exceptions: bool) -> list:
    """New EHC plans (plan_type EHCP, is_transfer not Y) with issued_date in the window, one per
    plan; without the plans with has_exception Y unless `with_exceptions`."""
    return [
        pl
        for pl in _plans(f)
        if pl.plan_type == "EHCP"
        and pl.is_transfer != "Y"
        and in_window(pl.issued_date, p)
        and (with_exceptions or pl.has_exception != "Y")
    ]


def _within_20_weeks(plan) -> bool:
    """ "issued within 20 weeks (at most 140 days from the request; a plan with no request date
    is late)"."""
    return plan.request_date is not None and (plan.issued_date - plan.request_date).days <= 140


@measure
def ehcp_within_20_weeks_excl_exceptions(f: Facts, p: Period):
    """ "New EHC plans (not transfers from a statement) issued in the financial year without a
    time-limit exception, issued within 20 weeks (at most 140 days from the request; a plan with
    no request date is late), as a percentage of those plans.\""""
    plans = _new_ehcps_issued(f, p, with_exceptions=False)
    return sum(1 for pl in plans if _within_20_weeks(pl)), len(plans)


@measure
def ehcp_within_20_weeks_incl_exceptions(f: Facts, p: Period):
    """ "New EHC plans (not transfers from a statement) issued in the financial year, issued
    within 20 weeks (at most 140 days from the request), as a percentage of all of them,
    exception cases included.\""""
    plans = _new_ehcps_issued(f, p, with_exceptions=True)
    return sum(1 for pl in plans if _within_20_weeks(pl)), len(plans)


@measure
def transition_plans_age_14(f: Facts, p: Period):
    """ "Children aged 14 at 31 March (a child turning 14 that day included) with a statement or
    EHC plan in force at 31 March, of whom those with a transition plan dated on or before it;
    count and percentage": one per child; the age in whole years at S from the plan's
    date_of_birth (none: not in the cohort); numerator those with an in-force plan whose
    transition_plan_date is on or before S."""
    S = p.end
    cohort, planned = set(), set()
    for pl in _in_force(f, S, ("STATEMENT", "EHCP")):
        if pl.date_of_birth is None or age_in_years(pl.date_of_birth, S) != TRANSITION_AGE:
            continue
        cohort.add(pl.child_id)
        if pl.transition_plan_date is not None and pl.transition_plan_date <= S:
            planned.add(pl.child_id)
    return len(planned), len(cohort)
