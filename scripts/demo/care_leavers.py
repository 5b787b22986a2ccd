"""Care leavers: leaving-care statuses and contacts, grown from the looked-after journeys.

Run after the journeys in a random stream of its own (`SECTION_PROCESSES`). It reads the children
and LAC episodes the journeys made and writes `carefirst_care_leavers` (one row per young person
and status) and `carefirst_care_leaver_contacts` (one row per contact).

Who is a care leaver (Children (Leaving Care) Act 2000; SSDA903 guide): a child looked after for
at least 13 weeks after their 14th birthday, including some time after their 16th (short breaks
excluded). They are ELIGIBLE while still looked after at 16-17; RELEVANT if they leave care at
16-17 (until 18, or until they have lived at home for 6 months: most of those who return home lose
the status; some who leave for another authority's care do too); FORMER_RELEVANT from the 18th
birthday to the 21st (to the 25th for some still in education).

Contacts: every couple of months while RELEVANT or FORMER_RELEVANT. Around each 19th, 20th and
21st birthday (3 months before to 1 month after, the window of the measures) the contacts are
replaced by one judged contact carrying the outcome the calibration assigns (EET, NEET by reason,
not in touch) or by none (no contact in the window); some windows get a second contact further
from the birthday, and some young people without a contact in the window one the day before it
opens, so that the nearest-contact rule and the window's edge are exercised.

Calibration (the document's figures, exact quotas per stretch of birthdays so that the year
columns and the rolling Latest both land): EET 31% (2013/14), 42% (2014/15), 60% (2015/16), 55%
(12 months to July 2016); suitable accommodation 76.4%, 81.0%, 91% Latest; the split of the
Latest's NEET as the analysis gives it (of 80 NEET: 16 illness or disability, 16 pregnancy or
parenting, 3 in custody; the rest NEET for other reasons or not in touch); pathway plans for
about 73% of care leavers; staying put for about half of those leaving foster care at 18.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict

from .dates import add_months, birthday
from .records import CareLeaverContact, CareLeaverStatus

DAY = dt.timedelta(days=1)

EET_CODES = ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5")
EET_WEIGHTS = (8, 2, 30, 8, 12, 3, 25, 12)
SUITABLE_ACCOMMODATION = ("U1", "D1", "E1", "K1", "B1", "T1")
UNSUITABLE_ACCOMMODATION = ("U2", "S2", "W2", "V2", "B2", "D2", "K2")
EXCLUDED_ACCOMMODATION = ("R2", "G1", "H2", "R1")
FOSTER_PLACEMENTS = ("U1", "U2", "U3", "U4", "U5", "U6")

# stretches of birthdays (first day of each) with the share EET and in suitable accommodation
# (one stretch per financial year before 2014/15, with the 2013/14 figures)
STRATA = [(dt.date(1990, 1, 1), 0.31, 0.764)]
STRATA += [(dt.date(y, 4, 1), 0.31, 0.764) for y in range(2008, 2014)]
STRATA += [
    (dt.date(2014, 4, 1), 0.42, 0.810),
    (dt.date(2015, 4, 1), 0.64, 0.860),
    (dt.date(2015, 8, 1), 0.58, 0.905),
    (dt.date(2016, 4, 1), 0.49, 0.915),
]
# the split of those not EET (the Latest's analysis: 80 NEET of whom 16 G4, 16 G6, 3 custody)
NOT_EET_SPLIT = [
    ("G4", 16 / 80),
    ("G6", 16 / 80),
    ("custody", 3 / 80),
    ("no_contact", 5 / 80),
    ("not_in_touch", 5 / 80),
    ("G5", 35 / 80),
]
PATHWAY_PLAN_SHARE = 0.85
STAYING_PUT_SHARE = 0.5


def _stratum(birthday_date: dt.date) -> int:
    return bisect_right([s[0] for s in STRATA], birthday_date) - 1


def _looked_after_days(episodes, start: dt.date, end: dt.date, E: dt.date) -> int:
    days = 0
    for e in episodes:
        if e.legal_status in ("V3", "V4"):
            continue
        s = max(e.start_date, start)
        t = min(e.end_date or E, end)
        if t > s:
            days += (t - s).days
    return days


def _capped(d: dt.date | None, E: dt.date, death: dt.date | None) -> dt.date | None:
    """An end date as the extract shows it: none after the extraction date, the death at most."""
    if d is None or d > E:
        return None
    if death and d > death:
        return death
    return d


def _quota(n: int, shares: list[tuple[str, float]]) -> list[str]:
    """n labels in the given shares, rounded by largest remainder."""
    raw = [(label, share * n) for label, share in shares]
    counts = {label: int(x) for label, x in raw}
    left = n - sum(counts.values())
    for label, _ in sorted(raw, key=lambda r: -(r[1] - int(r[1])))[:left]:
        counts[label] += 1
    return [label for label, _ in shares for _ in range(counts[label])]


def care_leavers(sim) -> None:
    rng = sim.rng
    E = sim.E
    children = {c.child_id: c for c in sim.records["carefirst_children"]}
    episodes = defaultdict(list)
    for e in sim.records["carefirst_lac_episodes"]:
        episodes[e.child_id].append(e)

    statuses: list[CareLeaverStatus] = []
    people = []  # (child, first and last day of contacts, former relevant end, staying put)
    for child_id in sorted(episodes):
        child = children[child_id]
        es = sorted(episodes[child_id], key=lambda e: e.start_date)
        dob = child.date_of_birth
        b14, b16, b18 = birthday(dob, 14), birthday(dob, 16), birthday(dob, 18)
        if b16 > E:
            continue
        if _looked_after_days(es, b14, b18, E) < 91:
            continue
        in_care_after_16 = [
            e
            for e in es
            if e.legal_status not in ("V3", "V4") and (e.end_date or E) > b16 and e.start_date < b18
        ]
        if not in_care_after_16:
            continue
        last = in_care_after_16[-1]
        left = last.end_date if last.end_date and last.end_date <= E else None
        death = child.date_of_death

        eligible_start = max(b16, in_care_after_16[0].start_date)
        eligible_end = min(left, b18) if left else (b18 if b18 <= E else None)
        statuses.append(
            CareLeaverStatus(child_id, "ELIGIBLE", eligible_start, _capped(eligible_end, E, death))
        )
        if eligible_end is None:
            continue  # still looked after and under 18
        if death and death <= eligible_end:
            continue
        former_relevant = True
        relevant_end = None
        if left and left < b18:
            relevant_end = b18
            if last.reason_ceased in ("E4A", "E4B") and rng.random() < 0.85:
                # returned home and stayed there 6 months: no longer a care leaver
                relevant_end = min(b18, left + dt.timedelta(days=183))
                former_relevant = relevant_end == b18 and rng.random() < 0.1
            elif last.reason_ceased == "E8" and rng.random() < 0.5:
                relevant_end = min(b18, left + dt.timedelta(days=rng.randint(30, 300)))
                former_relevant = False
            statuses.append(
                CareLeaverStatus(child_id, "RELEVANT", left, _capped(relevant_end, E, death))
            )
            if relevant_end > E or (death and death <= relevant_end):
                continue
        if not former_relevant or b18 > E:
            if relevant_end is not None:
                people.append((child, left, min(relevant_end, E), None, None))
            continue
        end = birthday(dob, 25) if rng.random() < 0.15 else birthday(dob, 21)
        statuses.append(CareLeaverStatus(child_id, "FORMER_RELEVANT", b18, _capped(end, E, death)))
        staying_put = None
        if (
            last.end_date == b18
            and last.placement_type in FOSTER_PLACEMENTS
            and rng.random() < STAYING_PUT_SHARE
        ):
            staying_put = (b18, b18 + dt.timedelta(days=rng.randint(120, 1095)))
        people.append((child, left if left and left < b18 else b18, min(end, E), end, staying_put))
    sim.records["carefirst_care_leavers"].extend(statuses)

    # the judged birthdays: 19th, 20th, 21st of the former relevant, on or before E
    judged = []
    for child, _, _, fr_end, _ in people:
        if fr_end is None:
            continue
        for age in (19, 20, 21):
            b = birthday(child.date_of_birth, age)
            if b > E or b > fr_end or (child.date_of_death and child.date_of_death < b):
                continue
            judged.append((child.child_id, age, b))
    outcomes: dict[tuple[str, int], tuple[str, bool | None, bool]] = {}
    by_stratum = defaultdict(list)
    for item in judged:
        by_stratum[_stratum(item[2])].append(item)
    for k in sorted(by_stratum):
        items = by_stratum[k]
        rng.shuffle(items)
        _, p_eet, p_suitable = STRATA[k]
        n = len(items)
        n_eet = round(p_eet * n)
        labels = ["EET"] * n_eet + _quota(n - n_eet, NOT_EET_SPLIT)
        rng.shuffle(labels)
        in_touch = [i for i, lab in enumerate(labels) if lab not in ("no_contact", "not_in_touch")]
        excluded = set(rng.sample(in_touch, min(len(in_touch), n // 70)))
        denominator = n - len(excluded)
        target = round(p_suitable * denominator)
        can_be_suitable = [i for i in in_touch if i not in excluded and labels[i] != "custody"]
        rng.shuffle(can_be_suitable)
        suitable = set(can_be_suitable[: min(target, len(can_be_suitable))])
        for i, (child_id, age, _b) in enumerate(items):
            outcomes[(child_id, age)] = (
                labels[i],
                None if i in excluded else i in suitable,
                rng.random() < 0.2,
            )

    # pathway plans: an exact share of the care leavers, chosen at random
    n_plans = round(PATHWAY_PLAN_SHARE * len(people))
    plan_flags = [True] * n_plans + [False] * (len(people) - n_plans)
    rng.shuffle(plan_flags)

    contacts: list[CareLeaverContact] = []
    for (child, contact_start, last_day, _, staying_put), has_plan in zip(
        people, plan_flags, strict=True
    ):
        contacts.extend(
            _person_contacts(
                rng, E, child, contact_start, last_day, staying_put, has_plan, outcomes
            )
        )

    contacts.sort(key=lambda c: (c.contact_date, c.child_id))
    for c in contacts:
        c.contact_id = sim.next_id("CLC", 6)
    sim.records["carefirst_care_leaver_contacts"].extend(contacts)


def _person_contacts(rng, E, child, contact_start, last_day, staying_put, has_plan, outcomes):
    """A care leaver's contacts: routine ones every couple of months, and around each judged
    birthday the judged contact its outcome asks for (or none)."""
    contacts: list[CareLeaverContact] = []
    dob = child.date_of_birth
    b18 = birthday(dob, 18)
    if child.date_of_death:
        last_day = min(last_day, child.date_of_death)
    first_plan = contact_start + dt.timedelta(days=rng.randint(10, 120))
    windows = []
    for age in (19, 20, 21):
        b = birthday(dob, age)
        if (child.child_id, age) in outcomes:
            windows.append((add_months(b, -3), add_months(b, 1), age, b))

    def in_window(d):
        return any(w0 <= d <= w1 for w0, w1, _, _ in windows)

    def contact(d, in_touch, activity, accommodation):
        plan = None
        if has_plan and d >= first_plan:
            plan = first_plan + dt.timedelta(days=182 * ((d - first_plan).days // 182))
        stays = staying_put is not None and staying_put[0] <= d < staying_put[1]
        if stays and accommodation and accommodation.endswith("1"):
            accommodation = "Z1"
        contacts.append(
            CareLeaverContact(
                contact_id="",
                child_id=child.child_id,
                contact_date=d,
                eligibility="RELEVANT" if d < b18 else "FORMER_RELEVANT",
                in_touch=in_touch,
                activity=activity,
                accommodation=accommodation,
                pathway_plan_date=plan,
                is_staying_put="Y" if stays else "N",
            )
        )

    def routine_state():
        r = rng.random()
        if r < 0.08:
            return ("NO" if r < 0.05 else "REFU", None, None)
        activity = (
            rng.choices(EET_CODES, EET_WEIGHTS)[0]
            if rng.random() < 0.5
            else rng.choice(("G4", "G5", "G5", "G6"))
        )
        accommodation = (
            rng.choice(SUITABLE_ACCOMMODATION)
            if rng.random() < 0.85
            else rng.choice(UNSUITABLE_ACCOMMODATION)
        )
        if rng.random() < 0.004:  # a recording slip the data-quality rules find
            accommodation = None
        return ("YES", activity, accommodation)

    d = contact_start + dt.timedelta(days=rng.randint(7, 45))
    while d <= last_day:
        if not in_window(d):
            contact(d, *routine_state())
        d += dt.timedelta(days=max(14, int(rng.gauss(60, 18))))

    for w0, w1, age, b in windows:
        label, suitable, second = outcomes[(child.child_id, age)]
        w1 = min(w1, E)
        if label == "no_contact":
            if rng.random() < 0.3 and w0 - DAY <= E:
                contact(w0 - DAY, "YES", rng.choices(EET_CODES, EET_WEIGHTS)[0], "U1")
            continue
        offset = max(-80, min(28, int(rng.gauss(-12, 25))))
        when = max(w0, min(w1, b + dt.timedelta(days=offset)))
        if label == "not_in_touch":
            state = (rng.choice(("NO", "NO", "REFU")), None, None)
        else:
            if label == "EET":
                activity = rng.choices(EET_CODES, EET_WEIGHTS)[0]
            elif label == "custody":
                activity = "G5"
            else:
                activity = label
            if label == "custody":
                accommodation = "X2"
            elif suitable is None:
                accommodation = rng.choice(EXCLUDED_ACCOMMODATION)
            elif suitable:
                accommodation = rng.choice(SUITABLE_ACCOMMODATION)
            else:
                accommodation = rng.choice(UNSUITABLE_ACCOMMODATION)
            state = ("YES", activity, accommodation)
        contact(when, *state)
        if second:
            # a second contact in the window, further from the birthday
            distance = abs((when - b).days)
            far = [
                x
                for x in (b - dt.timedelta(days=distance + 1 + rng.randint(0, 40)),)
                if w0 <= x <= w1
            ]
            if not far and b + dt.timedelta(days=distance + 1) <= w1:
                far = [b + dt.timedelta(days=distance + 1)]
            if far:
                contact(far[0], *routine_state())
    return contacts
