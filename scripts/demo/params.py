"""Calibration of the demo authority.

Every knob the generator turns is here. Year-varying knobs are step curves: a list of
(first month, value) knots; the value holds from that month until the next knot. They were tuned
(by running `generate_demo.py --summary`) so that the measures of docs/design.md land near the
figures of the September 2016 performance framework; they are probabilities and rates, not
outputs: the ground truth is always recomputed from the generated records.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

V = TypeVar("V")


class Curve(Generic[V]):
    """A step function of the calendar month (its values a rate, a share or a range of days)."""

    def __init__(self, knots: list[tuple[str, V]]):
        self.knots = sorted((int(k[:4]) * 12 + int(k[5:7]) - 1, v) for k, v in knots)
        self._cache: dict[int, V] = {}

    def __call__(self, d: dt.date) -> V:
        m = d.year * 12 + d.month - 1
        v = self._cache.get(m)
        if v is None:
            v = self.knots[0][1]
            for km, kv in self.knots:
                if km <= m:
                    v = kv
                else:
                    break
            self._cache[m] = v
        return v


HISTORY_START = dt.date(2008, 4, 1)

# ---------------------------------------------------------------- referrals and assessments
# referrals a month at scale 1 (weekends get a quarter of a weekday's share)
REFERRALS_PER_MONTH = Curve(
    [
        ("2008-04", 282),
        ("2013-04", 302),
        ("2014-04", 303),
        ("2015-04", 300),
        ("2015-08", 352),
        ("2016-04", 426),
    ]
)
# share of referrals that are unaccompanied asylum-seeking children arriving (straight into care)
P_UASC = Curve([("2008-04", 0.0035), ("2015-04", 0.005)])
# share of referrals that are children moving in on a child protection plan (transfer-in conference)
P_TRANSFER_IN = Curve([("2008-04", 0.003)])
# share of referrals that are disabled children starting a series of short breaks (V3/V4)
P_SHORT_BREAKS = 0.0008
P_NFA = Curve([("2008-04", 0.08)])
# re-referral: share of referrals that concern a child known before (closed referral, under 17)
P_REREFERRAL = Curve([("2008-04", 0.30)])

# single assessments: share authorised within 45 working days, by start month
P_ASSESSMENT_45WD = Curve(
    [
        ("2008-04", 0.80),
        ("2013-04", 0.84),
        ("2014-04", 0.65),
        ("2015-01", 0.33),
        ("2015-06", 0.92),
        ("2016-04", 0.91),
    ]
)
P_CHILD_SEEN_ASSESSMENT = Curve([("2008-04", 0.72)])
P_SEEN_ALONE_IF_SEEN_5PLUS = 0.62

# after the assessment (no s47 plan, no care): share closed at assessment; else a CIN plan whose
# monthly hazard of closing is H_CIN_CLOSE
P_CLOSE_AT_ASSESSMENT = Curve(
    [
        ("2008-04", 0.55),
        ("2013-04", 0.55),
        ("2014-04", 0.45),
        ("2015-04", 0.58),
        ("2016-04", 0.68),
    ]
)
H_CIN_CLOSE = Curve(
    [
        ("2008-04", 0.117),
        ("2013-04", 0.126),
        ("2014-04", 0.086),
        ("2015-04", 0.135),
        ("2016-04", 0.35),
    ]
)
H_CIN_CLOSE_AFTER_CP = 0.20  # monthly, stepping down after a CP plan ends

# ---------------------------------------------------------------- section 47 and conferences
# P(s47 | referral not NFA), by referral month
P_S47 = Curve(
    [
        ("2008-04", 0.22),
        ("2013-04", 0.245),
        ("2014-04", 0.295),
        ("2015-04", 0.30),
        ("2015-08", 0.30),
        ("2016-04", 0.38),
    ]
)
# P(ICPC required | s47), by strategy discussion month
P_ICPC = Curve(
    [
        ("2008-04", 0.52),
        ("2013-04", 0.6),
        ("2014-04", 0.50),
        ("2015-04", 0.36),
        ("2015-08", 0.31),
        ("2016-04", 0.22),
    ]
)
# extra weight on s47 / ICPC for a child who had a plan before
HISTORY_S47_FACTOR = 1.5
HISTORY_ICPC_FACTOR = 1.4
# share of ICPCs held within 15 working days of the strategy discussion, by strategy month
P_ICPC_TIMELY = Curve(
    [
        ("2008-04", 0.88),
        ("2013-04", 0.905),
        ("2014-04", 0.982),
        ("2015-04", 0.982),
        ("2016-03", 0.76),
    ]
)
# of the ICPCs not on time, the share whose s47 was not recorded (no link) / had no strategy date
P_LATE_NO_S47 = 0.25
P_LATE_NO_STRATEGY_DATE = 0.10
P_PLAN_MADE = Curve([("2008-04", 0.82), ("2015-04", 0.83), ("2016-04", 0.90)])

# ---------------------------------------------------------------- child protection plans
# P(the plan ends at its k-th review conference), by conference month; k = 1 is the first review
# (3 months), then every 6 months
P_PLAN_END_AT_REVIEW = {
    1: Curve([("2008-04", 0.30), ("2014-04", 0.30), ("2015-04", 0.66), ("2016-04", 0.10)]),
    2: Curve([("2008-04", 0.58), ("2014-04", 0.55), ("2015-04", 0.85), ("2016-04", 0.25)]),
    3: Curve([("2008-04", 0.65), ("2014-04", 0.60), ("2015-04", 0.35), ("2016-04", 0.55)]),
    4: Curve([("2008-04", 1.00), ("2015-01", 0.05), ("2016-04", 0.70)]),
}
P_PLAN_END_LATER_REVIEWS = Curve([("2008-04", 0.75), ("2015-04", 0.4), ("2016-04", 0.80)])
# monthly hazards while on a plan: becoming looked after (ends the plan), moving away
H_CP_TO_LAC = Curve([("2008-04", 0.025), ("2014-04", 0.022), ("2015-04", 0.016)])
H_CP_MOVE_AWAY = 0.004
# plans' visiting interval
VISIT_INTERVALS = [(10, 0.7), (14, 0.3)]
# share of CP visits late, by visit month
P_CP_VISIT_LATE = Curve(
    [
        ("2008-04", 0.10),
        ("2013-04", 0.085),
        ("2014-04", 0.19),
        ("2015-04", 0.26),
        ("2015-08", 0.105),
        ("2016-04", 0.07),
    ]
)
# plans where the child has a history of plans before the extract (previous_plan_count > 0),
# by the start month of the child's first plan in the extract
P_PREVIOUS_PLANS = Curve(
    [
        ("2008-04", 0.18),
        ("2010-04", 0.10),
        ("2013-04", 0.09),
        ("2014-04", 0.085),
        ("2015-04", 0.12),
        ("2016-02", 0.30),
        ("2016-04", 0.38),
    ]
)
P_SEEN_ALONE_CP = {"under_4": 0.04, "4_plus": 0.74}
P_SEEN_ALONE_CP_SHIFT = Curve([("2008-04", 0.0), ("2016-04", -0.06)])

# ---------------------------------------------------------------- looked after children
# P(a referral not NFA leads to care without a plan first) (multiplied by an age factor)
P_LAC_FROM_REFERRAL = Curve(
    [
        ("2008-04", 0.088),
        ("2012-04", 0.088),
        ("2013-04", 0.080),
        ("2014-04", 0.082),
        ("2015-04", 0.045),
        ("2016-04", 0.04),
    ]
)
LAC_AGE_FACTOR = {0: 2.4, 1: 1.0, 5: 0.75, 10: 1.15, 16: 0.5}
# children in care at 1 April 2008 (scale 1)
INITIAL_LAC = 620
# adoption (the "adopt" track of a period of care): the days from the start of care to the
# adoptive placement are lognormal, with this median by the date of the placement (placements
# made longer ago were slower: the adoption scorecard's A1 falls from 873 days for 2011-14 to
# 630 for 2013-16) and this spread (a long tail: only 38-54% are placed within 14 months)
ADOPT_DAYS_TO_PLACEMENT_MEDIAN = Curve(
    [
        ("2008-04", 760),
        ("2011-04", 760),
        ("2012-04", 600),
        ("2013-04", 400),
        ("2014-04", 330),
        ("2015-04", 300),
        ("2016-01", 220),
    ]
)
ADOPT_DAYS_SIGMA = 1.05
ADOPT_DAYS_MIN, ADOPT_DAYS_MAX = 45, 6 * 365
# days from the placement order (legal status E1) to the adoptive placement (at most the days
# since the start of care, less 20), by the date of the placement: sooner from April 2015 (the
# children placed in 2015/16 had their orders later, so only 60 were waiting at March 2015
# against 105 a year before)
ADOPT_ORDER_TO_PLACEMENT_DAYS = Curve([("2008-04", (120, 560)), ("2015-04", (120, 300))])
# days from the adoptive placement to the adoption order (the period's end), by the date of
# the placement (the courts' delays of 2016: more children placed and not yet adopted at July)
ADOPT_PLACEMENT_TO_ORDER_DAYS = Curve([("2008-04", (120, 330)), ("2015-11", (240, 500))])
# share of adoptions by the child's foster carers (A5, the same carer: the scorecard's A10 stops
# the clock when the child moved in with them), by the date of the adoptive placement (A10's
# gap below A1 narrows from 351 days for the adoptions of 2011-14 to 153 for 2013-16: fewer
# adoptions by foster carers among the later placements)
P_FOSTER_CARER_ADOPTION = Curve(
    [
        ("2008-04", 0.5),
        ("2010-07", 0.65),
        ("2011-07", 0.55),
        ("2012-07", 0.4),
        ("2013-07", 0.2),
        ("2015-01", 0.3),
    ]
)
# a child adopted by their foster carers moved in with them at a uniform share of the days from
# the start of care to the adoptive placement, up to this share (A10 stops the clock there)
ADOPT_FC_MOVED_IN_SHARE = 0.7
# of the sgo track's permanence orders, the share that are special guardianship orders (E45,
# E47; the rest residence / child arrangements orders, E41), by the order's date
P_SGO_OF_PERMANENCE_ORDERS = Curve(
    [("2008-04", 0.75), ("2013-04", 0.47), ("2014-04", 0.42), ("2015-04", 0.54)]
)
# monthly hazard of a placement move, by the placement's age in days (then times a calendar
# factor and a placement-type factor)
MOVE_HAZARD_BY_AGE = [(90, 0.14), (365, 0.055), (730, 0.018), (100000, 0.004)]
MOVE_CALENDAR = Curve([("2008-04", 1.0), ("2014-04", 0.9), ("2015-04", 1.25), ("2016-04", 1.3)])
# share of new foster placements with in-house carers (PR1)
P_IN_HOUSE_FOSTER = Curve(
    [
        ("2008-04", 0.26),
        ("2013-04", 0.22),
        ("2014-04", 0.27),
        ("2015-04", 0.40),
        ("2016-04", 0.42),
    ]
)
# monthly hazard of a child on a care order moving home to parents (P1), and of a P1 placement's
# care order being discharged
H_TO_PLACED_WITH_PARENTS = Curve([("2008-04", 0.011), ("2015-04", 0.006), ("2016-04", 0.005)])
H_P1_DISCHARGE = Curve([("2008-04", 0.025), ("2015-04", 0.055), ("2016-04", 0.025)])
# monthly hazard of a long-term child going home (returned home, any other reason)
H_LONGTERM_HOME = Curve(
    [("2008-04", 0.007), ("2014-04", 0.008), ("2015-04", 0.015), ("2016-04", 0.03)]
)
# share of LAC reviews held late, by due month
P_REVIEW_LATE = Curve(
    [
        ("2008-04", 0.05),
        ("2013-04", 0.05),
        ("2014-04", 0.05),
        ("2015-04", 0.045),
        ("2016-04", 0.045),
    ]
)
# share of reviews (child aged 4+) where the child participated (PN1-PN6), by review month
P_REVIEW_PARTICIPATION = Curve(
    [
        ("2008-04", 0.95),
        ("2014-04", 0.98),
        ("2015-04", 0.93),
        ("2016-04", 0.93),
    ]
)
P_REVIEW_CODE_MISSING = 0.005
# share of LAC visits late, by visit month
P_LAC_VISIT_LATE = Curve(
    [
        ("2008-04", 0.35),
        ("2013-04", 0.38),
        ("2014-04", 0.40),
        ("2015-04", 0.55),
        ("2015-08", 0.34),
        ("2016-04", 0.30),
    ]
)

# ---------------------------------------------------------------- fostering households, private fostering
FOSTER_ENQUIRIES_PER_MONTH = Curve([("2008-04", 2.9), ("2015-04", 1.6), ("2015-12", 4.0)])
FOSTER_DAYS_TO_APPROVE = Curve([("2008-04", 265), ("2015-04", 248)])
PRIVATE_FOSTERING_PER_MONTH = Curve([("2008-04", 0.12), ("2016-04", 0.9)])

# ---------------------------------------------------------------- people
SEX = [("1", 0.505), ("2", 0.485), ("9", 0.01)]
ETHNICITY = [
    ("WBRI", 0.585),
    ("WIRI", 0.004),
    ("WOTH", 0.035),
    ("WROM", 0.004),
    ("MWBC", 0.075),
    ("MWBA", 0.008),
    ("MWAS", 0.012),
    ("MOTH", 0.02),
    ("AIND", 0.07),
    ("APKN", 0.02),
    ("ABAN", 0.005),
    ("AOTH", 0.02),
    ("BCRB", 0.04),
    ("BAFR", 0.03),
    ("BOTH", 0.01),
    ("CHNE", 0.002),
    ("OOTH", 0.02),
    ("REFU", 0.005),
    ("NOBT", 0.035),
]
# age at referral (years) -> weight
REFERRAL_AGE = [
    (0, 0.13),
    (1, 0.06),
    (2, 0.06),
    (3, 0.055),
    (4, 0.055),
    (5, 0.05),
    (6, 0.05),
    (7, 0.05),
    (8, 0.045),
    (9, 0.045),
    (10, 0.045),
    (11, 0.045),
    (12, 0.05),
    (13, 0.055),
    (14, 0.06),
    (15, 0.06),
    (16, 0.045),
    (17, 0.02),
]
REFERRAL_SOURCE = [
    ("1A", 0.02),
    ("1B", 0.03),
    ("1C", 0.02),
    ("1D", 0.02),
    ("2A", 0.16),
    ("2B", 0.02),
    ("3A", 0.04),
    ("3B", 0.03),
    ("3C", 0.02),
    ("3D", 0.02),
    ("3E", 0.02),
    ("3F", 0.01),
    ("4", 0.02),
    ("5A", 0.03),
    ("5B", 0.02),
    ("5C", 0.02),
    ("5D", 0.05),
    ("6", 0.28),
    ("7", 0.03),
    ("8", 0.06),
    ("9", 0.02),
    ("10", 0.03),
]
PRIMARY_NEED = [
    ("N1", 0.48),
    ("N2", 0.05),
    ("N3", 0.04),
    ("N4", 0.08),
    ("N5", 0.20),
    ("N6", 0.04),
    ("N7", 0.01),
    ("N8", 0.04),
    ("N9", 0.05),
    ("N0", 0.01),
]
CP_CATEGORY = [("NEG", 0.45), ("EMO", 0.36), ("PHY", 0.08), ("SAB", 0.05), ("MUL", 0.06)]
LAC_NEED = [
    ("N1", 0.62),
    ("N2", 0.03),
    ("N3", 0.03),
    ("N4", 0.09),
    ("N5", 0.13),
    ("N6", 0.02),
    ("N7", 0.01),
    ("N8", 0.07),
]
WV_DISTRICTS = ["WV1", "WV2", "WV3", "WV4", "WV6", "WV9", "WV10", "WV11", "WV13", "WV14"]
OUT_OF_AREA_DISTRICTS = ["B69", "DY1", "DY4", "WS2", "WS10", "ST16", "TF3", "B23", "WV5", "WV8"]
