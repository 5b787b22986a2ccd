"""The demo authority: a synthetic council's children's social care records.

Everything here is invented. The simulation walks day by day from 1 April 2008 to the extraction
date; each referral starts a journey (assessment, perhaps a section 47 enquiry, a conference, a
child protection plan, a period of care) whose later events are sampled at once; a child whose
referral has closed can be referred again. Fostering households and private fostering
arrangements are separate processes. Records dated after the extraction date are not written
(items still open then have empty end dates).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import NormalDist

from . import params as P
from .dates import WorkingDays, add_months, age_in_years, birthday
from .draws import Weighted, poisson
from .records import (
    EXTRACT_COLUMNS,
    Assessment,
    Child,
    Conference,
    CPPlan,
    CPVisit,
    Episode,
    FosterHousehold,
    LACReview,
    LACVisit,
    PrivateFostering,
    Referral,
    Section47,
)

# (stream name, function(simulator)) of the processes run after the journeys: each reads the
# records made so far and appends the records of its own extracts
SECTION_PROCESSES: list[tuple[str, Callable[[Simulator], None]]] = []

DAY = dt.timedelta(days=1)
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


SEX = Weighted(P.SEX)
ETHNICITY = Weighted(P.ETHNICITY)
REFERRAL_AGE = Weighted(P.REFERRAL_AGE)
REFERRAL_SOURCE = Weighted(P.REFERRAL_SOURCE)
PRIMARY_NEED = Weighted(P.PRIMARY_NEED)
CP_CATEGORY = Weighted(P.CP_CATEGORY)
LAC_NEED = Weighted(P.LAC_NEED)
VISIT_INTERVAL = Weighted(P.VISIT_INTERVALS)
PLACE_CHANGE_REASON = Weighted(
    [
        ("CARPL", 0.35),
        ("CHILD", 0.10),
        ("CREQB", 0.10),
        ("CREQO", 0.08),
        ("LAREQ", 0.10),
        ("STAND", 0.05),
        ("CLOSE", 0.05),
        ("ALLEG", 0.03),
        ("APPRR", 0.02),
        ("PLACE", 0.05),
        ("OTHER", 0.07),
    ]
)


def _lac_age_factor(age: int) -> float:
    f = 1.0
    for a, v in sorted(P.LAC_AGE_FACTOR.items()):
        if age >= a:
            f = v
    return f


LAC_ENTRY_AGE = Weighted([(a, w * _lac_age_factor(a)) for a, w in P.REFERRAL_AGE])


POOL_BUCKETS = 128  # buckets of the pool of known children (pick_known_child)


def _mix64(x: int) -> int:
    """SplitMix64's finaliser: a well-spread 64-bit hash of an integer (deterministic, unlike
    Python's hash of a string)."""
    x &= 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


@dataclass(slots=True)
class ChildState:
    """What the simulation remembers about a child (not written)."""

    rec: Child
    seq: int
    home_postcode: str
    plans: int = 0
    hist_plans: int | None = None
    dead: bool = False
    # the child's place in the pool of known children: the journey that made the child and
    # the child's number in it (stable however other journeys turn out)
    pool_key: int = 0


@dataclass
class Segment:
    """One SSDA903 episode being planned (before ids are given)."""

    start: dt.date
    rne: str
    ls: str
    place: str
    provider: str | None
    carer: str | None
    change_reason: str | None = None  # reason the placement ended (set when the next one starts)


@dataclass
class PeriodPlan:
    segments: list[Segment] = field(default_factory=list)
    end: dt.date | None = None
    reason: str | None = None


