"""Ground truth of the Care Leavers section, from the generator's own records (never the SQL).

Each function restates the definition it follows (docs/design.md, "Care Leavers"; the doc blocks
`indicator_care_leavers_*` in models/marts/_indicators__docs.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .dates import add_months, birthday
from .ground_truth import Facts, Period, measure

FOSTER_PLACEMENTS = {"U1", "U2", "U3", "U4", "U5", "U6"}
EXCLUDED_ACCOMMODATION = ("G", "H", "R")


def _statuses(f: Facts) -> dict[str, list]:
    by_child: dict[str, list] = defaultdict(list)
    for s in f.records["carefirst_care_leavers"]:
        by_child[s.child_id].append(s)
    return by_child


def _contacts(f: Facts) -> dict[str, list]:
    by_child: dict[str, list] = defaultdict(list)
    for c in f.records["carefirst_care_leaver_contacts"]:
        by_child[c.child_id].append(c)
    for lst in by_child.values():
        lst.sort(key=lambda c: (c.contact_date, c.contact_id))
    return by_child


def birthday_contact(contacts: list, b: dt.date):
    """ "each judged on the contact nearest the birthday from 3 months before to 1 month after
    it" (both ends in the window); two equally near: the later one; two on the same day: the
    greater contact_id. None when no contact is in the window."""
    lo, hi = add_months(b, -3), add_months(b, 1)
    in_window = [c for c in contacts if lo <= c.contact_date <= hi]
    if not in_window:
        return None
    return max(
        in_window, key=lambda c: (-abs((c.contact_date - b).days), c.contact_date, c.contact_id)
    )


def birthday_cohort(f: Facts, p: Period) -> list[tuple[str, dt.date, object]]:
    """ "former relevant young people whose 19th, 20th or 21st birthday falls in" the window: a
    FORMER_RELEVANT status that started on or before the birthday and had not ended before it
    (a status ending on the 21st birthday still covers it); with the contact judged."""
    statuses, contacts = _statuses(f), _contacts(f)
    cohort = []
    for child_id in sorted(statuses):
        dob = f.children[child_id].date_of_birth
        for age in (19, 20, 21):
            b = birthday(dob, age)
            if not p.start <= b <= p.end:
                continue
            if any(
                s.eligibility == "FORMER_RELEVANT"
                and s.start_date <= b
                and (s.end_date is None or s.end_date >= b)
                for s in statuses[child_id]
            ):
                cohort.append((child_id, b, birthday_contact(contacts.get(child_id, []), b)))
    return cohort


def is_eet(contact) -> bool:
    """ "EET is an OC3 activity code beginning F or P"; no contact: not EET."""
    return contact is not None and (contact.activity or "")[:1] in ("F", "P")


@measure
def care_leavers_eet(f: Facts, p: Period):
    """ "former relevant young people whose 19th, 20th or 21st birthday falls in" the window,
    "judged on the contact nearest the birthday ...; no contact in the window counts as not in
    touch, in the denominator and not EET." """
    cohort = birthday_cohort(f, p)
    return sum(is_eet(c) for _, _, c in cohort), len(cohort)


@measure
def care_leavers_suitable_accommodation(f: Facts, p: Period):
    """The same cohort; numerator: accommodation code with suffix 1; those whose accommodation
    is G (gone abroad), H (deported) or R (residence not known) are left out of both."""
    num = den = 0
    for _, _, c in birthday_cohort(f, p):
        accommodation = (c.accommodation if c else None) or ""
        if accommodation[:1] in EXCLUDED_ACCOMMODATION:
            continue
        den += 1
        num += accommodation.endswith("1")
    return num, den


def _latest_contact(contacts: list, d: dt.date):
    before = [c for c in contacts if c.contact_date <= d]
    return max(before, key=lambda c: (c.contact_date, c.contact_id)) if before else None


@measure
def care_leavers_pathway_plan(f: Facts, p: Period):
    """ "relevant + former relevant open at D (carefirst_care_leavers) with a pathway plan in force
    (pathway_plan_date on or before D from their latest contact on or before D)"; D is the window
    end (31 March, or the report date)."""
    D = p.end
    statuses, contacts = _statuses(f), _contacts(f)
    num = den = 0
    for child_id, rows in statuses.items():
        if not any(
            s.eligibility in ("RELEVANT", "FORMER_RELEVANT")
            and s.start_date <= D
            and (s.end_date is None or s.end_date > D)
            for s in rows
        ):
            continue
        den += 1
        last = _latest_contact(contacts.get(child_id, []), D)
        num += bool(last and last.pathway_plan_date and last.pathway_plan_date <= D)
    return num, den


@measure
def care_leavers_staying_put(f: Facts, p: Period):
    """ "aged 18-20, ceased care on the 18th birthday from a foster placement; numerator
    is_staying_put = Y" (at D, the window end: 18th birthday <= D < 21st birthday; an episode,
    not a short break, ending on the 18th birthday in a U1-U6 placement; a FORMER_RELEVANT status
    open at D); the latest contact on or before D says whether they stay put."""
    D = p.end
    statuses, contacts = _statuses(f), _contacts(f)
    num = den = 0
    for child_id, rows in statuses.items():
        dob = f.children[child_id].date_of_birth
        b18 = birthday(dob, 18)
        if not b18 <= D < birthday(dob, 21):
            continue
        if not any(
            s.eligibility == "FORMER_RELEVANT"
            and s.start_date <= D
            and (s.end_date is None or s.end_date > D)
            for s in rows
        ):
            continue
        if not any(
            e.end_date == b18
            and e.placement_type in FOSTER_PLACEMENTS
            and e.legal_status not in ("V3", "V4")
            for e in f.episodes_by_child.get(child_id, [])
        ):
            continue
        den += 1
        last = _latest_contact(contacts.get(child_id, []), D)
        num += bool(last and last.is_staying_put == "Y")
    return num, den
