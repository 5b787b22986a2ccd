"""Ground truth of the Workforce section (docs/design.md, "Workforce"), from the generator's
records."""

from __future__ import annotations

from .dates import add_months, add_years
from .ground_truth import DAY, Facts, Period, measure


def _three_plus(f: Facts, p: Period, over_one_year: bool):
    """ "Children looked after at S (short breaks V3/V4 excluded; S = 31 March for a year column,
    R for Latest), split by whether their current period of care started on or before S - 1 year
    (looked after for more than a year); numerator: those with 3 or more distinct social workers
    (worker_role SOCIAL_WORKER) whose allocation overlaps the 12 months to S, (S + 1 day - 12
    months) to S: start <= S and (end null or end > the window's first day); a worker allocated
    twice counts once; allocations before the child became looked after count; a zero-day
    allocation (end = start) does not.\""""
    S = p.end
    first_day = add_months(S + DAY, -12)
    year_ago = add_years(S, -1)
    workers: dict[str, set] = {}
    for a in f.records["carefirst_worker_allocations"]:
        if a.worker_role != "SOCIAL_WORKER" or a.end_date == a.start_date:
            continue
        if a.start_date <= S and (a.end_date is None or a.end_date > first_day):
            workers.setdefault(a.child_id, set()).add(a.worker_id)
    num = den = 0
    for cid in f.looked_after_at(S):
        per = f.current_period(cid, S)
        if per is None or (per.start <= year_ago) != over_one_year:
            continue
        den += 1
        if len(workers.get(cid, ())) >= 3:
            num += 1
    return num, den


@measure
def lac_three_plus_social_workers_over_1y(f: Facts, p: Period):
    """Looked after for more than a year: the current period of care started on or before S - 1
    year."""
    return _three_plus(f, p, True)


@measure
def lac_three_plus_social_workers_under_1y(f: Facts, p: Period):
    """Looked after for a year or less: the current period of care started after S - 1 year."""
    return _three_plus(f, p, False)
