"""The demo authority's adoption records (issue 9), derived from the journeys already made.

Run as three of simulate.py's SECTION_PROCESSES (permanence, legal_orders,
adopter_households), each in its own random stream, after the journeys: they read the LAC
episodes (never change them) and write `carefirst_permanence`,
`carefirst_adopter_households` and `carefirst_legal_orders`.

- Permanence: every period of care with a placement order (legal status E1) has a best-interest
  decision (ADM "should be placed for adoption") before the order; a child placed for adoption
  (placement A3-A6) has a match before the placement and placed_for_adoption_date = the
  adoptive placement's start; an E11/E12 exit gives adoption_order_date = the period's end. A
  child adopted by their foster carers (placement A5 reached by RNE T, the same carer) has
  foster_carer_placement_date = the start of the placement with those carers. Children with a
  placement order never placed have the decision reversed (RD1-RD4) on the day the order was
  revoked (the legal status leaves E1), or before their period ended otherwise; some young
  children on other tracks have a decision with no placement order, most later reversed (RD2:
  no placement order), some still waiting at the extraction date.
- Legal orders: an SGO for every exit by SGO (REC E43-E48) and a CAO for every E41, dated the
  exit; is_to_former_foster_carer when the exit's code says so (E43, E45, E46: the SSDA903
  codes of an SGO to former foster carers); plus a few orders for children never looked after.
- Adopter households: enquiry, stage one, stage two, approval, match or withdrawal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .draws import days
from .records import AdopterHousehold, LegalOrder, Permanence

DAY = dt.timedelta(days=1)

# calibration (issue 9: children waiting 105/60/75/76, adopters in assessment 27/18, approved
# waiting 26/35, SGOs 25/15/24 with 12 to former foster carers)
BI_BEFORE_ORDER_DAYS = (40, 160)  # best-interest decision this long before the placement order
MATCH_BEFORE_PLACEMENT_DAYS = (5, 15)  # match this long before moving in (A2 near 260-290)
FOSTER_CARER_MATCH_BEFORE_ORDER = 0.1  # foster-carer adoptions matched before the order
DECISION_ONLY_LAG_DAYS = (60, 240)  # from the period's start to that decision
# from that decision to its reversal, for periods starting from October 2015 (the court's
# delays of 2016: 76 waiting in July against 75 in March)
DECISION_ONLY_REVERSED_LATE = (150, 700)
DECISION_ONLY_REVERSED_AFTER_DAYS = (90, 600)  # from that decision to its reversal


def _p_decision_only(start: dt.date) -> float:
    """The share of young children on other tracks given a decision with no placement order,
    by the period's start (many to mid-2013 and from 2015, none between, and all from 2016, when
    the courts' delays held decisions back: 75 waiting in March 2016, 76 in July)."""
    if start < dt.date(2013, 7, 1):
        return 0.45
    if start < dt.date(2015, 1, 1):
        return 0.0
    if start < dt.date(2015, 10, 1):
        return 0.5
    return 0.7 if start < dt.date(2016, 1, 1) else 1.0


SGO_NOT_LOOKED_AFTER_PER_YEAR = 1.0
SGO_EXITS = ("E43", "E44", "E45", "E46", "E47", "E48")
# REC codes of an SGO to the child's former foster carers (E43 to 2015/16; E45 and E46 from
# 2016/17); E44, E47 and E48 are SGOs to other carers
SGO_TO_FOSTER_CARER = ("E43", "E45", "E46")
ADOPTIVE = ("A3", "A4", "A5", "A6")
ADOPTER_START = dt.date(2011, 1, 1)


def _periods(episodes: list) -> list[list]:
    """docs/design.md "Periods of care": episodes chained while each starts the day the previous
    one ends; a new period at RNE S or after a gap."""
    eps = sorted(episodes, key=lambda e: (e.start_date, e.episode_id))
    out: list[list] = []
    for e in eps:
        if (
            out
            and e.reason_new_episode != "S"
            and out[-1][-1].end_date is not None
            and out[-1][-1].end_date == e.start_date
        ):
            out[-1].append(e)
        else:
            out.append([e])
    return out


def _placement_start(chain: list, i: int) -> dt.date:
    """The start of the placement containing episode i (RNE S/P/B start one; L/T/U continue)."""
    while i > 0 and chain[i].reason_new_episode not in ("S", "P", "B"):
        i -= 1
    return chain[i].start_date


def _order_revoked(chain: list, order_i: int) -> dt.date | None:
    """The day the placement order of episode order_i was revoked: the start of the first later
    episode under another legal status (None while it stands)."""
    return next((e.start_date for e in chain[order_i + 1 :] if e.legal_status != "E1"), None)


def _periods_by_child(sim) -> dict[str, list[list]]:
    by_child: dict[str, list] = defaultdict(list)
    for e in sim.records["carefirst_lac_episodes"]:
        by_child[e.child_id].append(e)
    return {child_id: _periods(by_child[child_id]) for child_id in sorted(by_child)}