class Simulator:
    def __init__(self, seed: int, scale: float, extraction_date: dt.date, la_code: str):
        self._seed_text = f"csc-demo:{seed}"
        self.rng = random.Random(self._seed_text)
        self.scale = scale
        self.E = extraction_date
        self.la_code = la_code
        self.wd = WorkingDays(1990, max(2035, extraction_date.year + 2))
        self.records: dict[str, list] = {name: [] for name in EXTRACT_COLUMNS}
        self._counters: dict[str, int] = {}
        self._pool_heap: list = []
        # children who may be referred again, in buckets by pool_key: key -> (child, the
        # ordinal of the day they became available)
        self._pool: list[dict[int, tuple[ChildState, int]]] = [{} for _ in range(POOL_BUCKETS)]
        self._children_in_journey = 0
        self._upns: set[str] = set()
        self._carer_postcodes: dict[str, str] = {}
        self._child_seq = 0
        self._journey_seq = 0
        self._assessment_done: dict[str, dt.date | None] = {}  # referral -> authorised date

    # ------------------------------------------------------------------ helpers
    def next_id(self, prefix: str, width: int) -> str:
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}{n:0{width}d}"

    def poisson(self, lam: float) -> int:
        return poisson(self.rng, lam)

    def yn(self, flag: bool) -> str:
        return "Y" if flag else "N"

    def hazard_end(self, start: dt.date, hazard) -> dt.date | None:
        """A date after `start` drawn from a monthly hazard (a number or a Curve); None when
        nothing happens by the extraction date."""
        rng = self.rng
        t = start
        while t <= self.E:
            h = hazard(t) if callable(hazard) else hazard
            if rng.random() < h:
                end = t + dt.timedelta(days=rng.randint(1, 30))
                return end if end <= self.E else None
            t += dt.timedelta(days=30)
        return None

    def _upn(self, dob: dt.date) -> str:
        rng = self.rng
        while True:
            body = f"336{rng.randint(2000, 7999):04d}{(dob.year + 5) % 100:02d}{rng.randint(0, 999):03d}"
            weights = sum(int(c) * (i + 2) for i, c in enumerate(body))
            upn = UPN_LETTERS[weights % 23] + body
            if upn not in self._upns:
                self._upns.add(upn)
                return upn

    def new_child(
        self, d: dt.date, age: int | None = None, uasc: bool = False, dob: dt.date | None = None
    ) -> ChildState:
        rng = self.rng
        if dob is None:
            if age is None:
                age = REFERRAL_AGE.pick(rng)
            # a 17-year-old is referred at least four months before turning 18
            dob = d - dt.timedelta(
                days=int(age * 365.25) + rng.randint(0, 364 if age < 17 else 240)
            )
            if dob > d:
                dob = d
        age_at_e = age_in_years(dob, self.E)
        upn = None
        if age_at_e >= 4 and rng.random() < (0.9 if age_at_e >= 6 else 0.6):
            upn = self._upn(dob)
        sex = "1" if uasc and rng.random() < 0.9 else SEX.pick(rng)
        if sex == "9" and age_in_years(dob, d) > 1:
            sex = rng.choice("12")
        ethnicity = rng.choice(["AOTH", "BAFR", "OOTH", "BOTH"]) if uasc else ETHNICITY.pick(rng)
        child = Child(
            child_id=self.next_id("C", 6),
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            upn=upn,
            date_of_death=None,
            is_uasc=self.yn(uasc),
        )
        self.records["carefirst_children"].append(child)
        self._child_seq += 1
        self._children_in_journey += 1
        home = f"{rng.choice(P.WV_DISTRICTS)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return ChildState(
            rec=child,
            seq=self._child_seq,
            home_postcode=home,
            pool_key=self._journey_seq * 16 + self._children_in_journey,
        )

    def new_referral(
        self, cs: ChildState, d: dt.date, need: str | None = None, source: str | None = None
    ) -> Referral:
        ref = Referral(
            referral_id=self.next_id("REF", 6),
            child_id=cs.rec.child_id,
            referral_date=d,
            referral_source=source or REFERRAL_SOURCE.pick(self.rng),
            primary_need_code=need or PRIMARY_NEED.pick(self.rng),
            is_nfa="N",
            closure_date=None,
            closure_reason=None,
        )
        self.records["carefirst_referrals"].append(ref)
        return ref

    def close_referral(
        self, cs: ChildState, ref: Referral, closure: dt.date | None, reason: str
    ) -> dt.date | None:
        """Close a referral (None: still open at the extraction date); returns the day the child
        may be referred again."""
        if closure is None or closure > self.E:
            return None
        if ref.referral_id in self._assessment_done:
            authorised = self._assessment_done[ref.referral_id]
            if authorised is None:
                return None  # the assessment is still in progress: the referral stays open
            if closure < authorised:
                closure = authorised  # a referral closes once its assessment is authorised
        b18 = birthday(cs.rec.date_of_birth, 18)
        if closure > b18:
            closure = max(b18, ref.referral_date)
        ref.closure_date = closure
        ref.closure_reason = reason
        if reason not in ("RC1",) and closure < b18 and self.rng.random() < 0.0006:
            ref.closure_reason = "RC2"
            cs.rec.date_of_death = closure
            cs.dead = True
            return None
        return closure + DAY

    def release(self, cs: ChildState, free: dt.date | None) -> None:
        if free is not None and not cs.dead:
            heapq.heappush(self._pool_heap, (free.toordinal(), cs.seq, cs))

    # ------------------------------------------------------------------ the run
    def run(self) -> dict[str, list]:
        self.initial_lac_cohort()
        self.referral_flow()
        # separate random streams, so that tuning the journeys leaves these processes alone
        self._with_stream("private-fostering", self.private_fostering)
        self._with_stream("foster-households", self.foster_households)
        # the later sections' records, derived from the journeys above, each process in a
        # random stream of its own (name, function of the simulator filling its extracts)
        for name, process in SECTION_PROCESSES:
            self._with_stream(name, lambda process=process: process(self))
        return self.records

    def _with_stream(self, name: str, fn) -> None:
        saved = self.rng
        self.rng = self.stream(name)
        try:
            fn()
        finally:
            self.rng = saved

    def stream(self, *key) -> random.Random:
        """A random stream of its own for one record's draws (a process's records keyed by a
        child, a period or a month), so that tuning one leaves the others' draws alone."""
        return random.Random(":".join([self._seed_text, *map(str, key)]))

    def _journey_stream(self, kind: str, fn) -> None:
        """Run one journey (a referral's, or a child's already looked after at the start) in a
        random stream of its own, seeded from the journey's sequence number: tuning one
        journey's draws (a probability, a range, one more draw) leaves every other journey's
        draws as they were; only what journeys share (the pool of known children, the carers,
        the identifiers' counters) carries a change on."""
        self._journey_seq += 1
        self._children_in_journey = 0
        self._with_stream(f"journey:{kind}:{self._journey_seq}", fn)

    def referral_flow(self) -> None:
        d = P.HISTORY_START
        month_key = None
        month_weight = 1.0
        while d <= self.E:
            if (d.year, d.month) != month_key:
                month_key = (d.year, d.month)
                first = d
                month_weight = 0.0
                x = first
                while x.month == first.month:
                    month_weight += 1.0 if self.wd.is_working_day(x) else 0.25
                    x += DAY
            while self._pool_heap and self._pool_heap[0][0] <= d.toordinal():
                cs = heapq.heappop(self._pool_heap)[2]
                self._pool[cs.pool_key % POOL_BUCKETS][cs.pool_key] = (cs, d.toordinal())
            weight = 1.0 if self.wd.is_working_day(d) else 0.25
            lam = P.REFERRALS_PER_MONTH(d) * self.scale * weight / month_weight
            for _ in range(self.poisson(lam)):
                self._journey_stream("referral", lambda d=d: self.one_referral(d))
            d += DAY

    def pick_known_child(self, d: dt.date) -> ChildState | None:
        """A known child for a re-referral: a bucket of the pool at random, then in it the child
        of the least weighted rendezvous score (weight falling with the time since the child
        became available: recent closures are re-referred more). A child's score depends only
        on the referral's draw and the child's own key, so a change elsewhere (one child
        released earlier, another not at all) changes only the picks that child wins or loses;
        an index into the whole pool would shift every later pick."""
        rng, today = self.rng, d.toordinal()
        for _ in range(6):
            bucket = self._pool[rng.randrange(POOL_BUCKETS)]
            draw = rng.getrandbits(64)
            if not bucket:
                continue

            def score(item, draw=draw):
                key, (_, since) = item
                u = (_mix64(draw ^ key) + 0.5) / 2.0**64
                return -math.log(u) * (1.0 + (today - since) / 365.0)

            key, (cs, _) = min(bucket.items(), key=score)
            del bucket[key]
            if cs.dead or age_in_years(cs.rec.date_of_birth, d) >= 17:
                continue  # dropped from the pool for good
            return cs
        return None

    def one_referral(self, d: dt.date) -> None:
        rng = self.rng
        r = rng.random()
        p_uasc, p_tin = P.P_UASC(d), P.P_TRANSFER_IN(d)
        if r < p_uasc:
            cs = self.new_child(
                d, age=Weighted([(14, 0.1), (15, 0.3), (16, 0.45), (17, 0.15)]).pick(rng), uasc=True
            )
            free = self.uasc_journey(cs, d)
        elif r < p_uasc + p_tin:
            cs = self.new_child(
                d, age=rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
            )
            free = self.transfer_in_journey(cs, d)
        elif r < p_uasc + p_tin + P.P_SHORT_BREAKS:
            cs = self.new_child(d, age=rng.randint(5, 14))
            free = self.short_break_journey(cs, d)
        else:
            cs = None
            if rng.random() < P.P_REREFERRAL(d):
                cs = self.pick_known_child(d)
            if cs is None:
                cs = self.new_child(d)
            free = self.general_journey(cs, d)
        self.release(cs, free)

    # ------------------------------------------------------------------ journeys
    def assessment(self, cs: ChildState, ref: Referral, d: dt.date) -> Assessment | None:
        rng = self.rng
        start = self.wd.next_working_day(
            d + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 6]))
        )
        if start > self.E:
            return None
        if rng.random() < P.P_ASSESSMENT_45WD(start):
            n = int(rng.triangular(3, 45.99, 40))
        else:
            n = 46 + int(rng.expovariate(1 / 16.0))
        authorised = self.wd.add(start, n)
        b18 = birthday(cs.rec.date_of_birth, 18)
        if authorised >= b18:  # finished before the young person turns 18
            authorised = max(start, self.wd.previous_working_day(b18 - DAY))
        if authorised > self.E:
            authorised = None
        seen = rng.random() < P.P_CHILD_SEEN_ASSESSMENT(start)
        alone = (
            seen
            and age_in_years(cs.rec.date_of_birth, start) >= 5
            and rng.random() < P.P_SEEN_ALONE_IF_SEEN_5PLUS
        )
        a = Assessment(
            assessment_id=self.next_id("ASM", 6),
            referral_id=ref.referral_id,
            child_id=cs.rec.child_id,
            start_date=start,
            authorised_date=authorised,
            is_child_seen=self.yn(seen) if authorised else None,
            is_child_seen_alone=self.yn(alone) if authorised else None,
        )
        self.records["carefirst_assessments"].append(a)
        self._assessment_done[ref.referral_id] = authorised
        return a

    def close_after_cin(
        self, cs: ChildState, ref: Referral, from_date: dt.date | None, at_assessment: bool
    ) -> dt.date | None:
        rng = self.rng
        if from_date is None or from_date > self.E:
            return None
        if at_assessment and rng.random() < P.P_CLOSE_AT_ASSESSMENT(from_date):
            closure = from_date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3, 5, 7]))
            reason = "RC8" if rng.random() < 0.75 else "RC9"
        else:
            closure = self.hazard_end(from_date, P.H_CIN_CLOSE)
            r = rng.random()
            reason = "RC7" if r < 0.7 else ("RC9" if r < 0.9 else "RC5")
        return self.close_referral(cs, ref, closure, reason)

    def general_journey(self, cs: ChildState, d: dt.date) -> dt.date | None:
        rng = self.rng
        age = age_in_years(cs.rec.date_of_birth, d)
        ref = self.new_referral(cs, d)
        if rng.random() < P.P_NFA(d):
            ref.is_nfa = "Y"
            return self.close_referral(cs, ref, d, "RC8")
        a = self.assessment(cs, ref, d)
        if a is None:
            return None
        history = cs.plans > 0 or bool(cs.hist_plans)
        p_s47 = P.P_S47(d) * (P.HISTORY_S47_FACTOR if history else 1.0)
        if age < 17 and rng.random() < p_s47:
            outcome = self.s47_path(cs, ref, d, history)
            if outcome is not None:
                return outcome[0]
        # no plan: perhaps care, else child in need
        p_lac = P.P_LAC_FROM_REFERRAL(d) * _lac_age_factor(age)
        if age < 17 and rng.random() < p_lac:
            start = d + dt.timedelta(days=rng.randint(0, 10) if age < 1 else rng.randint(0, 75))
            return self.enter_care(cs, ref, start, uasc=False)
        return self.close_after_cin(cs, ref, a.authorised_date, at_assessment=True)

    def s47_path(self, cs: ChildState, ref: Referral, d: dt.date, history: bool):
        """Section 47 enquiry, perhaps an ICPC and a plan. Returns None to continue as a child in
        need, or a one-tuple (free date,) when the journey is decided here."""
        rng, wd = self.rng, self.wd
        strategy = wd.next_working_day(d + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3])))
        if strategy > self.E:
            return (None,)
        p_icpc = min(0.95, P.P_ICPC(strategy) * (P.HISTORY_ICPC_FACTOR if history else 1.0))
        icpc_required = rng.random() < p_icpc
        link = "ok"
        icpc_date = None
        if icpc_required:
            timely = rng.random() < P.P_ICPC_TIMELY(strategy)
            n = int(rng.triangular(6, 15.99, 14)) if timely else 16 + int(rng.expovariate(1 / 6.0))
            icpc_date = wd.add(strategy, n)
            completed = wd.add(strategy, rng.randint(3, n - 1))
            if not timely:
                r = rng.random()
                if r < P.P_LATE_NO_S47:
                    link = "no_s47"
                elif r < P.P_LATE_NO_S47 + P.P_LATE_NO_STRATEGY_DATE:
                    link = "no_strategy"
        else:
            completed = wd.add(strategy, rng.randint(4, 25))
        s47_id = None
        if link != "no_s47":
            done = completed <= self.E
            s47 = Section47(
                s47_id=self.next_id("S47", 6),
                referral_id=ref.referral_id,
                child_id=cs.rec.child_id,
                strategy_discussion_date=None if link == "no_strategy" else strategy,
                completed_date=completed if done else None,
                is_icpc_required=self.yn(icpc_required) if done else None,
            )
            self.records["carefirst_section47_enquiries"].append(s47)
            s47_id = s47.s47_id
        if not icpc_required:
            return None
        if icpc_date > self.E:
            return (None,)
        plan_made = rng.random() < P.P_PLAN_MADE(icpc_date)
        plan_id = self.next_id("CPP", 6) if plan_made else None
        self.records["carefirst_cp_conferences"].append(
            Conference(
                conference_id=self.next_id("CONF", 6),
                child_id=cs.rec.child_id,
                conference_type="ICPC",
                conference_date=icpc_date,
                s47_id=s47_id,
                cp_plan_id=plan_id,
                is_plan_made=self.yn(plan_made),
            )
        )
        if not plan_made:
            return (self.close_after_cin(cs, ref, icpc_date, at_assessment=True),)
        return (self.after_plan(cs, ref, icpc_date, plan_id),)

    def after_plan(
        self, cs: ChildState, ref: Referral, start: dt.date, plan_id: str
    ) -> dt.date | None:
        end, to_lac = self.cp_plan(cs, ref, start, plan_id)
        if end is None:
            return None
        if to_lac:
            return self.enter_care(cs, ref, end, uasc=False)
        closure = end if self.rng.random() < 0.25 else self.hazard_end(end, P.H_CIN_CLOSE_AFTER_CP)
        return self.close_referral(cs, ref, closure, "RC7" if self.rng.random() < 0.8 else "RC9")

    def transfer_in_journey(self, cs: ChildState, d: dt.date) -> dt.date | None:
        rng = self.rng
        ref = self.new_referral(cs, d, source="8", need=rng.choice(["N1", "N1", "N5", "N4"]))
        self.assessment(cs, ref, d)
        conf_date = self.wd.add(d, rng.randint(3, 15))
        if conf_date > self.E:
            return None
        plan_id = self.next_id("CPP", 6)
        self.records["carefirst_cp_conferences"].append(
            Conference(
                conference_id=self.next_id("CONF", 6),
                child_id=cs.rec.child_id,
                conference_type="TRANSFER_IN",
                conference_date=conf_date,
                s47_id=None,
                cp_plan_id=plan_id,
                is_plan_made=None,
            )
        )
        return self.after_plan(cs, ref, conf_date, plan_id)

    def uasc_journey(self, cs: ChildState, d: dt.date) -> dt.date | None:
        ref = self.new_referral(cs, d, source="8", need="N8")
        self.assessment(cs, ref, d)
        return self.enter_care(cs, ref, d + dt.timedelta(days=self.rng.randint(0, 2)), uasc=True)

    def short_break_journey(self, cs: ChildState, d: dt.date) -> dt.date | None:
        """A disabled child with a series of pre-planned short breaks (V3/V4): looked after only
        during each break, and then not counted as looked after (docs/design.md)."""
        rng = self.rng
        ref = self.new_referral(cs, d, source=rng.choice(["3A", "5A", "1A"]), need="N2")
        a = self.assessment(cs, ref, d)
        if a is None or a.authorised_date is None:
            return None
        ls = "V3" if rng.random() < 0.8 else "V4"
        t = a.authorised_date + dt.timedelta(days=rng.randint(14, 60))
        series_end = t + dt.timedelta(days=rng.randint(300, 1000))
        b18 = birthday(cs.rec.date_of_birth, 18)
        carer = "SBU01"
        self._carer_postcodes.setdefault(carer, "WV10 6SB")
        while t < series_end and t < b18 and t <= self.E:
            nights = rng.randint(1, 4)
            end = t + dt.timedelta(days=nights)
            self.records["carefirst_lac_episodes"].append(
                Episode(
                    episode_id=self.next_id("EP", 6),
                    child_id=cs.rec.child_id,
                    start_date=t,
                    reason_new_episode="S",
                    legal_status=ls,
                    category_of_need="N2",
                    placement_type="K2",
                    placement_provider="PR1",
                    carer_id=carer,
                    end_date=end if end <= self.E else None,
                    reason_ceased="E8" if end <= self.E else None,
                    reason_placement_changed=None,
                    home_postcode=cs.home_postcode,
                    placement_postcode=self._carer_postcodes[carer],
                )
            )
            if end > self.E:
                return None
            t = end + dt.timedelta(days=rng.randint(21, 60))
        closure = min(t, series_end) + dt.timedelta(days=rng.randint(20, 200))
        return self.close_referral(cs, ref, closure, "RC7")

    # ------------------------------------------------------------------ child protection plans
    def cp_plan(self, cs: ChildState, ref: Referral, start: dt.date, plan_id: str):
        """A plan from its start (ICPC or transfer-in conference) to its end: review conferences
        at 3 months then 6-monthly; it ends at a review, on becoming looked after or on moving
        away. Returns (end or None if open, became looked after)."""
        rng, wd, E = self.rng, self.wd, self.E
        if cs.hist_plans is None:
            cs.hist_plans = (
                rng.choice([1, 1, 1, 2, 3]) if rng.random() < P.P_PREVIOUS_PLANS(start) else 0
            )
        repeat_in_extract = cs.plans > 0
        cs.plans += 1
        category = CP_CATEGORY.pick(rng)
        plan = CPPlan(
            cp_plan_id=plan_id,
            child_id=cs.rec.child_id,
            referral_id=ref.referral_id,
            start_date=start,
            end_date=None,
            initial_category=category,
            latest_category=category if rng.random() < 0.88 else CP_CATEGORY.pick(rng),
            visit_interval_days=VISIT_INTERVAL.pick(rng),
            previous_plan_count=cs.hist_plans,
        )
        self.records["carefirst_cp_plans"].append(plan)
        b18 = birthday(cs.rec.date_of_birth, 18)
        t, k = start, 1
        review = wd.previous_working_day(
            add_months(start, 3) - dt.timedelta(days=rng.randint(0, 12))
        )
        end, to_lac = None, False
        while True:
            span = (review - t).days
            lam_lac = -math.log(1 - P.H_CP_TO_LAC(t)) / 30
            lam_away = -math.log(1 - P.H_CP_MOVE_AWAY) / 30
            t_lac, t_away = rng.expovariate(lam_lac), rng.expovariate(lam_away)
            first = min(t_lac, t_away)
            if first < span:
                end = t + dt.timedelta(days=max(1, int(first)))
                to_lac = t_lac < t_away
                break
            if review > E:
                break
            if review >= b18:
                end = b18
                break
            self.records["carefirst_cp_conferences"].append(
                Conference(
                    conference_id=self.next_id("CONF", 6),
                    child_id=cs.rec.child_id,
                    conference_type="RCPC",
                    conference_date=review,
                    s47_id=None,
                    cp_plan_id=plan_id,
                    is_plan_made=None,
                )
            )
            p_end = (
                P.P_PLAN_END_AT_REVIEW[k](review)
                if k in P.P_PLAN_END_AT_REVIEW
                else P.P_PLAN_END_LATER_REVIEWS(review)
            )
            if rng.random() < p_end:
                end = review
                break
            t, k = review, k + 1
            review = wd.previous_working_day(
                add_months(review, 6) - dt.timedelta(days=rng.randint(0, 12))
            )
        if end is not None and end > E:
            end, to_lac = None, False
        if end is not None and end >= b18:
            end, to_lac = b18, False
        plan.end_date = end
        self.cp_visits(cs, plan, repeat_in_extract)
        return end, to_lac

    def cp_visits(self, cs: ChildState, plan: CPPlan, repeat_in_extract: bool) -> None:
        # the plan's visits draw from a stream of their own, seeded from the child's birth and
        # the plan's start (not the plan's id, which any earlier journey's extra plan would
        # move): tuning the visits (P_CP_VISIT_LATE, P_SEEN_ALONE_CP) moves no other draw
        dob = cs.rec.date_of_birth
        rng = self.stream("cp_visits", dob, plan.start_date)
        stop = plan.end_date if plan.end_date is not None else self.E + DAY
        interval = plan.visit_interval_days
        v = plan.start_date
        first = True
        out = self.records["carefirst_cp_visits"]
        while True:
            if first and repeat_in_extract:
                gap = 0  # a returning child is seen on the day of the conference
            elif rng.random() < P.P_CP_VISIT_LATE(v):
                gap = interval + 1 + int(rng.expovariate(1 / 5.0))
            else:
                gap = rng.randint(max(1, interval - 4), interval)
            first = False
            v = v + dt.timedelta(days=gap)
            if v >= stop or v > self.E:
                break
            seen = rng.random() < 0.97
            key = "under_4" if age_in_years(dob, v) < 4 else "4_plus"
            p_alone = P.P_SEEN_ALONE_CP[key] + (
                P.P_SEEN_ALONE_CP_SHIFT(v) if key == "4_plus" else 0
            )
            alone = seen and rng.random() < p_alone
            out.append(
                CPVisit(
                    visit_id=self.next_id("CPV", 7),
                    cp_plan_id=plan.cp_plan_id,
                    child_id=cs.rec.child_id,
                    visit_date=v,
                    is_child_seen=self.yn(seen),
                    is_child_seen_alone=self.yn(alone),
                )
            )

    # ------------------------------------------------------------------ looked after children
    def carer(self, kind: str) -> tuple[str, str]:
        rng = self.rng
        s = max(self.scale, 0.05)
        if kind == "inhouse":
            cid = f"IHF{rng.randint(1, max(5, int(260 * s))):04d}"
        elif kind == "agency":
            cid = f"IFA{rng.randint(1, max(5, int(900 * s))):04d}"
        elif kind == "resi":
            cid = f"RES{rng.randint(1, max(3, int(45 * s))):03d}"
        elif kind == "semi":
            cid = f"SIL{rng.randint(1, max(3, int(30 * s))):03d}"
        elif kind == "adopters":
            cid = self.next_id("ADP", 5)
        else:
            raise ValueError(kind)
        pc = self._carer_postcodes.get(cid)
        if pc is None:
            local = kind in ("inhouse", "adopters") or rng.random() < (
                0.55 if kind == "agency" else 0.5
            )
            district = rng.choice(P.WV_DISTRICTS if local else P.OUT_OF_AREA_DISTRICTS)
            pc = f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            self._carer_postcodes[cid] = pc
        return cid, pc

    def choose_placement(
        self, age: int, d: dt.date, track: str
    ) -> tuple[str, str | None, str | None]:
        rng = self.rng
        if age >= 16 and (track == "uasc" or rng.random() < 0.25):
            return "H5", rng.choice(["PR4", "PR4", "PR5"]), self.carer("semi")[0]
        p_resi = 0.0 if age < 10 else (0.10 if age < 13 else 0.18)
        if rng.random() < p_resi:
            if rng.random() < 0.06:
                return "R1", "PR4", self.carer("resi")[0]
            return "K2", "PR1" if rng.random() < 0.3 else "PR4", self.carer("resi")[0]
        if rng.random() < P.P_IN_HOUSE_FOSTER(d):
            place = (
                rng.choice(["U1", "U3"]) if rng.random() < 0.2 else rng.choice(["U4", "U6", "U6"])
            )
            return place, "PR1", self.carer("inhouse")[0]
        return (
            rng.choice(["U4", "U6", "U6"]),
            "PR4" if rng.random() < 0.75 else "PR5",
            self.carer("agency")[0],
        )

    def days_to_adoptive_placement(self, start: dt.date) -> int:
        """The days from the start of care to the adoptive placement: lognormal, its median by
        the date of the placement (placements made longer ago were slower; the date found by a
        few fixed-point steps), at the quantile the start's day number gives in the golden-ratio
        (Weyl) sequence: each year's adoptions spread evenly over the distribution (a few dozen
        independent draws from a long-tailed distribution would swing the yearly means too
        much), and one child's quantile depends on no other journey."""
        u = (start.toordinal() * 0.6180339887498949) % 1.0
        u = min(max(u, 1e-6), 1 - 1e-6)
        spread = math.exp(P.ADOPT_DAYS_SIGMA * NormalDist().inv_cdf(u))
        days = P.ADOPT_DAYS_TO_PLACEMENT_MEDIAN(start) * spread
        for _ in range(6):
            days = min(max(days, P.ADOPT_DAYS_MIN), P.ADOPT_DAYS_MAX)
            placed = start + dt.timedelta(days=int(days))
            days = 0.5 * days + 0.5 * P.ADOPT_DAYS_TO_PLACEMENT_MEDIAN(placed) * spread
        return int(min(max(days, P.ADOPT_DAYS_MIN), P.ADOPT_DAYS_MAX))

    def plan_period(self, dob: dt.date, start: dt.date, uasc: bool) -> PeriodPlan:
        """Plan a period of care from its start (no records yet): legal statuses, placements,
        moves, the way it ends."""
        rng = self.rng
        age0 = age_in_years(dob, start)
        b18 = birthday(dob, 18)
        if uasc:
            track = "uasc"
        elif age0 < 5:
            track = Weighted(
                [
                    ("short", 0.25),
                    ("adopt", 0.36 if age0 < 3 else 0.15),
                    ("sgo", 0.2),
                    ("longterm", 0.2),
                ]
            ).pick(rng)
        elif age0 < 10:
            track = Weighted([("short", 0.35), ("sgo", 0.18), ("longterm", 0.47)]).pick(rng)
        else:
            track = Weighted([("short", 0.5), ("longterm", 0.5)]).pick(rng)
        # legal status path: (date, new legal status)
        legal: list[tuple[dt.date, str]] = []
        events: list[tuple[dt.date, int, str, object]] = []  # (date, order, kind, payload)
        if track in ("short", "uasc"):
            ls0 = "V2"
        elif track == "longterm" and age0 >= 10:
            ls0 = "C1" if rng.random() < 0.45 else "V2"
        else:
            ls0 = "C1" if rng.random() < 0.82 else "V2"
        first_ls = ls0
        if ls0 == "C1" and rng.random() < 0.04:
            first_ls = rng.choice(["L1", "L2"])
            legal.append((start + dt.timedelta(days=rng.randint(1, 8)), "C1"))
        c1_date = start if ls0 == "C1" else None
        if (
            ls0 == "V2"
            and track in ("adopt", "sgo", "longterm")
            and rng.random() < (0.6 if track != "longterm" else 0.3)
        ):
            c1_date = start + dt.timedelta(days=rng.randint(20, 200))
            legal.append((c1_date, "C1"))
        c2_date = None
        fc_from: dt.date | None = None  # moved in with the foster carers who adopt
        if c1_date is not None and rng.random() < 0.92:
            c2_date = c1_date + dt.timedelta(days=rng.randint(140, 330))
            legal.append((c2_date, "C2"))
        exit_date, exit_reason = b18, None
        if track == "short":
            exit_date = start + dt.timedelta(days=1 + int(rng.lognormvariate(math.log(70), 0.85)))
            exit_reason = Weighted([("E4A", 0.55), ("E4B", 0.1), ("E13", 0.2), ("E8", 0.15)]).pick(
                rng
            )
        elif track == "adopt":
            # the placement order (E1) comes before the adoptive placement (the days between
            # them are the time to a match and the move); care orders after it are not made
            days = self.days_to_adoptive_placement(start)
            placed = start + dt.timedelta(days=days)
            gap = min(rng.randint(*P.ADOPT_ORDER_TO_PLACEMENT_DAYS(placed)), max(1, days - 20))
            e1 = placed - dt.timedelta(days=gap)
            legal = [(dte, ls) for dte, ls in legal if dte < e1]
            legal.append((e1, "E1"))
            if rng.random() < 0.9:
                if rng.random() < P.P_FOSTER_CARER_ADOPTION(placed):
                    # adopted by their foster carers: placed with them at a uniform share of
                    # the time to the adoptive placement (up to P.ADOPT_FC_MOVED_IN_SHARE), and
                    # not moved again before it
                    moved_in = int(days * P.ADOPT_FC_MOVED_IN_SHARE * rng.random())
                    fc_from = start + dt.timedelta(days=min(moved_in, max(0, days - 30)))
                events.append((placed, 1, "adoptive_placement", fc_from is not None))
                exit_date = placed + dt.timedelta(
                    days=rng.randint(*P.ADOPT_PLACEMENT_TO_ORDER_DAYS(placed))
                )
                exit_reason = "E11" if rng.random() < 0.6 else "E12"
            else:
                # no adoptive placement: the placement order is revoked, the care order stays
                legal.append((e1 + dt.timedelta(days=rng.randint(300, 700)), "C2"))
                track = "longterm"
        elif track == "sgo":
            exit_date = start + dt.timedelta(days=rng.randint(240, 1100))
            # both draws made whatever the first decides (a tuned share moves no later draw)
            order_draw, carer_draw = rng.random(), rng.random()
            if order_draw < P.P_SGO_OF_PERMANENCE_ORDERS(exit_date):
                exit_reason = "E45" if carer_draw < 0.47 else "E47"
            else:
                exit_reason = "E41"
        if exit_date >= b18:
            exit_date, exit_reason = b18, None
        if exit_reason is None:
            exit_reason = (
                Weighted([("E5", 0.3), ("E6", 0.2), ("E8", 0.3), ("E13", 0.1), ("E4A", 0.1)]).pick(
                    rng
                )
                if track != "uasc"
                else Weighted([("E5", 0.4), ("E6", 0.3), ("E8", 0.3)]).pick(rng)
            )
        for dte, ls in legal:
            if dte < exit_date:
                events.append((dte, 0, "legal", ls))
        if fc_from is not None and fc_from > start:
            events.append((fc_from, 2, "to_adopting_carers", None))
        events.sort(key=lambda e: (e[0], e[1]))

        place, prov, carer = self.choose_placement(age0, start, track)
        plan = PeriodPlan()
        seg = Segment(start=start, rne="S", ls=first_ls, place=place, provider=prov, carer=carer)
        plan.segments.append(seg)
        placement_start = start
        horizon = self.E

        def new_segment(date, rne, **changes):
            nonlocal seg
            new = Segment(
                start=date,
                rne=rne,
                ls=changes.get("ls", seg.ls),
                place=changes.get("place", seg.place),
                provider=changes.get("provider", seg.provider),
                carer=changes.get("carer", seg.carer),
            )
            if rne in ("P", "B", "T", "U"):
                seg.change_reason = changes.get("reason") or PLACE_CHANGE_REASON.pick(rng)
            plan.segments.append(new)
            seg = new

        t = start
        ei = 0
        ended = False
        # each month of the period draws from a stream of its own (keyed by the child's birth,
        # the period's start and the month): a tuned hazard that moves a child in one month
        # changes what follows from the move, not the random numbers of the months after it
        journey_rng = self.rng
        while not ended and t < exit_date and t <= horizon:
            rng = self.rng = self.stream("care-month", dob, start, t)
            t_next = t + dt.timedelta(days=30)
            cands: list[tuple[dt.date, int, str, object]] = []
            while ei < len(events) and events[ei][0] < t_next:
                cands.append(events[ei])
                ei += 1
            age = age_in_years(dob, t)
            p_age = (t - placement_start).days
            if fc_from is not None and t_next > fc_from:
                h_move = 0.0  # with the carers who will adopt
            elif seg.place.startswith("A") or seg.place == "P1":
                h_move = 0.0 if seg.place.startswith("A") else 0.008
            else:
                h_move = next(h for lim, h in P.MOVE_HAZARD_BY_AGE if p_age < lim)
                h_move *= P.MOVE_CALENDAR(t) * (1.3 if seg.place in ("K2", "R1") else 1.0)
            if rng.random() < h_move:
                cands.append((t + dt.timedelta(days=rng.randint(0, 29)), 2, "move", None))
            if seg.place == "P1":
                if rng.random() < P.H_P1_DISCHARGE(t):
                    cands.append((t + dt.timedelta(days=rng.randint(0, 29)), 3, "exit", "E4A"))
            elif (
                track in ("longterm", "sgo")
                and seg.ls in ("C1", "C2")
                and age < 16
                and rng.random() < P.H_TO_PLACED_WITH_PARENTS(t)
            ):
                cands.append((t + dt.timedelta(days=rng.randint(0, 29)), 2, "to_parents", None))
            if track == "longterm" and seg.place != "P1" and rng.random() < P.H_LONGTERM_HOME(t):
                cands.append(
                    (
                        t + dt.timedelta(days=rng.randint(0, 29)),
                        3,
                        "exit",
                        Weighted([("E4A", 0.5), ("E13", 0.25), ("E8", 0.25)]).pick(rng),
                    )
                )
            if (
                age >= 16
                and track in ("longterm", "uasc")
                and seg.place not in ("H5", "P1")
                and rng.random() < 0.03
            ):
                cands.append((t + dt.timedelta(days=rng.randint(0, 29)), 2, "to_semi", None))
            cands.sort(key=lambda e: (e[0], e[1]))
            for date, _, kind, payload in cands:
                if date >= exit_date or date > horizon:
                    continue
                if date <= seg.start:
                    date = seg.start + DAY
                    if date >= exit_date or date > horizon:
                        continue
                if kind == "legal":
                    if payload == seg.ls:
                        continue
                    if (
                        payload == "C1"
                        and seg.ls == "V2"
                        and rng.random() < 0.3
                        and not seg.place.startswith("A")
                        and fc_from is None
                    ):
                        place, prov, carer = self.choose_placement(
                            age_in_years(dob, date), date, track
                        )
                        new_segment(date, "B", ls="C1", place=place, provider=prov, carer=carer)
                        placement_start = date
                    else:
                        new_segment(date, "L", ls=payload)
                elif kind == "adoptive_placement":
                    same = payload and seg.place.startswith("U")
                    if same:
                        new_segment(date, "T", place="A5", reason="CARPL")
                    else:
                        cid = self.carer("adopters")[0]
                        new_segment(
                            date,
                            "P",
                            place="A6",
                            provider="PR1" if rng.random() < 0.7 else "PR5",
                            carer=cid,
                            reason="CARPL",
                        )
                        placement_start = date
                elif kind == "to_adopting_carers":
                    cid = self.carer("inhouse")[0]
                    new_segment(
                        date, "P", place=rng.choice(["U4", "U6"]), provider="PR1", carer=cid
                    )
                    placement_start = date
                elif kind == "move":
                    if seg.place.startswith("A") or (fc_from is not None and date >= fc_from):
                        continue
                    place, prov, carer = self.choose_placement(age_in_years(dob, date), date, track)
                    if seg.place == "P1" or place == "H5" and age < 16:
                        place, prov, carer = self.choose_placement(
                            min(15, age_in_years(dob, date)), date, "longterm"
                        )
                    new_segment(date, "P", place=place, provider=prov, carer=carer)
                    placement_start = date
                elif kind == "to_parents":
                    if seg.place == "P1" or seg.place.startswith("A"):
                        continue
                    new_segment(
                        date, "P", place="P1", provider="PR0", carer="PARENTS", reason="CARPL"
                    )
                    placement_start = date
                elif kind == "to_semi":
                    if seg.place in ("H5", "P1") or seg.place.startswith("A"):
                        continue
                    new_segment(
                        date,
                        "P",
                        place="H5",
                        provider=rng.choice(["PR4", "PR4", "PR5"]),
                        carer=self.carer("semi")[0],
                        reason="CARPL",
                    )
                    placement_start = date
                elif kind == "exit":
                    exit_date, exit_reason = date, payload
                    ended = True
                    break
            t = t_next
        rng = self.rng = journey_rng
        plan.end = exit_date
        plan.reason = exit_reason
        return plan

    def enter_care(
        self, cs: ChildState, ref: Referral, start: dt.date, uasc: bool
    ) -> dt.date | None:
        """A period of care for a child with an open referral; the referral closes after it."""
        if start > self.E:
            return None
        plan = self.plan_period(cs.rec.date_of_birth, start, uasc)
        end, reason = self.commit_period(cs, plan, uasc)
        if end is None:
            return None
        rng = self.rng
        if reason in ("E11", "E12"):
            return self.close_referral(cs, ref, end, "RC1")
        if reason == "E41":
            return self.close_referral(cs, ref, end, "RC3")
        if reason in ("E45", "E47"):
            return self.close_referral(cs, ref, end, "RC4")
        if end >= birthday(cs.rec.date_of_birth, 18):
            return self.close_referral(cs, ref, end, "RC6" if rng.random() < 0.1 else "RC7")
        return self.close_referral(cs, ref, self.hazard_end(end, P.H_CIN_CLOSE_AFTER_CP), "RC7")

    def commit_period(
        self, cs: ChildState, plan: PeriodPlan, uasc: bool
    ) -> tuple[dt.date | None, str | None]:
        """Write the planned period's episodes (up to the extraction date), reviews and visits."""
        rng, E = self.rng, self.E
        need = "N8" if uasc else LAC_NEED.pick(rng)
        segs = [s for s in plan.segments if s.start <= E]
        end = plan.end if plan.end is not None and plan.end <= E else None
        out = self.records["carefirst_lac_episodes"]
        for i, s in enumerate(segs):
            last = i == len(segs) - 1
            if last:
                ep_end, rec, change = end, (plan.reason if end is not None else None), None
            else:
                ep_end, rec, change = segs[i + 1].start, "X1", s.change_reason
            if s.place == "P1":
                ppc = cs.home_postcode
            elif s.carer in self._carer_postcodes:
                ppc = self._carer_postcodes[s.carer]
            else:
                ppc = None
            out.append(
                Episode(
                    episode_id=self.next_id("EP", 6),
                    child_id=cs.rec.child_id,
                    start_date=s.start,
                    reason_new_episode=s.rne,
                    legal_status=s.ls,
                    category_of_need=need,
                    placement_type=s.place,
                    placement_provider=s.provider,
                    carer_id=s.carer,
                    end_date=ep_end,
                    reason_ceased=rec,
                    reason_placement_changed=change,
                    home_postcode=cs.home_postcode,
                    placement_postcode=ppc,
                )
            )
        start = segs[0].start
        self.lac_reviews(cs, start, end)
        placements = [s.start for s in segs if s.rne in ("S", "P", "B")]
        self.lac_visits(cs, placements, end)
        return end, plan.reason if end is not None else None

    def lac_reviews(self, cs: ChildState, start: dt.date, end: dt.date | None) -> None:
        rng, wd, E = self.rng, self.wd, self.E
        dob = cs.rec.date_of_birth
        out = self.records["carefirst_lac_reviews"]
        prev = None
        k = 1
        while True:
            due = wd.add(start, 20) if k == 1 else add_months(prev, 3 if k == 2 else 6)
            if rng.random() < P.P_REVIEW_LATE(due):
                held = wd.next_working_day(due + dt.timedelta(days=rng.randint(1, 35)))
            else:
                held = due - dt.timedelta(days=rng.randint(0, 8 if k == 1 else 21))
                held = wd.previous_working_day(held)
                floor = (prev or start) + dt.timedelta(days=14 if prev else 1)
                if held < floor:
                    held = floor
            if (end is not None and held >= end) or held > E:
                break
            if age_in_years(dob, held) < 4:
                code = "PN0"
            elif rng.random() < P.P_REVIEW_CODE_MISSING:
                code = None
            elif rng.random() < P.P_REVIEW_PARTICIPATION(held):
                # PN4 (attends without conveying views) is rare: the document's two readings
                # of participation, with and without PN4, differ by at most a point
                code = Weighted(
                    [
                        ("PN1", 0.55),
                        ("PN2", 0.05),
                        ("PN3", 0.08),
                        ("PN4", 0.004),
                        ("PN5", 0.1),
                        ("PN6", 0.15),
                    ]
                ).pick(rng)
            else:
                code = "PN7"
            out.append(
                LACReview(
                    review_id=self.next_id("REV", 6),
                    child_id=cs.rec.child_id,
                    review_date=held,
                    participation_code=code,
                )
            )
            prev = held
            k += 1

    def lac_visits(
        self, cs: ChildState, placement_starts: list[dt.date], end: dt.date | None
    ) -> None:
        rng, E = self.rng, self.E
        dob = cs.rec.date_of_birth
        out = self.records["carefirst_lac_visits"]
        stop_all = end if end is not None else E + DAY
        for i, ps in enumerate(placement_starts):
            pe = placement_starts[i + 1] if i + 1 < len(placement_starts) else stop_all
            late = rng.random() < P.P_LAC_VISIT_LATE(ps) * 0.5
            v = ps + dt.timedelta(days=rng.randint(8, 21) if late else rng.randint(1, 7))
            while v < pe and v <= E:
                if (v - ps).days == 365:  # keep clear of the first-year boundary
                    v += DAY
                    if v >= pe or v > E:
                        break
                seen = rng.random() < 0.97
                alone = seen and age_in_years(dob, v) >= 5 and rng.random() < 0.7
                out.append(
                    LACVisit(
                        visit_id=self.next_id("LAV", 7),
                        child_id=cs.rec.child_id,
                        visit_date=v,
                        is_child_seen=self.yn(seen),
                        is_child_seen_alone=self.yn(alone),
                    )
                )
                limit = 42 if (v - ps).days + 42 < 365 else 91
                if rng.random() < P.P_LAC_VISIT_LATE(v):
                    gap = limit + 1 + int(rng.expovariate(1 / 12.0))
                else:
                    gap = rng.randint(max(14, limit - 20), limit)
                v = v + dt.timedelta(days=gap)

    def initial_lac_cohort(self) -> None:
        """Children already looked after on 1 April 2008, with their periods from the start:
        each candidate drawn in a journey stream of its own."""
        target = int(round(P.INITIAL_LAC * self.scale))
        accepted = [0]

        def candidate() -> None:
            accepted[0] += self.initial_lac_child()

        while accepted[0] < target:
            self._journey_stream("initial-lac", candidate)

    def initial_lac_child(self) -> int:
        """One candidate child of the initial cohort: 1 if looked after at the history's start
        (and recorded), else 0."""
        rng = self.rng
        h = P.HISTORY_START
        start = h - dt.timedelta(days=rng.randint(1, 10 * 365))
        entry_age = LAC_ENTRY_AGE.pick(rng)
        dob = start - dt.timedelta(days=int(entry_age * 365.25) + rng.randint(0, 364))
        if age_in_years(dob, h) >= 18:
            return 0
        uasc = entry_age >= 14 and rng.random() < 0.08
        plan = self.plan_period(dob, start, uasc)
        if plan.end is not None and plan.end <= h:
            return 0
        cs = self.new_child(start, dob=dob, uasc=uasc)
        ref = self.new_referral(
            cs,
            max(dob, start - dt.timedelta(days=rng.randint(0, 40))),
            need="N8" if uasc else None,
        )
        end, reason = self.commit_period(cs, plan, uasc)
        free = None
        if end is not None:
            rc = {"E11": "RC1", "E12": "RC1", "E41": "RC3", "E45": "RC4", "E47": "RC4"}.get(
                reason, "RC7"
            )
            if rc == "RC7" and end < birthday(dob, 18):
                free = self.close_referral(
                    cs, ref, self.hazard_end(end, P.H_CIN_CLOSE_AFTER_CP), rc
                )
            else:
                free = self.close_referral(cs, ref, end, rc)
        self.release(cs, free)
        return 1

    # ------------------------------------------------------------------ other processes
    def systematic_counts(self, rate, start: dt.date):
        """Monthly arrival counts of a small process: the expected counts accumulated, with one
        random offset (counts stay within one of the expectation; a Poisson draw would swing a
        handful of cases too much)."""
        acc = self.rng.random()
        d = dt.date(start.year, start.month, 1)
        while d <= self.E:
            acc += rate(d) * self.scale
            n = int(acc)
            acc -= n
            yield d, n
            d = add_months(d, 1)

    def private_fostering(self) -> None:
        rng = self.rng
        for d, n in self.systematic_counts(P.PRIVATE_FOSTERING_PER_MONTH, P.HISTORY_START):
            days = (add_months(d, 1) - d).days
            for _ in range(n):
                notified = d + dt.timedelta(days=rng.randint(0, days - 1))
                if notified > self.E:
                    continue
                cs = self.new_child(notified, age=rng.randint(8, 16))
                end = notified + dt.timedelta(days=rng.randint(45, 360))
                self.records["carefirst_private_fostering"].append(
                    PrivateFostering(
                        arrangement_id=self.next_id("PF", 4),
                        child_id=cs.rec.child_id,
                        notification_date=notified,
                        end_date=end if end <= self.E else None,
                    )
                )

    def foster_households(self) -> None:
        rng, E = self.rng, self.E
        out = self.records["carefirst_foster_households"]

        def cap(x):
            return x if x is not None and x <= E else None

        for d, n in self.systematic_counts(P.FOSTER_ENQUIRIES_PER_MONTH, P.HISTORY_START):
            days = (add_months(d, 1) - d).days
            for _ in range(n):
                enquiry = self.wd.next_working_day(d + dt.timedelta(days=rng.randint(0, days - 1)))
                if enquiry > E:
                    continue
                s1 = s2 = approval = withdrawn = dereg = None
                if rng.random() < 0.33:
                    withdrawn = enquiry + dt.timedelta(days=rng.randint(10, 80))
                else:
                    s1 = enquiry + dt.timedelta(days=rng.randint(14, 50))
                    if rng.random() < 0.2:
                        withdrawn = s1 + dt.timedelta(days=rng.randint(14, 90))
                    else:
                        s2 = s1 + dt.timedelta(days=rng.randint(35, 80))
                        if rng.random() < 0.1:
                            withdrawn = s2 + dt.timedelta(days=rng.randint(20, 120))
                        else:
                            days_to = int(rng.gauss(P.FOSTER_DAYS_TO_APPROVE(enquiry), 30))
                            approval = max(
                                s2 + dt.timedelta(days=60), enquiry + dt.timedelta(days=days_to)
                            )
                            dereg = self.hazard_end(approval, 0.012)
                out.append(
                    FosterHousehold(
                        household_id=self.next_id("FH", 4),
                        enquiry_date=enquiry,
                        stage_one_start_date=cap(s1),
                        stage_two_start_date=cap(s2),
                        approval_date=cap(approval),
                        deregistered_date=cap(dereg),
                        withdrawn_date=cap(withdrawn),
                    )
                )


