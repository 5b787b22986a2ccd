"""Worker allocations (carefirst_worker_allocations) for every child in need of the demo.

A child's involvement with social care is the union of their referrals (NFA ones left out),
child protection plans and periods of care, merged where they touch. Each involvement spell has
a run of social worker allocations: the first worker is allocated on the spell's first day, and
the worker changes when a social worker leaves (a random departure, mean tenure by the child's
status), when the case transfers team (at the start of a CP plan or of a period of care, with a
probability of its own), and occasionally an earlier worker of the child takes the case back (a
worker allocated twice, who counts once). Care leavers (looked after past 16 and a half) get a
personal adviser from then to their 21st birthday; some spells get an OTHER worker (a family
support worker) for a while. Each child's allocations are drawn from a random stream of their own
(Simulator.stream), after the journeys, so they change none of them and none of each other.

Calibration: the document's 32% (looked after more than a year) and 22% (a year or less) with 3
or more social workers in the 12 months to 31 July 2016.
"""

from __future__ import annotations

import datetime as dt

from .dates import add_months, add_years
from .records import WorkerAllocation

DAY = dt.timedelta(days=1)

WORKER_POOL = 420  # social workers and other staff the allocations draw from
MEAN_TENURE_DAYS_LAC = 300  # mean days a social worker stays on a looked after child's case
MEAN_TENURE_DAYS_OTHER = 420  # the same for a child in need or on a plan
TRANSFER_AT_CP_START = 0.55  # case moves to a child protection team at a plan's start
TRANSFER_AT_LAC_START = 0.48  # case moves to a looked after children team at care's start
RETURNING_WORKER = 0.08  # a change of worker brings back an earlier worker of the child
OTHER_WORKER_SHARE = 0.12  # spells with an OTHER (family support) allocation


def _spells(intervals: list[tuple[dt.date, dt.date | None]]) -> list[list]:
    """Merge [start, end) intervals (end None = open) that overlap or touch."""
    out: list[list] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if out and (out[-1][1] is None or start <= out[-1][1]):
            if out[-1][1] is not None and (end is None or end > out[-1][1]):
                out[-1][1] = end
        else:
            out.append([start, end])
    return out


def _periods_of_care(episodes: list) -> list[tuple[dt.date, dt.date | None]]:
    """Episodes chained while each starts on the day the previous one ends (RNE S starts anew)."""
    out: list[list] = []
    for e in sorted(episodes, key=lambda e: (e.start_date, e.episode_id)):
        if (
            out
            and e.reason_new_episode != "S"
            and out[-1][1] is not None
            and out[-1][1] == e.start_date
        ):
            out[-1][1] = e.end_date
        else:
            out.append([e.start_date, e.end_date])
    return [(s, e) for s, e in out]


def worker_allocations(sim) -> None:
    E = sim.E
    out = sim.records["carefirst_worker_allocations"]
    children = {c.child_id: c for c in sim.records["carefirst_children"]}

    intervals: dict[str, list] = {}
    cp_starts: dict[str, list] = {}
    lac_periods: dict[str, list] = {}
    for r in sim.records["carefirst_referrals"]:
        if r.is_nfa == "Y":
            continue
        intervals.setdefault(r.child_id, []).append((r.referral_date, r.closure_date))
    for p in sim.records["carefirst_cp_plans"]:
        intervals.setdefault(p.child_id, []).append((p.start_date, p.end_date))
        cp_starts.setdefault(p.child_id, []).append(p.start_date)
    episodes: dict[str, list] = {}
    for e in sim.records["carefirst_lac_episodes"]:
        episodes.setdefault(e.child_id, []).append(e)
    for cid, eps in episodes.items():
        lac_periods[cid] = _periods_of_care(eps)
        intervals.setdefault(cid, []).extend(lac_periods[cid])

    rng = sim.rng

    def worker() -> str:
        return f"W{rng.randrange(1, WORKER_POOL + 1):04d}"

    def allocate(cid: str, wid: str, role: str, start: dt.date, end: dt.date | None) -> None:
        out.append(
            WorkerAllocation(
                allocation_id=sim.next_id("AL", 6),
                child_id=cid,
                worker_id=wid,
                worker_role=role,
                start_date=start,
                end_date=end if end is not None and end <= E else None,
            )
        )

    for cid in sorted(intervals):
        periods = lac_periods.get(cid, [])
        child = children.get(cid)
        # each child's allocations in a stream of their own, keyed by the child's birth and
        # first involvement (not the id, which an earlier journey's extra child moves)
        rng = sim.stream(
            "worker-allocations",
            child.date_of_birth if child else cid,
            min(s for s, _ in intervals[cid]),
        )

        def is_looked_after(d: dt.date, periods=periods) -> bool:
            return any(s <= d and (e is None or e > d) for s, e in periods)

        events = [(d, TRANSFER_AT_CP_START) for d in cp_starts.get(cid, [])]
        events += [(s, TRANSFER_AT_LAC_START) for s, _ in periods]
        for start, end in _spells(intervals[cid]):
            if start > E:
                continue
            stop = end if end is not None and end <= E else E + DAY
            transfers = sorted(d for d, p in events if start < d < stop and rng.random() < p)
            seen: list[str] = []
            current = worker()
            t = start
            while t < stop:
                mean = MEAN_TENURE_DAYS_LAC if is_looked_after(t) else MEAN_TENURE_DAYS_OTHER
                leave = t + dt.timedelta(days=max(1, int(rng.expovariate(1 / mean))))
                transfer = next((d for d in transfers if d > t), None)
                change = min(leave, transfer) if transfer else leave
                if change >= stop:
                    allocate(cid, current, "SOCIAL_WORKER", t, end)
                    break
                allocate(cid, current, "SOCIAL_WORKER", t, change)
                seen.append(current)
                earlier = [w for w in seen if w != current]
                if earlier and rng.random() < RETURNING_WORKER:
                    current = rng.choice(earlier)
                else:
                    current = worker()
                t = change
            if rng.random() < OTHER_WORKER_SHARE:
                s = start + dt.timedelta(days=rng.randrange(0, 60))
                if s < stop:
                    e_ = s + dt.timedelta(days=rng.randrange(30, 240))
                    allocate(cid, worker(), "OTHER", s, e_ if e_ < stop else end)

        # care leavers: a personal adviser from 16 and a half (while still looked after) to 21
        if child is None:
            continue
        pa_from = add_months(child.date_of_birth, 16 * 12 + 6)
        pa_to = add_years(child.date_of_birth, 21)
        if any(s <= pa_from and (e is None or e > pa_from) for s, e in periods) and pa_from <= E:
            allocate(cid, worker(), "PERSONAL_ADVISOR", pa_from, pa_to)