def legal_orders(sim) -> None:
    """An SGO for every exit by SGO, a CAO for every E41 (dated the exit), and a few orders for
    children never looked after."""
    orders = sim.records["carefirst_legal_orders"]
    for child_id, periods in _periods_by_child(sim).items():
        for chain in periods:
            last = chain[-1]
            if last.end_date is None or last.reason_ceased not in SGO_EXITS + ("E41",):
                continue
            orders.append(
                LegalOrder(
                    order_id=sim.next_id("LO", 5),
                    child_id=child_id,
                    order_type="CAO" if last.reason_ceased == "E41" else "SGO",
                    order_date=last.end_date,
                    is_to_former_foster_carer=sim.yn(last.reason_ceased in SGO_TO_FOSTER_CARER),
                )
            )
    dob = {c.child_id: c.date_of_birth for c in sim.records["carefirst_children"]}
    _orders_not_looked_after(sim, dob)


def permanence(sim) -> None:
    """The permanence records of the children with a placement order or an adoptive
    placement, and the decisions with no placement order."""
    dob = {c.child_id: c.date_of_birth for c in sim.records["carefirst_children"]}
    perm = sim.records["carefirst_permanence"]
    for child_id, periods in _periods_by_child(sim).items():
        for chain in periods:
            start, last = chain[0].start_date, chain[-1]
            # each period's draws in a stream of their own, keyed by the child's birth and the
            # period's start (not the child's id, which an earlier journey's extra child moves)
            rng = sim.stream("permanence", dob.get(child_id), start)
            end = last.end_date
            order_i = next((i for i, e in enumerate(chain) if e.legal_status == "E1"), None)
            placed_i = next((i for i, e in enumerate(chain) if e.placement_type in ADOPTIVE), None)
            if order_i is None and placed_i is None:
                _decision_only(sim, rng, child_id, chain, dob.get(child_id), perm)
                continue
            order = chain[order_i].start_date if order_i is not None else None
            anchor = order or chain[placed_i].start_date
            bi = max(start + DAY, anchor - days(rng, BI_BEFORE_ORDER_DAYS))
            if bi >= anchor:
                bi = start
            placed = matched = adopted = fc_date = None
            is_fc = None
            reversed_date = reason = None
            if placed_i is not None:
                ep = chain[placed_i]
                placed = ep.start_date
                is_fc = ep.reason_new_episode == "T" and placed_i > 0
                matched = placed - days(rng, MATCH_BEFORE_PLACEMENT_DAYS)
                if is_fc:
                    fc_date = _placement_start(chain, placed_i - 1)
                    if order is not None and rng.random() < FOSTER_CARER_MATCH_BEFORE_ORDER:
                        matched = order - days(rng, (1, 30))
                matched = max(matched, bi)
                if end is not None and last.reason_ceased in ("E11", "E12"):
                    adopted = end
            elif end is not None:
                # a placement order but never placed, and the period ended otherwise
                reversed_date = max(order, end - days(rng, (0, 60)))
                reason = rng.choice(["RD1", "RD3", "RD3", "RD4"])
            elif (revoked := _order_revoked(chain, order_i)) is not None:
                # still looked after, never placed, the placement order revoked: the decision
                # reversed the day the order was (adopters not found); not yet revoked, the
                # child is still waiting
                reversed_date, reason = revoked, rng.choice(["RD1", "RD3", "RD3", "RD4"])
            perm.append(
                Permanence(
                    permanence_id=sim.next_id("PERM", 5),
                    child_id=child_id,
                    best_interest_decision_date=bi,
                    placement_order_date=order,
                    matched_date=matched,
                    placed_for_adoption_date=placed,
                    adoption_order_date=adopted,
                    is_adopted_by_foster_carer=sim.yn(bool(is_fc)) if adopted else None,
                    foster_carer_placement_date=fc_date if adopted and is_fc else None,
                    decision_reversed_date=reversed_date,
                    decision_reversed_reason=reason,
                )
            )