def generate(seed: int, scale: float, extraction_date: dt.date, la_code: str) -> dict[str, list]:
    return Simulator(seed, scale, extraction_date, la_code).run()


# the later sections' processes (their modules import nothing from this one)
from .care_leavers import care_leavers  # noqa: E402

SECTION_PROCESSES.append(("care-leavers", care_leavers))


def _adoption(part: str) -> Callable[[Simulator], None]:
    def process(sim: Simulator) -> None:
        from . import adoption  # imported here: adoption.py needs nothing of this module

        getattr(adoption, part)(sim)

    return process


SECTION_PROCESSES.extend(
    [
        ("adoption-permanence", _adoption("permanence")),
        ("adoption-legal-orders", _adoption("legal_orders")),
        ("adoption-adopter-households", _adoption("adopter_households")),
    ]
)


def _worker_allocations(sim: Simulator) -> None:
    from .workforce import worker_allocations

    worker_allocations(sim)


def _conference_invitations(sim: Simulator) -> None:
    from .participation import conference_invitations

    conference_invitations(sim)


SECTION_PROCESSES.append(("worker-allocations", _worker_allocations))
SECTION_PROCESSES.append(("conference-invitations", _conference_invitations))


def _early_help(sim: Simulator) -> None:
    from .early_help import early_help

    early_help(sim)


def _disability(sim: Simulator) -> None:
    from .disability import disability

    disability(sim)


SECTION_PROCESSES.append(("early-help", _early_help))
SECTION_PROCESSES.append(("disability", _disability))


def _education(sim: Simulator) -> None:
    from .education import education

    education(sim)


SECTION_PROCESSES.append(("education", _education))


def _missing_cse(sim: Simulator) -> None:
    from .missing_cse import missing_cse

    missing_cse(sim)


def _marac(sim: Simulator) -> None:
    from .marac import marac

    marac(sim)


def _youth_offending(sim: Simulator) -> None:
    from .youth_offending import youth_offending

    youth_offending(sim)


# issue 12: CSE & missing, domestic violence (MARAC), FGM, youth offending
SECTION_PROCESSES.append(("missing-cse", _missing_cse))
SECTION_PROCESSES.append(("marac", _marac))
SECTION_PROCESSES.append(("youth-offending", _youth_offending))
