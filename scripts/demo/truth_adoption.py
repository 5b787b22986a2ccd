"""Ground truth of the Adoption section (issue 9), from the generator's own records
(`carefirst_permanence`, `carefirst_adopter_households`, `carefirst_legal_orders`, the LAC
episodes' periods of care), never from the SQL. Each function quotes the rule it follows
(docs/design.md, "Adoption")."""

from __future__ import annotations

import datetime as dt

from .dates import add_months
from .ground_truth import Facts, Period, in_window, measure


def _on_or_before(x: dt.date | None, d: dt.date) -> bool:
    return x is not None and x <= d


def adopted_in(f: Facts, p: Period) -> list[dict]:
    """ "A1: children whose adoption order is dated in the period ...; for each, the days from
    the start of the period of care that ended in the adoption to the date placed for
    adoption." The period of care is the child's latest one starting on or before the date
    placed for adoption; a record with no placement date, or no such period, is left out."""
    out = []
    for r in f.records["carefirst_permanence"]:
        if not in_window(r.adoption_order_date, p) or r.placed_for_adoption_date is None:
            continue
        starts = [
            q.start
            for q in f.periods_by_child.get(r.child_id, ())
            if q.start <= r.placed_for_adoption_date
        ]
        if not starts:
            continue
        start = max(starts)
        a1 = (r.placed_for_adoption_date - start).days
        a10_stop = r.placed_for_adoption_date
        if (
            r.is_adopted_by_foster_carer == "Y"
            and r.foster_carer_placement_date is not None
            and r.foster_carer_placement_date < a10_stop
        ):
            a10_stop = max(r.foster_carer_placement_date, start)
        out.append(
            {
                "record": r,
                "start": start,
                "a1": a1,
                "a10": (a10_stop - start).days,
                "within_14_months": r.placed_for_adoption_date < add_months(start, 14),
            }
        )
    return out


@measure
def adoption_a1_days_care_to_placement(f: Facts, p: Period):
    """Mean days from the start of the period of care to the date placed for adoption."""
    rows = adopted_in(f, p)
    return sum(r["a1"] for r in rows), len(rows)


@measure
def adoption_a10_days_care_to_placement_foster_carer(f: Facts, p: Period):
    """ "A10: the same, but for a child adopted by their foster carers the clock stops on the
    day the child moved in with those carers as foster carers." """
    rows = adopted_in(f, p)
    return sum(r["a10"] for r in rows), len(rows)


@measure
def adoption_a3_placed_within_14_months(f: Facts, p: Period):
    """ "A3: the share of the A1 children placed strictly less than 14 calendar months after
    that start." """
    rows = adopted_in(f, p)
    return sum(1 for r in rows if r["within_14_months"]), len(rows)


@measure
def adoption_a2_days_order_to_match(f: Facts, p: Period):
    """ "A2: of the same children, those with a placement order who were placed for adoption
    before the adoption order; the mean of the days from placement order to match, 0 where the
    match came first." A record with no match date is left out."""
    days = []
    for row in adopted_in(f, p):
        r = row["record"]
        if r.placement_order_date is None or r.matched_date is None:
            continue
        if not r.placed_for_adoption_date < r.adoption_order_date:
            continue
        days.append(max(0, (r.matched_date - r.placement_order_date).days))
    return sum(days), len(days)


def waiting_at(f: Facts, d: dt.date) -> list:
    """ "Children waiting to be adopted at a date D: a best-interest decision on or before D, no
    adoption order and no reversal of the decision on or before D (children already placed
    count)." One per child."""
    children = {}
    for r in f.records["carefirst_permanence"]:
        if (
            _on_or_before(r.best_interest_decision_date, d)
            and not _on_or_before(r.adoption_order_date, d)
            and not _on_or_before(r.decision_reversed_date, d)
        ):
            children[r.child_id] = r
    return list(children.values())


@measure
def children_waiting_adoption(f: Facts, p: Period):
    return len(waiting_at(f, p.end)), None


@measure
def adopters_in_assessment(f: Facts, p: Period):
    """ "Adopters in assessment at D: stage one started on or before D, not approved and not
    withdrawn by D." """
    d = p.end
    n = sum(
        1
        for h in f.records["carefirst_adopter_households"]
        if _on_or_before(h.stage_one_start_date, d)
        and not _on_or_before(h.approval_date, d)
        and not _on_or_before(h.withdrawn_date, d)
    )
    return n, None


@measure
def adopters_approved_awaiting_match(f: Facts, p: Period):
    """ "Approved adopters waiting: approved on or before D, not matched and not withdrawn by
    D." """
    d = p.end
    n = sum(
        1
        for h in f.records["carefirst_adopter_households"]
        if _on_or_before(h.approval_date, d)
        and not _on_or_before(h.matched_date, d)
        and not _on_or_before(h.withdrawn_date, d)
    )
    return n, None


@measure
def children_subject_of_sgo(f: Facts, p: Period):
    """ "SGOs: orders dated in the year": distinct children with an SGO dated in the window."""
    children = {
        o.child_id
        for o in f.records["carefirst_legal_orders"]
        if o.order_type == "SGO" and in_window(o.order_date, p)
    }
    return len(children), None