def _decision_only(sim, rng, child_id: str, chain: list, birth: dt.date | None, perm: list) -> None:
    """A young child on another track given a best-interest decision the court never followed
    with a placement order: reversed (RD2; RD1 on the day the child left care, if that came
    first), or still waiting at the extraction date."""
    E = sim.E
    start, end = chain[0].start_date, chain[-1].end_date
    if birth is None or (start - birth).days > 4 * 365 or start < dt.date(2009, 4, 1):
        return
    if chain[0].legal_status in ("V3", "V4") or rng.random() >= _p_decision_only(start):
        return
    bi = start + days(rng, DECISION_ONLY_LAG_DAYS)
    if bi >= (end or E):
        return
    lag = (
        DECISION_ONLY_REVERSED_AFTER_DAYS
        if start < dt.date(2015, 10, 1)
        else DECISION_ONLY_REVERSED_LATE
    )
    reversed_date, reason = bi + days(rng, lag), "RD2"
    if end is not None and reversed_date >= end:
        reversed_date, reason = end, "RD1"
    if reversed_date > E:
        reversed_date = reason = None
    perm.append(
        Permanence(
            permanence_id=sim.next_id("PERM", 5),
            child_id=child_id,
            best_interest_decision_date=bi,
            placement_order_date=None,
            matched_date=None,
            placed_for_adoption_date=None,
            adoption_order_date=None,
            is_adopted_by_foster_carer=None,
            foster_carer_placement_date=None,
            decision_reversed_date=reversed_date,
            decision_reversed_reason=reason,
        )
    )


def _orders_not_looked_after(sim, dob: dict) -> None:
    """SGOs (and a few CAOs) for children known to the service but never looked after."""
    rng, E = sim.rng, sim.E
    looked_after = {e.child_id for e in sim.records["carefirst_lac_episodes"]}
    candidates = sorted(
        c for c in dob if c not in looked_after and dob[c] is not None and dob[c] < E
    )
    if not candidates:
        return
    d = dt.date(2010, 4, 1)
    while d <= E:
        n = sim.poisson(SGO_NOT_LOOKED_AFTER_PER_YEAR * sim.scale / 12)
        for _ in range(n):
            child = rng.choice(candidates)
            when = d + dt.timedelta(days=rng.randint(0, 27))
            if when > E or when <= dob[child] or (when - dob[child]).days > 16 * 365:
                continue
            sim.records["carefirst_legal_orders"].append(
                LegalOrder(
                    order_id=sim.next_id("LO", 5),
                    child_id=child,
                    order_type="SGO" if rng.random() < 0.8 else "CAO",
                    order_date=when,
                    is_to_former_foster_carer="N",
                )
            )
        d = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _stage_one_per_month(d: dt.date) -> float:
    """Households starting stage one each month: a recruitment drive from 2014, at its height
    in the summer of 2015, fewer in 2016 (27 in assessment at March 2016, 18 at July)."""
    if d < dt.date(2014, 4, 1):
        return 2.5
    if d < dt.date(2015, 7, 1):
        return 5.0
    if d < dt.date(2015, 11, 1):
        return 7.1
    if d < dt.date(2016, 1, 1):
        return 6.5
    return 3.5


def _months_to_match(d: dt.date) -> float:
    """Mean months an approved household waits for a match, by the approval's date: quick
    matches for the approvals of 2015/16, long waits from 2016 as approvals outrun the children
    placed (26 approved and waiting at March 2016, 35 at July)."""
    if d < dt.date(2015, 4, 1):
        return 8.0
    return 1.7 if d < dt.date(2016, 1, 1) else 18.0


def adopter_households(sim) -> None:
    """Prospective adoptive households through the stages."""
    E = sim.E
    out = sim.records["carefirst_adopter_households"]

    def cap(x):
        return x if x is not None and x <= E else None

    d = ADOPTER_START
    while d <= E:
        # each month's households in a stream of their own (sim.poisson reads sim.rng; the
        # process's stream is restored after it)
        sim.rng = rng = sim.stream("adopter-households", d)
        # enquiries: about 1.6 per household starting stage one
        for _ in range(sim.poisson(_stage_one_per_month(d) * 1.6 * sim.scale)):
            enquiry = d + dt.timedelta(days=rng.randint(0, 27))
            if enquiry > E:
                continue
            s1 = s2 = approval = matched = withdrawn = None
            if rng.random() < 1 / 1.6:
                s1 = enquiry + days(rng, (14, 75))
                if rng.random() < 0.82:
                    s2 = s1 + days(rng, (50, 90))
                    if rng.random() < 0.9:
                        approval = s2 + days(rng, (100, 150))
                        wait = int(rng.expovariate(1 / (30.4 * _months_to_match(approval))))
                        if rng.random() < 0.9:
                            matched = approval + dt.timedelta(days=max(14, wait))
                        else:
                            withdrawn = approval + dt.timedelta(days=max(30, wait))
                    else:
                        withdrawn = s2 + days(rng, (20, 120))
                else:
                    withdrawn = s1 + days(rng, (20, 60))
            elif rng.random() < 0.7:
                withdrawn = enquiry + days(rng, (7, 90))
            if s1 is not None and s1 > E:
                s1 = s2 = approval = matched = withdrawn = None
            out.append(
                AdopterHousehold(
                    household_id=sim.next_id("AH", 4),
                    enquiry_date=enquiry,
                    stage_one_start_date=cap(s1),
                    stage_two_start_date=cap(s2),
                    approval_date=cap(approval),
                    matched_date=cap(matched),
                    withdrawn_date=cap(withdrawn),
                )
            )
        d = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
