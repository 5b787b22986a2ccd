"""The demo authority's education records (issue 11): schools and their Ofsted inspections, the
pupils' January census registrations and yearly attendance, exclusions, special personalised
learning plans and children missing education investigations.

Run last of simulate.py's SECTION_PROCESSES: it reads the CareFirst children, referrals, CP
plans and LAC episodes (and changes none of them) and writes `education_schools`,
`education_inspections`, `education_school_census`, `education_pupil_attendance`,
`education_exclusions`, `education_learning_plans` and `education_cme_investigations`. Every
draw comes from a stream of its own (Simulator.stream("education", ...)) keyed by years, birth
cohorts, snapshot dates, a school's place in the list and sequence numbers, never by an
identifier, so tuning one knob leaves the other records' draws as they were. School days are
those of seeds/reference/school_terms.csv (dates.SchoolDays); the January census is the third
Thursday of January (2013-01-17, 2014-01-16, 2015-01-15, 2016-01-21). Pupils' records cover the
academic years 2012/13 to 2015/16 (2015/16 to the extraction date: its terms end on 20 July, so
a full year, 193 school days; 2013/14 and 2014/15 have 194).

Schools (`education_schools`). SCHOOL_COUNTS maintained and independent schools at scale 1.0
(at least one state-funded school a phase): 10 nursery, 68 primary, 17 secondary, 5 special, 2
PRUs and an all-through school, and five independent ones (is_state_funded N: the measures
leave them out). Converter academies (CONVERSIONS, 15 from 2012 to 2016): the predecessor's
urn closes on day X and the academy's new urn (predecessor_urn = the old one) opens on X + 1,
its pupils moving with it; never on a snapshot (31 August 2014, 2015), and mid-year conversions
split that year's attendance rows. Three schools close (CLOSURES; their pupils move to another
school of the phase the next day) and three free schools open (OPENINGS). Names are invented
place names ("Ashford Primary School", "Ashford Primary Academy"); urns are six-digit strings,
104xxx for the schools of the first list, 138xxx for academies, 140xxx for free schools.

Inspections (`education_inspections`). Each urn's first section 5 inspection falls in the round
of 2005-2008 (an academy's 2-3.5 years after it opens if its predecessor was good or better,
1.25-2.25 years if not; a free school's after 1.4-2.4 years); then the next after an interval
by grade (INTERVAL_YEARS: outstanding 5-9 years, rarely reinspected; good 3-5; requires
improvement about 2; inadequate 1-2), the grade drawn from the last (TRANSITIONS, an improving
authority). From September 2015 a good school due for inspection gets a SHORT inspection
confirming its grade (overall_effectiveness 2), 15% converted into a full section 5 one.
Inspections fall on school days (before the terms seed, on working days out of August and the
Christmas break); reports are published 15-40 days later, a July inspection's in September
(every one after 12 July, a quarter of the others); one published after the extraction date has
no publication_date (three inspected in July 2016). The grades are tuned window by window:
after the inspections up to each snapshot are made, the grades of inspections published since
the last snapshot (and not superseded) move between requires improvement and good until the
share of counted schools good or outstanding (issue 11 definitions, measure 1: state-funded,
open at S, the latest own inspection published by S, a short one keeping the grade of the
section 5 before it) is GOOD_TARGETS' share; the later inspections are then planned from the
grades as tuned.

Pupils. Each academic birth cohort's roll (ages 2 to 17 on the 31 August before the year; 18 at
special schools only) is carried on from the year before: a few leave over the summer
(P_LEAVE_SUMMER) or on a school day of the year (P_LEAVE_MID); the pupils joining at the year's
start and in the autumn term are those the census target needs, and more arrive after the census
(RATE_JOIN_AFTER_CENSUS, most in 2015/16; a few registered in the summer holiday, with 0
possible sessions). The targets: the resident headcount of each census (HEADCOUNT) shared among
cohorts by size (COHORT_GROWTH) and stage (STAGE_SHARE: two-year-olds at nursery schools,
three-year-olds at nursery schools or primary nursery classes, reception to Year 11 all, the
sixth forms growing with the raised participation age, STAGE_SHARE_FROM), and non-resident
pupils (NON_RESIDENT, 3.4% of the roll) on top. A pupil keeps their school from year to year
unless their age needs another kind (nursery school to primary at 4, primary to secondary at
11; an all-through school keeps them; special-school pupils from 5), moves over the summer or
during the year (P_MOVE_SUMMER, P_MOVE_MID), their school closes, or (below) they are
permanently excluded; a new school is drawn by size among the open state-funded schools of the
kind. pupil_id is PUP + six digits, given in the order the pupils were made. Every CareFirst
child aged 4-17 (31 August) looked after, on a CP plan or referred within the year before a
census day (CAREFIRST_AGES; a child who died by the census day is not) is one of the resident
pupils of their birth cohort on roll at every such census (and off roll before a death): the
pupil takes the child's child_id (on all their census rows) and date of birth; a child no pupil
fits would get a pupil of their own (none at scale 1.0). P_DUAL of the pupils at the census
(secondary age, mainstream) are dual registered: an S registration at the PRU or a special
school over some weeks around it, the main registration M that year. INDEPENDENT_PLACEMENTS
pupils placed at the independent special school have attendance rows only (no state-funded
census).

Census (`education_school_census`): one row per registration on the census day (C, or M and S),
is_resident_in_la from the pupil. Attendance (`education_pupil_attendance`): one row per pupil,
academic year and school (urn) the pupil was on roll at that year, possible_sessions = 2 x the
school days on roll there. Absence: each enrolment's propensity is the pupil's (a normal draw
correlated RHO from year to year) with SCORE_EFFECTS (secondary, special, Year 11, CareFirst
children, a fixed-period exclusion that year). The measure's enrolments (state-funded primary,
secondary, special and all-through, age 5-15 on the 31 August before the year, possible > 0)
are ranked by it and given absence by quota: the top round(share x n) with enough sessions reach
the 15% fixed count T = ceil(0.3 x the year's school days), the next ones to the 10% share reach
10% of their own sessions and stay below T, the rest below 10%, each at the rank's quantile of
an exponential distribution with the overall rate as mean, the rest scaled (by bisection) so
that the year's sessions missed are the overall rate exactly. The other enrolments have their
stage's rate (OTHER_RATES: nursery, reception, sixth form, PRU). Unauthorised absence is about a
quarter (more for the persistently absent).

Exclusions (`education_exclusions`, EXC + six digits by start date): each year's counted ones
(resident on the census that year, not rescinded) are exactly PERMANENT_COUNTED and
FIXED_COUNTED; then P_RESCINDED more of resident pupils, NON_RESIDENT_EXTRA more of non-resident
ones and NO_CENSUS_EXTRA fixed ones of pupils not on roll at the census (none counted). Pupils
are drawn by age (mostly Years 7-11), absence propensity and CareFirst involvement; a start date
is a school day the pupil was on a main roll, its school the one they were at. Fixed-period
exclusions last FIXED_SESSIONS sessions, one to six a pupil a year. A counted permanent
exclusion's alternative provision starts on the n-th school day of the exclusion (its start the
1st): per year an exact number with n <= 6 among the judged ones and an exact sum of n over
those with a date (PROVISION), the late ones with a long tail (7-60 days) and never beyond the
extraction date. A permanently excluded pupil goes to the PRU from the provision date, and the
next year to another school of their age.

Learning plans (`education_learning_plans`, SPLP + five digits): only from September 2015, one
pupil each (on one roll all the year to E, mostly of secondary age): at E exactly SPLP_OPEN
plans open (start within the last 30 weeks, no end) with their mean weekly hours exact, and
SPLP_CLOSED plans that lasted 6-30 weeks and ended before E. Hours from SPLP_HOURS.

Children missing education (`education_cme_investigations`, CME + six digits by opening): the
document's openings a year on working days (out of term less often), each closed 5-60 school
days later (triangular, mode 14; still open at E with no closed_date and no outcome if later);
of the closed ones exactly CME_MISSING found MISSING_FROM_EDUCATION (the longer searches more
likely), the others LOCATED_IN_EDUCATION, MOVED_AWAY, EHE or OTHER; about a fifth are CareFirst
children of compulsory school age, a few children are investigated again, the others have new
council person ids (C + six digits).

Edge cases the tests use: an inspection before its school's open date (a converter academy's
first inspection keyed with its predecessor's dates; the academy's own inspection was published
by every snapshot it was open at, so the slip never gives a grade); reports published after a
31 August snapshot for inspections before it (2014-07-14, 2015-07-16), and July 2016 ones not
yet published; academies not yet inspected in their new form (left out); a pupil born on 31
August 2008 (5 on 31 August 2013: in 2013/14's enrolments) and one born on 1 September 2008 (not);
an enrolment with exactly the fixed count (59 sessions of 388 in 2013/14; likewise each year),
one with exactly 10% of its sessions each year; one enrolment a year from 2013/14 with more
absence than possible sessions (a recording slip, within the measure's quotas); five census
registrations with no attendance row; rows with 0 possible sessions; dual registrations; a
permanent exclusion on 2015-10-20 with provision on 2015-11-03, the 6th school day across the
half-term; a provision starting on a Saturday (the Friday's day number); one provision keyed
before its exclusion (2015/16); permanent exclusions with no provision, judged (one a year) or
too recent to judge (2015/16's last school days); rescinded exclusions and exclusions of
non-resident pupils and of pupils with no census row; a learning plan ending on the extraction
date (not open at it); CME investigations open more than 20 school days.

Calibration (the September 2016 document; scale 1.0, by the issue 11 definitions): schools good
or outstanding 68/93 = 73.1% (31 August 2014), 72/93 = 77.4% (31 August 2015), 77/94 = 81.9%
(31 July 2016); overall absence 4.90%, 4.70%, 4.60% (2013/14, 2014/15, 2015/16) over 32,608,
32,849 and 34,461 enrolments; persistent absence at the fixed count (59, 59, 58 sessions) 4.10%,
3.60%, 3.50%, at 10% of own sessions 12.90%, 11.90%, 11.30%; resident census headcount 39,700,
40,300, 41,000 (39,300 in 2012/13); permanent exclusions 16, 62, 104 (0.04%, 0.15%, 0.25%),
fixed-period 1270, 1170, 1928 (3.20%, 2.90%, 4.70%); provision by the 6th day 2/16 = 12.5%,
45/62 = 72.6%, 82/101 = 81.2%, mean day 14.00, 8.00, 5.00; learning plans open at 31 July 2016
15 LA-arranged and 55 school-arranged, 15.0 hours on average each; CME investigations 531, 687,
517 with 21, 10 and 4 found missing from education.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from statistics import NormalDist

from .dates import SchoolDays, academic_year_label, add_years
from .draws import Weighted
from .records import (
    CmeInvestigation,
    Exclusion,
    Inspection,
    LearningPlan,
    PupilAttendance,
    School,
    SchoolCensus,
)

DAY = dt.timedelta(days=1)
NEVER = dt.date(9999, 12, 31)
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TERMS_SEED = os.path.join(REPO_ROOT, "seeds", "reference", "school_terms.csv")
TERMS_FALLBACK_LA = "336"  # an authority with no terms in the seed borrows these
PHI = NormalDist().cdf

# ---------------------------------------------------------------- years
FIRST_YEAR, LAST_YEAR = 2012, 2015  # the academic years of pupils' records (start years)
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))

# ---------------------------------------------------------------- schools
NURSERY, PRIMARY, SECONDARY = "NURSERY", "PRIMARY", "SECONDARY"
SPECIAL, PRU, ALL_THROUGH = "SPECIAL", "PRU", "ALL_THROUGH"
# phase -> (state-funded schools, independent schools) at scale 1.0, before any academy
SCHOOL_COUNTS = {
    NURSERY: (10, 0),
    PRIMARY: (68, 2),
    SECONDARY: (17, 1),
    SPECIAL: (5, 1),
    PRU: (2, 0),
    ALL_THROUGH: (1, 1),
}
LGR_DATE = dt.date(1974, 4, 1)  # many maintained schools carry the reorganisation's date
P_LGR_OPEN_DATE = 0.35
OPEN_YEARS = (1950, 2004)  # other maintained schools opened on 1 September of one of these
WEIGHT_RANGE = (0.6, 1.6)  # a school's size, relative (its share of the pupils placed)
ALL_THROUGH_WEIGHT = 0.5  # an all-through school's weight in each of its two phases
# converter academies: the academy's first day (the predecessor closes the day before; never
# the day of a snapshot, 31 August 2014 and 2015) and the phase, in order (scaled: the first n)
CONVERSIONS = (
    (dt.date(2012, 9, 1), PRIMARY),
    (dt.date(2012, 9, 1), SECONDARY),
    (dt.date(2012, 11, 1), PRIMARY),
    (dt.date(2013, 1, 1), SECONDARY),
    (dt.date(2013, 4, 1), PRIMARY),
    (dt.date(2013, 9, 1), PRIMARY),
    (dt.date(2013, 9, 1), SECONDARY),
    (dt.date(2013, 9, 1), SECONDARY),
    (dt.date(2014, 1, 1), PRIMARY),
    (dt.date(2014, 4, 1), SPECIAL),
    (dt.date(2014, 11, 1), PRIMARY),
    (dt.date(2015, 4, 1), PRIMARY),
    (dt.date(2015, 10, 1), PRIMARY),
    (dt.date(2015, 12, 1), PRIMARY),
    (dt.date(2016, 3, 1), PRIMARY),
)
# schools closing (close_date; their pupils move to another school the next day)
CLOSURES = (
    (dt.date(2013, 8, 31), PRIMARY),
    (dt.date(2014, 12, 31), NURSERY),
    (dt.date(2016, 3, 31), PRIMARY),
)
OPENINGS = (
    (dt.date(2013, 9, 1), PRIMARY),
    (dt.date(2014, 9, 1), PRIMARY),
    (dt.date(2015, 9, 1), SECONDARY),
)
NEW_SCHOOL_WEIGHT = 0.5
MIN_SITES_FOR_CLOSURE = 3  # a phase keeps at least two schools open

# ---------------------------------------------------------------- inspections
SECTION_5, SHORT = "SECTION_5", "SHORT"
FIRST_INSPECTIONS = (dt.date(2005, 9, 5), dt.date(2008, 7, 15))  # the first section 5 round
INITIAL_GRADE = ((1, 0.12), (2, 0.48), (3, 0.32), (4, 0.08))
# the next section 5 grade given the last (an improving authority)
TRANSITIONS = {
    1: ((1, 0.65), (2, 0.28), (3, 0.06), (4, 0.01)),
    2: ((1, 0.10), (2, 0.64), (3, 0.23), (4, 0.03)),
    3: ((1, 0.03), (2, 0.55), (3, 0.35), (4, 0.07)),
    4: ((2, 0.38), (3, 0.57), (4, 0.05)),
}
# years to the next inspection by the last grade (uniform), and after a short inspection
INTERVAL_YEARS = {1: (5.0, 9.0), 2: (3.0, 5.0), 3: (1.6, 2.4), 4: (1.0, 1.8), 0: (3.0, 4.0)}
ACADEMY_FIRST_YEARS = {True: (2.0, 3.5), False: (1.25, 2.25)}  # by predecessor good or better
FREE_SCHOOL_FIRST_YEARS = (1.4, 2.4)
SHORT_FROM = dt.date(2015, 9, 1)  # good schools get a short inspection from then
P_SHORT_CONVERTED = 0.15  # a short inspection converted into a full one
CONVERTED_GRADE = ((1, 0.35), (2, 0.25), (3, 0.40))
PUBLICATION_DAYS = (15, 40)  # inspection to publication
P_SUMMER_DELAY = 0.25  # a July inspection whose report is published in September
SUMMER_DELAY_DAYS = (7, 25)  # after 1 September
SUMMER_DELAY_AFTER = 12  # and every report of an inspection after this day of July
# the share of counted schools good or outstanding at each snapshot (the document: 31 August
# 2014, 31 August 2015 and July 2016, the extraction date)
GOOD_TARGETS = ((dt.date(2014, 8, 31), 0.73), (dt.date(2015, 8, 31), 0.77), (None, 0.82))
GRADES_HISTORY_YEARS = 1  # the first snapshot's grades are tuned among the year's inspections

# ---------------------------------------------------------------- pupils
# resident pupils on roll (sole or dual main registrations) at each January census
HEADCOUNT = {2012: 39_300, 2013: 39_700, 2014: 40_300, 2015: 41_000}
# the share of a birth cohort's school-age roll on roll at each age on the 31 August before the
# year (2: nursery schools' two-year-olds; 3: nursery schools and classes; 16, 17: sixth forms)
STAGE_SHARE = {2: 0.05, 3: 0.90, 4: 0.99, **{a: 1.0 for a in range(5, 16)}, 16: 0.75, 17: 0.68}
# and by year where it changed: funded places for two-year-olds from September 2013, and the
# raised participation age (in education to 17 from 2013, to 18 from 2015)
STAGE_SHARE_FROM = {
    2013: {2: 0.10, 16: 0.80, 17: 0.72},
    2014: {2: 0.18, 16: 0.84, 17: 0.78},
    2015: {2: 0.22, 16: 0.88, 17: 0.84},
}
COHORT_GROWTH = 0.004  # each later birth cohort this much larger (births rose in the 2000s)
NON_RESIDENT = {"early": 0.02, "primary": 0.025, "secondary": 0.045}  # pupils living elsewhere
P_SPECIAL = 0.014  # pupils at a special school from age 5
P_NURSERY_SCHOOL = 0.3  # three-year-olds at a nursery school (the others at nursery classes)
P_LEAVE_SUMMER = 0.02  # pupils leaving the authority's schools over the summer
P_LEAVE_SUMMER_SPECIAL = 0.01
P_LEAVE_MID = 0.03  # pupils leaving during the year (on a school day)
RATE_JOIN_BEFORE_CENSUS = 0.02  # joiners during the autumn term, as a share of the target
RATE_JOIN_AFTER_CENSUS = {2012: 0.016, 2013: 0.014, 2014: 0.012, 2015: 0.035}  # new arrivals
P_HOLIDAY_JOIN = 0.01  # of the later joiners: registered in the summer holiday (0 sessions)
P_MOVE_SUMMER = 0.015  # pupils changing school over the summer (same phase)
P_MOVE_MID = 0.012  # and during the year
PINNED_BIRTHS = (dt.date(2008, 8, 31), dt.date(2008, 9, 1))  # 5 on the 31 August, or not
P_DUAL = 0.005  # pupils dual registered at the census (a main and a subsidiary registration)
DUAL_BEFORE_DAYS, DUAL_AFTER_DAYS = (5, 40), (10, 60)  # school days around the census
P_DUAL_AT_PRU = 0.8  # the subsidiary registration at the PRU (else a special school)
INDEPENDENT_PLACEMENTS = 40  # pupils the authority places at independent special schools
CAREFIRST_AGES = (4, 17)  # ages on the 31 August before the year of a CareFirst pupil

# ---------------------------------------------------------------- attendance
# (overall absence, persistent absence at the 15% fixed count, at 10% of own sessions)
ABSENCE_TARGETS = {
    2012: (0.052, 0.046, 0.137),
    2013: (0.049, 0.041, 0.129),
    2014: (0.047, 0.036, 0.119),
    2015: (0.046, 0.035, 0.113),
}
RHO = 0.7  # correlation of a pupil's absence from one year to the next
SCORE_EFFECTS = {"secondary": 0.25, "special": 0.35, "year_11": 0.15, "carefirst": 0.5}
EXCLUDED_EFFECT = 0.4  # pupils with a fixed-period exclusion that year
H_MARGIN = 10  # pupils over the fixed count have at least T + this many possible sessions
# absence rates of the enrolments the measure leaves out
OTHER_RATES = {"nursery": 0.09, "reception": 0.055, "sixth_form": 0.07, "pru": 0.2, "other": 0.045}
UNAUTHORISED_SHARE = (0.04, 0.26)  # unauthorised share of absence: base + slope x propensity
SLIP_YEARS = (2013, 2014, 2015)  # one enrolment each year with absence above its sessions
NO_ATTENDANCE_ROWS = {2013: 2, 2014: 2, 2015: 1}  # census pupils left out of attendance

# ---------------------------------------------------------------- exclusions
PERMANENT, FIXED = "PERMANENT", "FIXED"
# counted exclusions (resident pupils, not rescinded) by academic year
PERMANENT_COUNTED = {2012: 14, 2013: 16, 2014: 62, 2015: 104}
FIXED_COUNTED = {2012: 1210, 2013: 1270, 2014: 1170, 2015: 1928}
NON_RESIDENT_EXTRA = 0.05  # and this share more of non-resident pupils
P_RESCINDED = {PERMANENT: 0.05, FIXED: 0.01}
NO_CENSUS_EXTRA = 0.004  # fixed exclusions of pupils who joined after the census
FIXED_PER_PUPIL = ((1, 0.58), (2, 0.2), (3, 0.1), (4, 0.06), (5, 0.04), (6, 0.02))
FIXED_SESSIONS = (
    ((1, 1), 0.15),
    ((2, 2), 0.35),
    ((3, 4), 0.2),
    ((5, 6), 0.12),
    ((7, 10), 0.1),
    ((11, 20), 0.06),
    ((21, 30), 0.02),
)
# relative chance of exclusion by age on the 31 August before the year
FIXED_AGE = {5: 0.2, 6: 0.3, 7: 0.4, 8: 0.5, 9: 0.6, 10: 0.7, 11: 2.0, 12: 3.0, 13: 4.0}
FIXED_AGE |= {14: 4.5, 15: 3.5, 16: 0.3, 17: 0.2}
PERMANENT_AGE = {a: 0.15 for a in range(5, 11)} | {11: 1.5, 12: 2.5, 13: 3.5, 14: 4.0, 15: 3.0}
EXCLUSION_Z = 0.5  # exclusion chance times exp(this x the pupil's absence propensity)
EXCLUSION_CAREFIRST = 1.8  # and times this for a CareFirst child
# alternative provision of the counted permanent exclusions: (share by the 6th school day of the
# judged ones, mean school-day number of those with a provision date)
PROVISION = {2012: (0.10, 15.0), 2013: (0.13, 14.0), 2014: (0.72, 8.0), 2015: (0.81, 5.0)}
BY_DAY_6 = ((1, 0.04), (2, 0.08), (3, 0.14), (4, 0.2), (5, 0.24), (6, 0.3))
LATE_DAYS = (7, 60)  # bounds of a provision after the 6th day
NEVER_PROVIDED = {2012: 1, 2013: 1, 2014: 1, 2015: 1}  # no provision date, judged (failing)
PENDING_AT_E = 2  # 2015/16: excluded in the last five school days, provision not yet due
SLIP_PROVISION_YEAR = 2015  # one provision date keyed before its exclusion
HALF_TERM_EDGE = (dt.date(2015, 10, 20), 6)  # provision on the 6th day, across half-term
SATURDAY_EDGE_YEAR = 2014  # a provision starting on a Saturday (counts as the Friday)

# ---------------------------------------------------------------- learning plans
SPLP_FROM = dt.date(2015, 9, 1)
SPLP_OPEN = {"LA": (15, 15.0), "SCHOOL": (55, 15.0)}  # open at E: plans and mean weekly hours
SPLP_CLOSED = {"LA": (24, 21.5), "SCHOOL": (40, 17.2)}  # ended by E (mean to 2.5 hours)
SPLP_HOURS = ((5.0, 0.08), (10.0, 0.17), (12.5, 0.15), (15.0, 0.26), (17.5, 0.12))
SPLP_HOURS += ((20.0, 0.12), (25.0, 0.10))
SPLP_WEEKS = (6, 30)
SPLP_EDGE_WEEKS = 12  # the plan ending on the extraction date lasted this long
SPLP_AGE = {a: 0.2 for a in range(7, 11)} | {11: 0.8, 12: 1.0, 13: 1.3, 14: 1.5, 15: 1.2}

# ---------------------------------------------------------------- children missing education
CME_OPENED = {2012: 498, 2013: 531, 2014: 687, 2015: 517}
CME_MISSING = {2012: 18, 2013: 21, 2014: 10, 2015: 4}
CME_OUTCOMES = (("LOCATED_IN_EDUCATION", 0.6), ("MOVED_AWAY", 0.25), ("EHE", 0.08), ("OTHER", 0.07))
MISSING = "MISSING_FROM_EDUCATION"
CME_SCHOOL_DAYS = (5, 60, 14)  # opened to closed: triangular (low, high, mode)
CME_HOLIDAY_WEIGHT = 0.35  # a weekday out of term, relative to a school day
P_CME_CAREFIRST = 0.2
P_CME_REPEAT = 0.05
CME_AGES = (5, 15)


def education(sim) -> None:
    """Write the seven education extracts of issue 11."""
    cal = Calendar(sim)
    sites = schools(sim)
    inspections(sim, cal, sites)
    world = World(sim, cal, sites)
    roster(world)
    link_carefirst(world)
    independent_placements(world)
    dual_registrations(world)
    excl = exclusions(world)
    for p in world.pupils:
        p.pupil_id = sim.next_id("PUP", 6)
    registrations(world)
    write_exclusions(world, excl)
    learning_plans(world, excl)
    cme_investigations(world)


# ---------------------------------------------------------------- calendar
def _third_thursday(year: int) -> dt.date:
    first = dt.date(year, 1, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)


class Calendar:
    """School days (seeds/reference/school_terms.csv) and the January census days."""

    def __init__(self, sim) -> None:
        try:
            self.sd = SchoolDays(TERMS_SEED, sim.la_code, sim.wd)
        except ValueError:
            self.sd = SchoolDays(TERMS_SEED, TERMS_FALLBACK_LA, sim.wd)
        self.E: dt.date = sim.E
        self.wd = sim.wd
        self.days = {y: self.sd.in_year(y, until=sim.E) for y in YEARS}
        self.census = {y: _third_thursday(y + 1) for y in YEARS}
        self.census_index = {y: bisect_left(self.days[y], self.census[y]) for y in YEARS}

    def bounds(self, y: int) -> tuple[dt.date, dt.date]:
        """The academic year's first and last days (to the extraction date)."""
        return dt.date(y, 9, 1), min(dt.date(y + 1, 8, 31), self.E)

    def count(self, lo: dt.date, hi: dt.date) -> int:
        """School days from lo to hi, both included."""
        return max(0, self.sd.cum(hi) - self.sd.cum(lo - DAY))

    def on_or_after(self, d: dt.date) -> dt.date | None:
        i = bisect_left(self.sd.days, d)
        return self.sd.days[i] if i < len(self.sd.days) else None

    def nth(self, first: dt.date, n: int) -> dt.date | None:
        """The n-th school day counting `first` (a school day) as the 1st (None: past the seed)."""
        i = self.sd.cum(first - DAY) + n - 1
        return self.sd.days[i] if 0 <= i < len(self.sd.days) else None

    def term_day(self, d: dt.date) -> dt.date:
        """The first day on or after d an inspector might visit: a school day, or before the
        seed's terms a working day out of August and the Christmas break."""
        if d >= self.sd.days[0]:
            return self.on_or_after(d) or d
        if d.month == 8:
            d = dt.date(d.year, 9, 8)
        if (d.month == 12 and d.day > 18) or (d.month == 1 and d.day < 5):
            d = dt.date(d.year + (d.month == 12), 1, 6)
        return self.wd.next_working_day(d)


# ---------------------------------------------------------------- schools
@dataclass(slots=True, eq=False)
class Site:
    """A school's building and roll: its urns in order (a converter academy replaces its
    predecessor's urn the day after it closes)."""

    index: int
    phase: str
    funded: bool
    weight: float
    urns: list[School]

    @property
    def open(self) -> dt.date:
        return self.urns[0].open_date

    @property
    def close(self) -> dt.date | None:
        return self.urns[-1].close_date

    def open_on(self, d: dt.date) -> bool:
        return self.open <= d and (self.close is None or d <= self.close)

    def urn_on(self, d: dt.date) -> School | None:
        for u in self.urns:
            if u.open_date <= d and (u.close_date is None or d <= u.close_date):
                return u
        return None


PLACE_HEADS = (
    "Ash", "Alder", "Beck", "Birch", "Bram", "Calder", "Cherry", "Cold", "Cross", "Dale",
    "Elder", "Elm", "Fern", "Gorse", "Hazel", "Heath", "Holly", "Hollin", "Ivy", "Lark",
    "Lime", "Marsh", "Mill", "Moss", "Oak", "Orchard", "Pine", "Quarry", "Rowan", "Rush",
    "Sedge", "Stone", "Tansy", "Thorn", "Willow", "Wren", "Yew",
)  # fmt: skip
PLACE_TAILS = (
    "bank", "bourne", "brook", "bury", "croft", "dale", "field", "ford", "gate", "green",
    "hall", "hill", "hurst", "lea", "mead", "mere", "moor", "ridge", "stead", "ton", "well",
    "wick", "wood", "worth",
)  # fmt: skip
NAME_FORMS = {
    (NURSERY, True): "{} Nursery School",
    (PRIMARY, True): "{} Primary School",
    (SECONDARY, True): "{} High School",
    (SPECIAL, True): "{} Special School",
    (PRU, True): "{} Pupil Referral Unit",
    (ALL_THROUGH, True): "{} All-Through School",
    (PRIMARY, False): "{} Preparatory School",
    (SECONDARY, False): "{} College",
    (SPECIAL, False): "{} House School",
    (ALL_THROUGH, False): "{} Grammar School",
}
ACADEMY_FORMS = {PRIMARY: "{} Primary Academy", SECONDARY: "{} Academy", SPECIAL: "{} Academy"}
FREE_FORMS = {PRIMARY: "{} Primary Free School", SECONDARY: "{} Free School"}


def _place_names(rng: random.Random) -> Iterator[str]:
    """Invented place names, each once."""
    names = [h + t for h in PLACE_HEADS for t in PLACE_TAILS]
    rng.shuffle(names)
    yield from names


def _scaled(n: int, scale: float, at_least: int = 0) -> int:
    return max(at_least, round(n * scale))


def schools(sim) -> list[Site]:
    """The schools: maintained and independent ones open throughout, converter academies,
    closures and new free schools (education_schools, by urn)."""
    rng = sim.stream("education", "schools")
    names = _place_names(rng)
    urns = iter(range(104001, 105000))
    sites: list[Site] = []
    for phase, (n_state, n_independent) in SCHOOL_COUNTS.items():
        for funded, n in ((True, n_state), (False, n_independent)):
            count = _scaled(n, sim.scale, 1 if funded or phase == SPECIAL else 0) if n else 0
            for _ in range(count):
                opened = LGR_DATE
                if rng.random() >= P_LGR_OPEN_DATE:
                    opened = dt.date(rng.randint(*OPEN_YEARS), 9, 1)
                school = School(
                    school_urn=str(next(urns)),
                    school_name=NAME_FORMS[(phase, funded)].format(next(names)),
                    phase=phase,
                    is_state_funded=sim.yn(funded),
                    open_date=opened,
                    close_date=None,
                    predecessor_urn=None,
                )
                sites.append(Site(len(sites), phase, funded, rng.uniform(*WEIGHT_RANGE), [school]))
    _school_events(sim, rng, sites, names)
    rows = sim.records["education_schools"]
    rows.extend(sorted((u for s in sites for u in s.urns), key=lambda u: u.school_urn))
    return sites


def _school_events(sim, rng: random.Random, sites: list[Site], names: Iterator[str]) -> None:
    """Closures, conversions to academies and new free schools."""
    touched: set[int] = set()

    def choose(phase: str) -> Site | None:
        pool = [s for s in sites if s.funded and s.phase == phase and s.index not in touched]
        if not pool:
            return None
        site = pool[rng.randrange(len(pool))]
        touched.add(site.index)
        return site

    for closed, phase in CLOSURES[: _scaled(len(CLOSURES), sim.scale)]:
        same = [s for s in sites if s.funded and s.phase == phase]
        if len(same) >= MIN_SITES_FOR_CLOSURE and (site := choose(phase)) is not None:
            site.urns[0].close_date = closed
    academy_urns = iter(range(138001, 139000))
    for opened, phase in CONVERSIONS[: _scaled(len(CONVERSIONS), sim.scale, 1)]:
        site = choose(phase)
        if site is None:
            continue
        old = site.urns[0]
        old.close_date = opened - DAY
        place = old.school_name.split(" ")[0]
        site.urns.append(
            School(
                school_urn=str(next(academy_urns)),
                school_name=ACADEMY_FORMS[phase].format(place),
                phase=phase,
                is_state_funded="Y",
                open_date=opened,
                close_date=None,
                predecessor_urn=old.school_urn,
            )
        )
    free_urns = iter(range(140001, 141000))
    for opened, phase in OPENINGS[: _scaled(len(OPENINGS), sim.scale)]:
        school = School(
            school_urn=str(next(free_urns)),
            school_name=FREE_FORMS[phase].format(next(names)),
            phase=phase,
            is_state_funded="Y",
            open_date=opened,
            close_date=None,
            predecessor_urn=None,
        )
        sites.append(Site(len(sites), phase, True, NEW_SCHOOL_WEIGHT, [school]))


# ---------------------------------------------------------------- inspections
@dataclass(slots=True, eq=False)
class Inspected:
    """One urn's inspections as they are made."""

    school: School
    funded: bool
    key: tuple  # (site index, place in the site's urns): the stream key
    predecessor: Inspected | None
    rows: list[Inspection] = field(default_factory=list)
    grade: int | None = None  # the latest section 5 grade
    due: dt.date | None = None  # the next inspection (None: not yet planned, or none)
    planned: bool = False
    u_next: float = 0.5  # the draw of the interval after the latest inspection


def _interval(grade: int, u: float) -> dt.timedelta:
    lo, hi = INTERVAL_YEARS[grade]
    return dt.timedelta(days=round(365.25 * (lo + u * (hi - lo))))


def _years(rng: random.Random, lo_hi: tuple[float, float]) -> dt.timedelta:
    return dt.timedelta(days=round(365.25 * rng.uniform(*lo_hi)))


def _plan_first(sim, st: Inspected) -> None:
    """The first inspection of an urn: in the first section 5 round, or (an academy, a free
    school) a while after it opens."""
    st.planned = True
    rng = sim.stream("education", "inspection-first", *st.key)
    if st.predecessor is not None:
        good = st.predecessor.grade is not None and st.predecessor.grade <= 2
        st.due = st.school.open_date + _years(rng, ACADEMY_FIRST_YEARS[good])
    elif st.school.open_date < FIRST_INSPECTIONS[0]:
        span = (FIRST_INSPECTIONS[1] - FIRST_INSPECTIONS[0]).days
        st.due = FIRST_INSPECTIONS[0] + dt.timedelta(days=rng.randint(0, span))
    else:
        st.due = st.school.open_date + _years(rng, FREE_SCHOOL_FIRST_YEARS)


def _outcome(rng: random.Random, st: Inspected, day: dt.date) -> tuple[str, int]:
    """The inspection's type and grade: a good school's short inspection from September 2015
    confirms its grade (or converts into a full one); otherwise a section 5 grade drawn from the
    last one (an academy's first: from its predecessor's)."""
    if st.grade == 2 and day >= SHORT_FROM:
        if rng.random() < P_SHORT_CONVERTED:
            return SECTION_5, Weighted(CONVERTED_GRADE).pick(rng)
        return SHORT, 2
    last = st.grade
    if last is None and st.predecessor is not None:
        last = st.predecessor.grade
    weights = INITIAL_GRADE if last is None else TRANSITIONS[last]
    return SECTION_5, Weighted(weights).pick(rng)


def _publication(cal: Calendar, rng: random.Random, day: dt.date) -> dt.date | None:
    pub = day + dt.timedelta(days=rng.randint(*PUBLICATION_DAYS))
    if day.month == 7 and (day.day > SUMMER_DELAY_AFTER or rng.random() < P_SUMMER_DELAY):
        pub = dt.date(day.year, 9, 1) + dt.timedelta(days=rng.randint(*SUMMER_DELAY_DAYS))
    pub = cal.wd.next_working_day(pub)
    return pub if pub <= cal.E else None


def _inspect_until(sim, cal: Calendar, st: Inspected, hi: dt.date) -> None:
    """The urn's inspections due up to `hi` (one window)."""
    if not st.planned:
        if st.school.open_date > hi:
            return
        _plan_first(sim, st)
    close = st.school.close_date or NEVER
    while st.due is not None and st.due <= hi:
        day = cal.term_day(st.due)
        if day > close:
            st.due = None
            return
        if day > hi:
            st.due = day
            return
        rng = sim.stream("education", "inspection", *st.key, len(st.rows))
        kind, grade = _outcome(rng, st, day)
        st.rows.append(
            Inspection(st.school.school_urn, day, _publication(cal, rng, day), kind, grade)
        )
        if kind == SECTION_5:
            st.grade = grade
        st.u_next = rng.random()
        st.due = day + _interval(grade if kind == SECTION_5 else 0, st.u_next)


def grade_at(rows: list[Inspection], S: dt.date) -> tuple[int | None, Inspection | None]:
    """The measure's grade of a school at S (issue 11 definitions, measure 1) and the inspection
    giving it: the latest own inspection published by S; a short one keeps the grade of the
    latest section 5 inspection on or before it."""
    published = [r for r in rows if r.publication_date is not None and r.publication_date <= S]
    if not published:
        return None, None
    latest = max(published, key=lambda r: (r.inspection_date, r.publication_date))
    if latest.inspection_type != SHORT:
        return latest.overall_effectiveness, latest
    full = [
        r
        for r in published
        if r.inspection_type == SECTION_5 and r.inspection_date <= latest.inspection_date
    ]
    if not full:
        return None, latest
    best = max(full, key=lambda r: (r.inspection_date, r.publication_date))
    return best.overall_effectiveness, latest


def open_at(school: School, S: dt.date) -> bool:
    return school.open_date <= S and (school.close_date is None or school.close_date > S)


def _tune_grades(sim, states: list[Inspected], S: dt.date, since: dt.date, target: float) -> None:
    """Move the grades of the inspections published since the last snapshot (requires
    improvement <-> good) so that the counted schools' share good or outstanding at S is the
    target; the later inspections are planned from the grades as tuned."""
    graded = []
    for st in states:
        if st.funded and open_at(st.school, S):
            grade, det = grade_at(st.rows, S)
            if grade is not None:
                graded.append((st, grade, det))
    want = round(target * len(graded))
    diff = want - sum(1 for _, g, _ in graded if g <= 2)
    if diff == 0:
        return
    sources = (3, 4) if diff > 0 else (2,)
    rng = sim.stream("education", "grades", S)
    for source in sources:
        cands = [
            (st, det)
            for st, g, det in graded
            if g == source
            and det is st.rows[-1]
            and det.inspection_type == SECTION_5
            and det.publication_date > since
        ]
        rng.shuffle(cands)
        for st, det in cands[: abs(diff)]:
            det.overall_effectiveness = 2 if diff > 0 else 3
            st.grade = det.overall_effectiveness
            if st.due is not None:
                st.due = max(det.inspection_date + _interval(st.grade, st.u_next), S + 14 * DAY)
            diff += -1 if diff > 0 else 1
        if diff == 0:
            return


def _recording_slip(states: list[Inspected], snapshots: list[dt.date]) -> None:
    """A converter academy's first inspection keyed again under its own urn with its
    predecessor's dates (before the academy opened): an academy whose own inspection was
    published by every snapshot it was open at, so the slip never gives its grade."""
    for st in states:
        pred = st.predecessor
        if pred is None or not pred.rows or not st.rows:
            continue
        first_pub = min((r.publication_date for r in st.rows if r.publication_date), default=None)
        first_snapshot = next((S for S in snapshots if st.school.open_date <= S), None)
        if first_pub is None or first_snapshot is None or first_pub > first_snapshot:
            continue
        last = pred.rows[-1]
        st.rows.insert(
            0,
            Inspection(
                st.school.school_urn,
                last.inspection_date,
                last.publication_date,
                last.inspection_type,
                last.overall_effectiveness,
            ),
        )
        return


def inspections(sim, cal: Calendar, sites: list[Site]) -> None:
    """Every urn's inspections from 2005, window by window between the snapshots, each
    snapshot's grades tuned to the document's share before the next window is planned."""
    states: list[Inspected] = []
    for site in sites:
        prev = None
        for k, school in enumerate(site.urns):
            prev = Inspected(school, site.funded, (site.index, k), prev)
            states.append(prev)
    snapshots = [S or sim.E for S, _ in GOOD_TARGETS]
    since = add_years(snapshots[0], -GRADES_HISTORY_YEARS)
    for S, (_, target) in zip(snapshots, GOOD_TARGETS, strict=True):
        for st in states:
            _inspect_until(sim, cal, st, S)
        _tune_grades(sim, states, S, since, target)
        since = S
    _recording_slip(states, snapshots)
    rows = sim.records["education_inspections"]
    for st in sorted(states, key=lambda s: s.school.school_urn):
        rows.extend(st.rows)


# ---------------------------------------------------------------- pupils
@dataclass(slots=True)
class Seg:
    """A registration: a school (site) from `start` to `end`, both included."""

    site: int
    start: dt.date
    end: dt.date


@dataclass(slots=True)
class PupilYear:
    segs: list[Seg]  # the main (or sole) registrations, in date order
    dual: Seg | None = None  # a subsidiary registration at the census


@dataclass(slots=True, eq=False)
class Pupil:
    cohort: int  # the academic birth cohort (born 1 September cohort to 31 August cohort+1)
    resident: bool
    dob: dt.date
    special: bool
    nursery_school: bool
    z: float  # absence propensity (standard normal)
    pinned: bool = False  # an edge case: never leaves, never linked
    in_census: bool = True  # False: placed at an independent school (attendance only)
    child_id: str | None = None
    pupil_id: str = ""
    order: int = 0  # the pupil's place in World.pupils (made in a fixed order)
    years: dict[int, PupilYear] = field(default_factory=dict)

    def age(self, y: int) -> int:
        """Age on the 31 August before academic year y."""
        return y - self.cohort - 1

    def seg_on(self, y: int, d: dt.date) -> Seg | None:
        year = self.years.get(y)
        if year is not None:
            for s in year.segs:
                if s.start <= d <= s.end:
                    return s
        return None

    def last_day(self) -> dt.date:
        y = max(self.years)
        return self.years[y].segs[-1].end


def _cohort(dob: dt.date) -> int:
    return dob.year if dob.month >= 9 else dob.year - 1


class World:
    """What the pupil processes share: the calendar, the schools and the pupils."""

    def __init__(self, sim, cal: Calendar, sites: list[Site]) -> None:
        self.sim = sim
        self.cal = cal
        self.sites = sites
        self.pupils: list[Pupil] = []
        self.fixed_excluded: set[tuple[int, int]] = set()  # (pupil order, year)
        self._pools: dict[str, list[Site]] = defaultdict(list)
        for s in sites:
            if s.funded:
                self._pools[s.phase].append(s)
                if s.phase == ALL_THROUGH:
                    self._pools[PRIMARY].append(s)
                    self._pools[SECONDARY].append(s)
        self._cache: dict[tuple[str, dt.date], Weighted | None] = {}

    def new_pupil(self, rng: random.Random, cohort: int, resident: bool) -> Pupil:
        span = (dt.date(cohort + 1, 9, 1) - dt.date(cohort, 9, 1)).days
        p = Pupil(
            cohort=cohort,
            resident=resident,
            dob=dt.date(cohort, 9, 1) + dt.timedelta(days=rng.randrange(span)),
            special=rng.random() < P_SPECIAL,
            nursery_school=rng.random() < P_NURSERY_SCHOOL,
            z=rng.gauss(0.0, 1.0),
        )
        p.order = len(self.pupils)
        self.pupils.append(p)
        return p

    def pick_site(
        self, rng: random.Random, kind: str, d: dt.date, avoid: int | None = None
    ) -> int | None:
        """A state-funded school of the kind open on d, by size (another than `avoid` if
        there is one)."""
        key = (kind, d)
        if key not in self._cache:
            pool = [
                (s.index, s.weight * (ALL_THROUGH_WEIGHT if s.phase != kind else 1.0))
                for s in self._pools[kind]
                if s.open_on(d)
            ]
            if not pool:  # a small demo without the kind: a mainstream school
                pool = [(s.index, s.weight) for s in self._pools[PRIMARY] if s.open_on(d)]
            self._cache[key] = Weighted(pool) if pool else None
        w = self._cache[key]
        if w is None:
            return None
        pick = w.pick(rng)
        for _ in range(3):
            if pick != avoid:
                break
            pick = w.pick(rng)
        return pick


def _kind(p: Pupil, a: int) -> str:
    """The kind of school a pupil aged a (on the 31 August before the year) attends."""
    if a <= 3:
        return NURSERY if a <= 2 or p.nursery_school else PRIMARY
    if p.special and a >= 5:
        return SPECIAL
    return PRIMARY if a <= 10 else SECONDARY


def _fits(site: Site, kind: str) -> bool:
    return site.phase == kind or (site.phase == ALL_THROUGH and kind in (PRIMARY, SECONDARY))


def _merge_segs(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for s in segs:
        if out and out[-1].site == s.site and out[-1].end + DAY == s.start:
            out[-1].end = s.end
        else:
            out.append(s)
    return out


def _place(
    w: World,
    rng: random.Random,
    p: Pupil,
    start: dt.date,
    end: dt.date,
    prev: int | None,
    move_on: dt.date | None = None,
    avoid: int | None = None,
) -> list[Seg]:
    """The registrations of a pupil on roll from start to end in one year: the school of last
    year if it suits the pupil's age (else a new one), a move on `move_on`, and a move the day
    after a school closes."""
    kind = _kind(p, p.age(_year_of(start)))
    site = prev
    if site is None or not _fits(w.sites[site], kind) or not w.sites[site].open_on(start):
        site = w.pick_site(rng, kind, start, avoid)
    segs: list[Seg] = []
    cur = start
    while site is not None and cur <= end:
        close = w.sites[site].close or NEVER
        stop = min(end, close)
        if move_on is not None and cur < move_on <= stop:
            stop = move_on - DAY
        segs.append(Seg(site, cur, stop))
        cur = stop + DAY
        if cur <= end:
            if move_on is not None and cur >= move_on:
                move_on = None
            site = w.pick_site(rng, kind, cur, avoid=site)
            if site is not None and not w.sites[site].open_on(cur):
                site = None
    return _merge_segs(segs)


def _year_of(d: dt.date) -> int:
    return d.year if d.month >= 9 else d.year - 1


def _end_site(p: Pupil, y: int) -> int | None:
    """The school the pupil was at on the last day of year y (None: not on roll then)."""
    year = p.years.get(y)
    if year is None or not year.segs:
        return None
    last = year.segs[-1]
    return last.site if last.end >= dt.date(y + 1, 7, 1) else None


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to the weights, summing to total (largest remainders)."""
    s = sum(weights)
    quotas = [total * w / s for w in weights]
    out = [math.floor(q) for q in quotas]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (out[i] - quotas[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


def _non_resident_share(a: int) -> float:
    if a <= 3:
        return NON_RESIDENT["early"]
    return NON_RESIDENT["primary"] if a <= 10 else NON_RESIDENT["secondary"]


def _targets(w: World, y: int, carried: int) -> dict[tuple[int, bool], int]:
    """Pupils on roll at the census by birth cohort and residence: the resident headcount
    (less the special-school 18-year-olds carried on) shared by cohort size and stage."""
    cohorts = list(range(y - 18, y - 2))  # ages 17 down to 2
    shares = STAGE_SHARE | STAGE_SHARE_FROM.get(y, {})
    weights = [(1 + COHORT_GROWTH * (c - 2003)) * shares[y - c - 1] for c in cohorts]
    total = round(HEADCOUNT[y] * w.sim.scale) - carried
    out = {}
    for c, n in zip(cohorts, _allocate(total, weights), strict=True):
        share = _non_resident_share(y - c - 1)
        out[(c, True)] = n
        out[(c, False)] = round(n * share / (1 - share))
    return out


def roster(w: World) -> None:
    """The pupils year by year: each birth cohort's roll carried on from the year before, less
    the pupils leaving (over the summer or during the year), plus the joiners needed for the
    census target (at the year's start, in the autumn) and the later arrivals."""
    rosters: dict[tuple[int, bool], list[Pupil]] = {}
    for y in YEARS:
        new: dict[tuple[int, bool], list[Pupil]] = {}
        carried = 0
        for res in (True, False):
            kept, at_census = _roster_year(w, y, y - 19, res, rosters.get((y - 19, res), []), None)
            new[(y - 19, res)] = kept
            carried += at_census if res else 0
        targets = _targets(w, y, carried)
        for c in range(y - 18, y - 2):
            for res in (True, False):
                pool = rosters.get((c, res), [])
                new[(c, res)], _ = _roster_year(w, y, c, res, pool, targets[(c, res)])
        rosters = new


def _roster_year(
    w: World, y: int, c: int, res: bool, pool: list[Pupil], target: int | None
) -> tuple[list[Pupil], int]:
    """One cohort's year (target None: the 18-year-olds, special-school pupils carried on):
    returns the pupils on roll at the year's end and the number on roll at the census."""
    rng = w.sim.stream("education", "roster", y, c, int(res))
    a = y - c - 1
    first, last = w.cal.bounds(y)
    census, days, ci = w.cal.census[y], w.cal.days[y], w.cal.census_index[y]
    if y == FIRST_YEAR and target is not None:
        pool = [_founder(w, rng, c, res, k) for k in range(target)]
    stay = []
    for p in pool:
        if a >= 18 and not p.special:
            continue
        p_leave = P_LEAVE_SUMMER_SPECIAL if p.special else P_LEAVE_SUMMER
        if y == FIRST_YEAR or p.pinned or rng.random() >= p_leave:
            stay.append(p)
    leave = [
        None if p.pinned or rng.random() >= P_LEAVE_MID else days[rng.randrange(len(days))]
        for p in stay
    ]
    at_census = [i for i, d in enumerate(leave) if d is None or d >= census]
    n_before = n_start = n_after = 0
    if target is not None:
        n_before = round(target * RATE_JOIN_BEFORE_CENSUS)
        excess = len(at_census) + n_before - target
        if excess > 0:
            removable = [
                i for i in at_census if not stay[i].pinned and not (stay[i].special and a >= 16)
            ]
            drop = set(rng.sample(removable, min(excess, len(removable))))
            n_before = max(0, n_before - (excess - len(drop)))
            stay = [p for i, p in enumerate(stay) if i not in drop]
            leave = [d for i, d in enumerate(leave) if i not in drop]
            at_census = [i for i, d in enumerate(leave) if d is None or d >= census]
        n_start = max(0, target - len(at_census) - n_before)
        n_after = round(target * RATE_JOIN_AFTER_CENSUS[y])
    kept = []
    for p, gone in zip(stay, leave, strict=True):
        prev = _end_site(p, y - 1)
        avoid = None
        if prev is not None and not p.pinned and rng.random() < P_MOVE_SUMMER:
            prev, avoid = None, prev
        move_on = None
        if not p.pinned and rng.random() < P_MOVE_MID:
            move_on = days[rng.randrange(len(days))]
        segs = _place(w, rng, p, first, gone or last, prev, move_on, avoid)
        if segs:
            p.years[y] = PupilYear(segs)
        if gone is None and segs:
            kept.append(p)
    joins = [first] * n_start
    joins += [days[rng.randint(1, ci)] for _ in range(n_before)]
    for _ in range(n_after):
        if rng.random() < P_HOLIDAY_JOIN and last > days[-1]:
            joins.append(days[-1] + dt.timedelta(days=rng.randint(1, (last - days[-1]).days)))
        else:
            joins.append(days[rng.randint(min(ci + 1, len(days) - 1), len(days) - 1)])
    for join in joins:
        p = w.new_pupil(rng, c, res)
        segs = _place(w, rng, p, join, last, None)
        if segs:
            p.years[y] = PupilYear(segs)
            kept.append(p)
    return kept, sum(1 for p in kept if p.seg_on(y, census)) + sum(
        1 for p, d in zip(stay, leave, strict=True) if d is not None and d >= census
    )


def _founder(w: World, rng: random.Random, c: int, res: bool, k: int) -> Pupil:
    """A pupil on roll when the records begin; the first of two cohorts is an edge case (born
    on 31 August: 5 on the 31 August before 2013/14; born on 1 September: not)."""
    p = w.new_pupil(rng, c, res)
    if res and k == 0:
        for birth in PINNED_BIRTHS:
            if _cohort(birth) == c:
                p.dob, p.pinned, p.special, p.nursery_school = birth, True, False, False
    return p


# ---------------------------------------------------------------- CareFirst children
def _qualifying_children(w: World) -> list[tuple[str, dt.date, dt.date | None, int]]:
    """The CareFirst children of school age (4-17 on the 31 August before the year) looked
    after, on a plan or referred within the year before a census day: (child_id, birth,
    death, the censuses as a bit mask)."""
    spans: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for r in w.sim.records["carefirst_referrals"]:
        spans[r.child_id].append((r.referral_date, r.referral_date))
    for plan in w.sim.records["carefirst_cp_plans"]:
        spans[plan.child_id].append((plan.start_date, plan.end_date))
    for e in w.sim.records["carefirst_lac_episodes"]:
        spans[e.child_id].append((e.start_date, e.end_date))
    out = []
    children = sorted(
        w.sim.records["carefirst_children"], key=lambda c: (c.date_of_birth, c.child_id)
    )
    for child in children:
        c = _cohort(child.date_of_birth)
        mask = 0
        for bit, y in enumerate(YEARS):
            census = w.cal.census[y]
            if not CAREFIRST_AGES[0] <= y - c - 1 <= CAREFIRST_AGES[1]:
                continue
            if child.date_of_death is not None and child.date_of_death <= census:
                continue
            lo = add_years(census, -1)
            if any(s <= census and (e is None or e > lo) for s, e in spans.get(child.child_id, [])):
                mask |= 1 << bit
        if mask:
            out.append((child.child_id, child.date_of_birth, child.date_of_death, mask))
    return out


def _census_mask(w: World, p: Pupil) -> int:
    return sum(1 << b for b, y in enumerate(YEARS) if p.seg_on(y, w.cal.census[y]) is not None)


def link_carefirst(w: World) -> None:
    """Every qualifying CareFirst child becomes a resident pupil of their birth cohort on roll
    at each census they qualify at (their child_id and date of birth); a child no pupil fits
    (a child who died) gets a pupil of their own."""
    pools: dict[tuple[int, int], list[Pupil]] = defaultdict(list)
    for p in w.pupils:
        if p.resident and not p.pinned and (m := _census_mask(w, p)):
            pools[(p.cohort, m)].append(p)
    streams: dict[int, random.Random] = {}
    for child_id, dob, died, need in _qualifying_children(w):
        c = _cohort(dob)
        rng = streams.setdefault(c, w.sim.stream("education", "carefirst", c))
        keys = [(c, m) for m in range(1, 1 << len(YEARS)) if m & need == need]
        p = _take(rng, pools, keys, died)
        if p is None:
            p = _own_pupil(w, rng, c, need, died)
        p.child_id, p.dob = child_id, dob


def _take(
    rng: random.Random,
    pools: dict[tuple[int, int], list[Pupil]],
    keys: list[tuple[int, int]],
    died: dt.date | None,
) -> Pupil | None:
    """A pupil at random from the pools (off roll before `died`, if given), removed."""
    if died is not None:
        fits = [(k, i) for k in keys for i, p in enumerate(pools[k]) if p.last_day() < died]
        if not fits:
            return None
        k, i = fits[rng.randrange(len(fits))]
        return pools[k].pop(i)
    total = sum(len(pools[k]) for k in keys)
    if total == 0:
        return None
    r = rng.randrange(total)
    for k in keys:
        if r < len(pools[k]):
            pool = pools[k]
            pool[r], pool[-1] = pool[-1], pool[r]
            return pool.pop()
        r -= len(pools[k])
    return None


def _own_pupil(w: World, rng: random.Random, c: int, need: int, died: dt.date | None) -> Pupil:
    """A pupil for a CareFirst child no pupil fits: on roll from the first census year they
    qualify at to the last (or the day before they died)."""
    p = w.new_pupil(rng, c, True)
    bits = [b for b in range(len(YEARS)) if need >> b & 1]
    for y in YEARS[bits[0] : bits[-1] + 1]:
        first, last = w.cal.bounds(y)
        if died is not None:
            last = min(last, died - DAY)
        if last < first:
            break
        segs = _place(w, rng, p, first, last, _end_site(p, y - 1))
        if segs:
            p.years[y] = PupilYear(segs)
    return p


def independent_placements(w: World) -> None:
    """Pupils the authority places at an independent special school: attendance rows only (not
    in the state-funded census), at a school the measures leave out."""
    sites = [s for s in w.sites if not s.funded and s.phase == SPECIAL]
    if not sites:
        return
    rng = w.sim.stream("education", "independent")
    for _ in range(round(INDEPENDENT_PLACEMENTS * w.sim.scale)):
        c = rng.randint(FIRST_YEAR - 17, LAST_YEAR - 6)
        p = w.new_pupil(rng, c, True)
        p.in_census, p.special = False, True
        years = [y for y in YEARS if 5 <= y - c - 1 <= 18]
        start = rng.randrange(len(years))
        for y in years[start : start + rng.randint(1, len(years))]:
            first, last = w.cal.bounds(y)
            p.years[y] = PupilYear([Seg(sites[0].index, first, last)])


def dual_registrations(w: World) -> None:
    """A few secondary-age pupils dual registered at the census: a subsidiary registration at
    the PRU (or a special school) over some weeks around it."""
    for y in YEARS:
        rng = w.sim.stream("education", "dual", y)
        census, days, ci = w.cal.census[y], w.cal.days[y], w.cal.census_index[y]
        on_roll = [p for p in w.pupils if p.in_census and p.seg_on(y, census) is not None]
        cands = []
        for p in on_roll:
            seg = p.seg_on(y, census)
            if (
                not p.pinned
                and 11 <= p.age(y) <= 15
                and w.sites[seg.site].phase in (SECONDARY, ALL_THROUGH)
            ):
                cands.append((p, seg))
        n = min(len(cands), round(P_DUAL * len(on_roll)))
        for p, seg in rng.sample(cands, n):
            kind = PRU if rng.random() < P_DUAL_AT_PRU else SPECIAL
            site = w.pick_site(rng, kind, census)
            if site is None or w.sites[site].phase != kind:
                continue
            lo = days[max(0, ci - rng.randint(*DUAL_BEFORE_DAYS))]
            hi = days[min(len(days) - 1, ci + rng.randint(*DUAL_AFTER_DAYS))]
            p.years[y].dual = Seg(site, max(lo, seg.start), min(hi, seg.end))


# ---------------------------------------------------------------- exclusions
@dataclass(slots=True, eq=False)
class Excl:
    pupil: Pupil
    school: School
    kind: str
    start: dt.date
    sessions: int | None
    rescinded: bool
    counted: bool
    provision: dt.date | None = None


def _weighted_order(rng: random.Random, items: list, weight: Callable) -> list:
    """The items in a random order favouring heavy ones (a weighted sample without
    replacement: sort by u ** (1 / weight))."""
    keyed = []
    for item in items:
        wt = weight(item)
        if wt > 0:
            keyed.append((math.log(1.0 - rng.random()) / wt, len(keyed), item))
    keyed.sort(reverse=True)
    return [item for _, _, item in keyed]


def _school_days_on_roll(w: World, p: Pupil, y: int, no_pru: bool) -> list[tuple[Seg, int, int]]:
    """(registration, first and last index into the year's school days) of a pupil's main
    registrations in year y (leaving out the PRU if asked)."""
    days = w.cal.days[y]
    out = []
    for s in p.years[y].segs:
        if no_pru and w.sites[s.site].phase == PRU:
            continue
        lo, hi = bisect_left(days, s.start), bisect_right(days, s.end) - 1
        if lo <= hi:
            out.append((s, lo, hi))
    return out


def _draw_days(
    w: World, rng: random.Random, p: Pupil, y: int, n: int, no_pru: bool
) -> list[tuple[dt.date, Seg]]:
    """n distinct school days (sorted) on which the pupil was on a main roll in year y."""
    spans = _school_days_on_roll(w, p, y, no_pru)
    total = sum(hi - lo + 1 for _, lo, hi in spans)
    if total < n:
        return []
    out = []
    for r in sorted(rng.sample(range(total), n)):
        for s, lo, hi in spans:
            if r <= hi - lo:
                out.append((w.cal.days[y][lo + r], s))
                break
            r -= hi - lo + 1
    return out


def _exclusion_weight(table: dict[int, float], y: int) -> Callable[[Pupil], float]:
    def weight(p: Pupil) -> float:
        base = table.get(p.age(y), 0.0)
        return base * math.exp(EXCLUSION_Z * p.z) * (EXCLUSION_CAREFIRST if p.child_id else 1.0)

    return weight


def exclusions(w: World) -> list[Excl]:
    """Each year's exclusions, the counted ones (resident on the census, not rescinded) to the
    document's counts; permanently excluded pupils go to the PRU from their provision date."""
    out: list[Excl] = []
    for y in YEARS:
        out.extend(_exclusions_year(w, y))
    return out


def _exclusions_year(w: World, y: int) -> list[Excl]:
    rng = w.sim.stream("education", "exclusions", y)
    census = w.cal.census[y]
    pupils = [p for p in w.pupils if p.in_census and not p.pinned and y in p.years]
    at_census = [p for p in pupils if p.seg_on(y, census) is not None]
    late = [p for p in pupils if p.seg_on(y, census) is None]
    residents = [p for p in at_census if p.resident]
    others = [p for p in at_census if not p.resident]
    n_perm = round(PERMANENT_COUNTED[y] * w.sim.scale)
    n_fixed = round(FIXED_COUNTED[y] * w.sim.scale)
    perm_weight = _exclusion_weight(PERMANENT_AGE, y)
    fixed_weight = _exclusion_weight(FIXED_AGE, y)
    used: set[int] = set()
    order = _weighted_order(rng, [p for p in residents if p.years[y].dual is None], perm_weight)
    perm = _permanent(w, rng, y, order, n_perm, used)
    _provision(w, rng, y, perm)
    n_extra = round(n_perm * P_RESCINDED[PERMANENT])
    for e in _permanent(w, rng, y, order, n_extra, used, counted=False):
        e.rescinded = True
        perm.append(e)
    order = _weighted_order(rng, [p for p in others if p.years[y].dual is None], perm_weight)
    extra = _permanent(w, rng, y, order, round(n_perm * NON_RESIDENT_EXTRA), used, counted=False)
    for e in extra:
        e.provision = _provision_day(w, e.start, Weighted(BY_DAY_6).pick(rng))
    perm += extra
    for e in perm:
        _to_pru(w, rng, y, e)
    fixed = _fixed(w, rng, y, residents, n_fixed, fixed_weight, used, True)
    fixed += _fixed(
        w,
        rng,
        y,
        residents,
        round(n_fixed * P_RESCINDED[FIXED]),
        fixed_weight,
        used,
        False,
        rescinded=True,
    )
    fixed += _fixed(
        w, rng, y, others, round(n_fixed * NON_RESIDENT_EXTRA), fixed_weight, used, False
    )
    fixed += _fixed(w, rng, y, late, round(n_fixed * NO_CENSUS_EXTRA), fixed_weight, used, False)
    return perm + fixed


def _permanent(
    w: World,
    rng: random.Random,
    y: int,
    order: list[Pupil],
    n: int,
    used: set[int],
    counted: bool = True,
) -> list[Excl]:
    """n permanent exclusions of pupils taken in order (not at the PRU): for the counted ones of
    2015/16, the last PENDING_AT_E in the year's last five school days and one on the
    half-term edge's date."""
    days = w.cal.days[y]
    slots: list[tuple[dt.date, dt.date] | None] = [None] * n
    if counted and y == LAST_YEAR and n > PENDING_AT_E + 1:
        for k in range(PENDING_AT_E):
            slots[n - 1 - k] = (days[-5], days[-1])
        slots[0] = (HALF_TERM_EDGE[0], HALF_TERM_EDGE[0])
    out: list[Excl] = []
    for slot in slots:
        for p in order:
            if p.order in used:
                continue
            if slot is None:
                picked = _draw_days(w, rng, p, y, 1, no_pru=True)
            else:
                spans = _school_days_on_roll(w, p, y, no_pru=True)
                inside = [
                    (days[i], s)
                    for s, lo, hi in spans
                    for i in range(lo, hi + 1)
                    if slot[0] <= days[i] <= slot[1]
                ]
                picked = [inside[rng.randrange(len(inside))]] if inside else []
            if not picked:
                continue
            used.add(p.order)
            day, seg = picked[0]
            school = w.sites[seg.site].urn_on(day)
            out.append(Excl(p, school, PERMANENT, day, None, False, counted))
            break
    return out


def _provision_day(w: World, start: dt.date, n: int) -> dt.date | None:
    """The n-th school day of an exclusion (capped at the extraction date's)."""
    room = w.cal.count(start, w.cal.E)
    return w.cal.nth(start, max(1, min(n, room)))


def _provision(w: World, rng: random.Random, y: int, perm: list[Excl]) -> None:
    """Provision dates of the year's counted permanent exclusions: the exact number by the 6th
    school day and the exact sum of the day numbers (PROVISION), a few never provided, the
    pending ones of 2015/16 (excluded in the last days), one slip keyed before its exclusion."""
    share, mean = PROVISION[y]
    cal = w.cal
    n = len(perm)
    if n == 0:
        return
    pending = [e for e in perm if cal.count(e.start, cal.E) < 6] if y == LAST_YEAR else []
    rest = [e for e in perm if e not in pending]
    never = rest[1 : 1 + NEVER_PROVIDED[y]] if len(rest) > 3 else []
    slip = [rest[-1]] if y == SLIP_PROVISION_YEAR and len(rest) > 3 else []
    given = [e for e in rest if e not in never and e not in slip]
    judged = n - len(pending)
    k = min(len(given), round(share * judged))
    total = round(mean * len(given))
    values = _day_numbers(rng, k, len(given) - k, total)
    rooms = [cal.count(e.start, cal.E) for e in given]
    values = _fit_rooms(rng, values, rooms)
    bounds = [
        (1, min(6, r)) if v <= 6 else (LATE_DAYS[0], min(LATE_DAYS[1], r))
        for v, r in zip(values, rooms, strict=True)
    ]
    _nudge(rng, values, bounds, total)
    for e, v in zip(given, values, strict=True):
        e.provision = cal.nth(e.start, v)
    if y == LAST_YEAR and given and given[0].start == HALF_TERM_EDGE[0]:
        _swap_value(given, values, 0, HALF_TERM_EDGE[1], cal)
    if y == SATURDAY_EDGE_YEAR:
        for e in given:
            p = e.provision
            if p and p.weekday() == 4 and _year_of(p) == y and cal.count(e.start, p) <= 6:
                e.provision = p + DAY
                break
    for e in slip:
        i = cal.sd.cum(e.start - DAY)
        e.provision = cal.sd.days[max(0, i - rng.randint(1, 3))]


def _swap_value(given: list[Excl], values: list[int], i: int, v: int, cal: Calendar) -> None:
    """Give exclusion i the day number v, swapping with another holding v (sums unchanged)."""
    if values[i] == v:
        return
    for j in range(len(given)):
        if j != i and values[j] == v and values[i] <= cal.count(given[j].start, cal.E):
            values[i], values[j] = values[j], values[i]
            given[i].provision = cal.nth(given[i].start, values[i])
            given[j].provision = cal.nth(given[j].start, values[j])
            return


def _day_numbers(rng: random.Random, k: int, m: int, total: int) -> list[int]:
    """k day numbers in 1..6 and m in LATE_DAYS whose sum is `total` (as near as the bounds
    allow)."""
    low = [Weighted(BY_DAY_6).pick(rng) for _ in range(k)]
    room = total - sum(low)
    late_mean = room / m if m else 0.0
    high = [
        min(
            LATE_DAYS[1],
            LATE_DAYS[0] + int(rng.expovariate(1 / max(0.5, late_mean - LATE_DAYS[0]))),
        )
        for _ in range(m)
    ]
    values = low + high
    bounds = [(1, 6)] * k + [LATE_DAYS] * m
    _nudge(rng, values, bounds, total)
    return values


def _nudge(
    rng: random.Random, values: list[int], bounds: list[tuple[int, int]], total: int
) -> None:
    """Move values one at a time within their bounds until they sum to total."""
    for _ in range(100_000):
        diff = total - sum(values)
        if diff == 0 or not values:
            return
        step = 1 if diff > 0 else -1
        movable = [i for i, v in enumerate(values) if bounds[i][0] <= v + step <= bounds[i][1]]
        if not movable:
            return
        i = movable[rng.randrange(len(movable))]
        values[i] += step


def _fit_rooms(rng: random.Random, values: list[int], rooms: list[int]) -> list[int]:
    """The values in a random order, swapped so that none is beyond its exclusion's room
    (school days to the extraction date); what cannot fit is capped there."""
    values = values[:]
    rng.shuffle(values)
    for i in range(len(values)):
        if values[i] <= rooms[i]:
            continue
        for j in range(len(values)):
            if values[j] <= rooms[i] and values[i] <= rooms[j]:
                values[i], values[j] = values[j], values[i]
                break
        values[i] = min(values[i], rooms[i])
    return values


def _to_pru(w: World, rng: random.Random, y: int, e: Excl) -> None:
    """A permanently excluded pupil with provision in the year goes to the PRU from the
    provision date; the next year back to another school of their age."""
    if e.rescinded or e.provision is None or e.provision < e.start:
        return
    year = e.pupil.years[y]
    last = year.segs[-1].end
    if e.provision > last or _year_of(e.provision) != y:
        return
    pru = w.pick_site(rng, PRU, e.provision)
    if pru is None or w.sites[pru].phase != PRU:
        return
    old = next((s.site for s in year.segs if s.start <= e.start <= s.end), None)
    segs = [
        Seg(s.site, s.start, min(s.end, e.provision - DAY))
        for s in year.segs
        if s.start < e.provision
    ]
    year.segs = _merge_segs([*segs, Seg(pru, e.provision, last)])
    for later in YEARS:
        if later > y and later in e.pupil.years:
            for s in e.pupil.years[later].segs:
                if s.site == old:
                    kind = _kind(e.pupil, e.pupil.age(later))
                    new = w.pick_site(rng, kind, s.start, avoid=old)
                    if new is not None and w.sites[new].open_on(s.end):
                        s.site = new


def _fixed(
    w: World,
    rng: random.Random,
    y: int,
    pupils: list[Pupil],
    n: int,
    weight: Callable[[Pupil], float],
    used: set[int],
    counted: bool,
    rescinded: bool = False,
) -> list[Excl]:
    """n fixed-period exclusions of pupils in a weighted order (one to six each)."""
    out: list[Excl] = []
    if n <= 0:
        return out
    per_pupil = Weighted(FIXED_PER_PUPIL)
    sessions = Weighted(FIXED_SESSIONS)
    for p in _weighted_order(rng, pupils, weight):
        if len(out) >= n:
            break
        if p.order in used:
            continue
        k = 1 if rescinded else min(per_pupil.pick(rng), n - len(out))
        picked = _draw_days(w, rng, p, y, k, no_pru=False)
        if not picked:
            continue
        used.add(p.order)
        w.fixed_excluded.add((p.order, y))
        for day, seg in picked:
            lo, hi = sessions.pick(rng)
            school = w.sites[seg.site].urn_on(day)
            out.append(Excl(p, school, FIXED, day, rng.randint(lo, hi), rescinded, counted))
    return out


def write_exclusions(w: World, excl: list[Excl]) -> None:
    rows = w.sim.records["education_exclusions"]
    for e in sorted(excl, key=lambda e: (e.start, e.kind, e.pupil.order)):
        rows.append(
            Exclusion(
                exclusion_id=w.sim.next_id("EXC", 6),
                pupil_id=e.pupil.pupil_id,
                school_urn=e.school.school_urn,
                exclusion_type=e.kind,
                start_date=e.start,
                sessions=e.sessions,
                is_rescinded=w.sim.yn(e.rescinded),
                alternative_provision_start_date=e.provision,
            )
        )


# ---------------------------------------------------------------- census and attendance
@dataclass(slots=True, eq=False)
class Row:
    """An attendance enrolment before its absence is drawn."""

    pupil: Pupil
    school: School
    site: Site
    status: str
    possible: int
    measured: bool = False
    score: float = 0.0
    absence: int = 0


MEASURED_PHASES = (PRIMARY, SECONDARY, SPECIAL, ALL_THROUGH)


def _year_rows(w: World, p: Pupil, y: int) -> tuple[list[Row], list[tuple[School, str]]]:
    """A pupil's attendance rows of year y (one per school) and census registrations."""
    cal = w.cal
    census = cal.census[y]
    year = p.years[y]
    acc: dict[str, list] = {}
    for seg in year.segs:
        site = w.sites[seg.site]
        for school in site.urns:
            lo = max(seg.start, school.open_date)
            hi = min(seg.end, school.close_date or NEVER)
            if lo > hi:
                continue
            entry = acc.setdefault(school.school_urn, [school, site, 0, False])
            entry[2] += 2 * cal.count(lo, hi)
            entry[3] = entry[3] or lo <= census <= hi
    rows, census_regs = [], []
    for school, site, possible, at_census in acc.values():
        status = "M" if year.dual is not None and at_census else "C"
        rows.append(Row(p, school, site, status, possible))
        if at_census and p.in_census:
            census_regs.append((school, status))
    if year.dual is not None:
        site = w.sites[year.dual.site]
        school = site.urn_on(census)
        if school is not None:
            possible = 2 * cal.count(year.dual.start, year.dual.end)
            rows.append(Row(p, school, site, "S", possible))
            census_regs.append((school, "S"))
    return rows, census_regs


def registrations(w: World) -> None:
    """The census rows and the attendance rows, each year's absence drawn and calibrated."""
    census_rows = w.sim.records["education_school_census"]
    attendance = w.sim.records["education_pupil_attendance"]
    for y in YEARS:
        label = academic_year_label(y)
        rows: list[Row] = []
        census_of: list[tuple[Pupil, School, str]] = []
        for p in w.pupils:
            if y not in p.years:
                continue
            r, regs = _year_rows(w, p, y)
            rows += r
            census_of += [(p, school, status) for school, status in regs]
        for p, school, status in census_of:
            census_rows.append(
                SchoolCensus(
                    academic_year=label,
                    census_date=w.cal.census[y],
                    pupil_id=p.pupil_id,
                    school_urn=school.school_urn,
                    date_of_birth=p.dob,
                    enrolment_status=status,
                    is_resident_in_la=w.sim.yn(p.resident),
                    child_id=p.child_id,
                )
            )
        rows = _leave_out(w, y, rows)
        absence(w, y, rows)
        attendance.extend(_attendance_records(w, y, label, rows))


def _leave_out(w: World, y: int, rows: list[Row]) -> list[Row]:
    """A few census pupils whose attendance row is missing (a data-quality rule finds them)."""
    n = NO_ATTENDANCE_ROWS.get(y, 0)
    if n == 0:
        return rows
    rng = w.sim.stream("education", "no-attendance", y)
    census = w.cal.census[y]
    cands = [
        i
        for i, r in enumerate(rows)
        if r.status == "C"
        and r.pupil.in_census
        and r.pupil.child_id is None
        and not r.pupil.pinned
        and r.school.open_date <= census
        and r.pupil.seg_on(y, census) is not None
        and r.site.urn_on(census) is r.school
    ]
    drop = set(rng.sample(cands, min(n, len(cands))))
    return [r for i, r in enumerate(rows) if i not in drop]


def _fixed_threshold(w: World, y: int) -> int:
    """ceil(0.15 x 2 x the year's school days to the extraction date)."""
    return (3 * len(w.cal.days[y]) + 9) // 10


def _score(p: Pupil, row: Row, y: int, eps: float) -> float:
    s = RHO * p.z + math.sqrt(1 - RHO * RHO) * eps
    a = p.age(y)
    if row.site.phase == SPECIAL:
        s += SCORE_EFFECTS["special"]
    elif a >= 11:
        s += SCORE_EFFECTS["secondary"]
    if a == 15:
        s += SCORE_EFFECTS["year_11"]
    if p.child_id is not None:
        s += SCORE_EFFECTS["carefirst"]
    return s


def _other_rate(row: Row, a: int) -> float:
    if row.site.phase == PRU:
        return OTHER_RATES["pru"]
    if a <= 3 or row.site.phase == NURSERY:
        return OTHER_RATES["nursery"]
    if a == 4:
        return OTHER_RATES["reception"]
    if a >= 16:
        return OTHER_RATES["sixth_form"]
    return OTHER_RATES["other"]


def absence(w: World, y: int, rows: list[Row]) -> None:
    """Each enrolment's absence: the measure's enrolments by quota (an exact number over the
    fixed count, an exact number over 10% of their sessions, the sessions missed summing to
    the overall rate), the others at their stage's rate; ranks follow the pupils' propensity."""
    rng = w.sim.stream("education", "absence", y)
    for r in rows:
        a = r.pupil.age(y)
        r.score = _score(r.pupil, r, y, rng.gauss(0.0, 1.0))
        if (r.pupil.order, y) in w.fixed_excluded:
            r.score += EXCLUDED_EFFECT
        r.measured = (
            r.site.funded and r.site.phase in MEASURED_PHASES and r.possible > 0 and 5 <= a <= 15
        )
        if not r.measured:
            u = min(PHI(r.score - 0.2), 1 - 1e-9)
            rate = min(1.0, -_other_rate(r, a) * math.log(1 - u))
            r.absence = min(r.possible, round(rate * r.possible))
    _calibrate_absence(w, rng, y, [r for r in rows if r.measured])


def _calibrate_absence(w: World, rng: random.Random, y: int, rows: list[Row]) -> None:
    n = len(rows)
    if n == 0:
        return
    overall, pa15, pa10 = ABSENCE_TARGETS[y]
    T = _fixed_threshold(w, y)
    full = 2 * len(w.cal.days[y])
    n15, n10 = round(pa15 * n), round(pa10 * n)
    target = round(overall * sum(r.possible for r in rows))
    order = sorted(rows, key=lambda r: -r.score)
    base = {id(r): -overall * math.log((i + 0.5) / n) for i, r in enumerate(order)}
    high = [r for r in order if r.possible >= T + H_MARGIN][:n15]
    chosen = {id(r) for r in high}
    rest = [r for r in order if id(r) not in chosen]
    mid, low = rest[: max(0, n10 - len(high))], rest[max(0, n10 - len(high)) :]
    for r in high:
        r.absence = min(r.possible, max(T, round(base[id(r)] * r.possible)))
    for r in mid:
        lo, hi = (r.possible + 9) // 10, min(T - 1, r.possible)
        r.absence = min(hi, max(lo, round(base[id(r)] * r.possible)))
    _absence_edges(rng, y, high, mid, T, full)
    need = target - sum(r.absence for r in high) - sum(r.absence for r in mid)
    caps = [(r, (r.possible - 1) // 10, base[id(r)] * r.possible) for r in low]

    def filled(k: float) -> int:
        return sum(min(cap, round(k * b)) for _, cap, b in caps)

    lo_k, hi_k = 0.0, 50.0
    for _ in range(40):
        mid_k = (lo_k + hi_k) / 2
        if filled(mid_k) < need:
            lo_k = mid_k
        else:
            hi_k = mid_k
    for r, cap, b in caps:
        r.absence = min(cap, round(hi_k * b))


def _absence_edges(
    rng: random.Random, y: int, high: list[Row], mid: list[Row], T: int, full: int
) -> None:
    """An enrolment at exactly the fixed count with a full year's sessions, one at exactly 10%
    of its sessions, and (SLIP_YEARS) one keyed with more absence than sessions."""
    at_full = [r for r in high if r.possible == full]
    if at_full:
        min(at_full, key=lambda r: (r.absence, r.pupil.order)).absence = T
    tens = [r for r in mid if r.possible % 10 == 0 and r.possible // 10 < T]
    if tens:
        pick = min(tens, key=lambda r: (abs(r.possible - 380), r.pupil.order))
        pick.absence = pick.possible // 10
    short = [r for r in mid if 4 <= r.possible <= 40]
    if y in SLIP_YEARS and short:
        pick = short[rng.randrange(len(short))]
        pick.absence = pick.possible + rng.randint(1, 4)


def _attendance_records(w: World, y: int, label: str, rows: list[Row]) -> list[PupilAttendance]:
    rng = w.sim.stream("education", "absence-split", y)
    lo, slope = UNAUTHORISED_SHARE
    out = []
    for r in rows:
        share = min(0.9, max(0.0, lo + slope * PHI(r.score) + rng.gauss(0.0, 0.05)))
        unauth = round(r.absence * share)
        out.append(
            PupilAttendance(
                academic_year=label,
                pupil_id=r.pupil.pupil_id,
                school_urn=r.school.school_urn,
                date_of_birth=r.pupil.dob,
                enrolment_status=r.status,
                possible_sessions=r.possible,
                authorised_absence_sessions=r.absence - unauth,
                unauthorised_absence_sessions=unauth,
            )
        )
    return out


# ---------------------------------------------------------------- learning plans
def _hours(rng: random.Random, n: int, mean: float) -> list[float]:
    """n weekly hours from SPLP_HOURS whose sum is n x mean (to the nearest 2.5 hours): drawn,
    then stepped along the list of values one plan at a time."""
    values = [v for v, _ in SPLP_HOURS]
    pick = Weighted(SPLP_HOURS)
    idx = [values.index(pick.pick(rng)) for _ in range(n)]
    target = round(mean * n / 2.5) * 2.5
    for _ in range(10_000):
        diff = target - sum(values[i] for i in idx)
        if abs(diff) < 1e-9 or n == 0:
            break
        step = 1 if diff > 0 else -1
        movable = [j for j, i in enumerate(idx) if 0 <= i + step < len(values)]
        fits = [j for j in movable if abs(values[idx[j] + step] - values[idx[j]]) <= abs(diff)]
        pool = fits or movable
        if not pool:
            break
        idx[pool[rng.randrange(len(pool))]] += step
    return [values[i] for i in idx]


def _splp_pupils(w: World, y: int, excl: list[Excl]) -> list[Pupil]:
    """Pupils on one roll from the plans' first day to E, not permanently excluded that year,
    in a random order favouring secondary ages."""
    first = w.cal.on_or_after(SPLP_FROM) or SPLP_FROM
    excluded = {e.pupil.order for e in excl if e.kind == PERMANENT and _year_of(e.start) == y}
    cands = []
    for p in w.pupils:
        year = p.years.get(y)
        if not p.in_census or p.pinned or p.order in excluded or year is None:
            continue
        if year.dual is None and len(year.segs) == 1:
            seg = year.segs[0]
            if seg.start <= first and seg.end >= w.cal.E:
                cands.append(p)
    rng = w.sim.stream("education", "learning-plan-pupils", y)
    return _weighted_order(rng, cands, lambda p: SPLP_AGE.get(p.age(y), 0.0))


def _splp_dates(w: World, rng: random.Random, y: int, open_at_e: bool, edge: bool) -> tuple:
    """(start, end) of a plan: open at E (started in its last 30 weeks), the edge case (ended
    on E after SPLP_EDGE_WEEKS), or ended before E after 6-30 weeks."""
    cal, days = w.cal, w.cal.days[y]
    first = cal.on_or_after(SPLP_FROM) or SPLP_FROM
    if open_at_e:
        latest = max(first, cal.E - dt.timedelta(weeks=SPLP_WEEKS[1]))
        return _day_between(rng, days, latest, cal.E - DAY), None
    if edge:
        return cal.on_or_after(cal.E - dt.timedelta(weeks=SPLP_EDGE_WEEKS)) or first, cal.E
    start = _day_between(rng, days, first, cal.E - dt.timedelta(weeks=SPLP_WEEKS[0]))
    weeks = rng.randint(*SPLP_WEEKS)
    return start, min(start + dt.timedelta(weeks=weeks) - DAY, cal.E - DAY)


def learning_plans(w: World, excl: list[Excl]) -> None:
    """Special personalised learning plans from September 2015, one pupil each: the plans open
    at E to the document's counts and mean hours, the others ended by E (one on E itself)."""
    y = _year_of(w.cal.E)
    if w.cal.E < SPLP_FROM or y not in YEARS:
        return
    rng = w.sim.stream("education", "learning-plans", y)
    pupils = iter(_splp_pupils(w, y, excl))
    plans = []
    for by in ("LA", "SCHOOL"):
        for open_at_e, (n, mean) in ((True, SPLP_OPEN[by]), (False, SPLP_CLOSED[by])):
            for k, hours in enumerate(_hours(rng, round(n * w.sim.scale), mean)):
                edge = not open_at_e and by == "LA" and k == 0
                start, end = _splp_dates(w, rng, y, open_at_e, edge)
                pupil = next(pupils, None)
                if pupil is not None:
                    plans.append((start, len(plans), pupil, by, end, hours))
    rows = w.sim.records["education_learning_plans"]
    for start, _, p, by, end, hours in sorted(plans, key=lambda t: (t[0], t[1])):
        rows.append(
            LearningPlan(
                plan_id=w.sim.next_id("SPLP", 5),
                pupil_id=p.pupil_id,
                arranged_by=by,
                start_date=start,
                end_date=end,
                weekly_hours=hours,
            )
        )


def _day_between(rng: random.Random, days: list[dt.date], lo: dt.date, hi: dt.date) -> dt.date:
    """A school day between lo and hi at random (the nearest to lo if there is none)."""
    i, j = bisect_left(days, lo), bisect_right(days, hi) - 1
    if i > j:
        return days[min(i, len(days) - 1)]
    return days[rng.randint(i, j)]


# ---------------------------------------------------------------- children missing education
def _cme_children(w: World) -> list[tuple[str, dt.date, dt.date | None]]:
    return sorted(
        (c.child_id, c.date_of_birth, c.date_of_death) for c in w.sim.records["carefirst_children"]
    )


def cme_investigations(w: World) -> None:
    """Children missing education: the document's openings a year (on working days, mostly in
    term), closed 5-60 school days later (still open at E if later), an exact number found
    missing from education; a share of CareFirst children, a few children investigated again."""
    cal = w.cal
    known = _cme_children(w)
    made: list[tuple[dt.date, int, str, dt.date | None, str | None]] = []
    closed_before: list[tuple[dt.date, str]] = []  # (closed, child) of new children
    for y in YEARS:
        rng = w.sim.stream("education", "cme", y)
        first, last = cal.bounds(y)
        weekdays = []
        d = first
        while d <= last:
            if cal.wd.is_working_day(d):
                weekdays.append((d, 1.0 if cal.sd.is_school_day(d) else CME_HOLIDAY_WEIGHT))
            d += DAY
        pick = Weighted(weekdays)
        opened = sorted(pick.pick(rng) for _ in range(round(CME_OPENED[y] * w.sim.scale)))
        cases = []
        for day in opened:
            length = round(rng.triangular(*CME_SCHOOL_DAYS))
            start = cal.on_or_after(day)
            closed = cal.nth(start, length) if start is not None else None
            if closed is not None and closed > cal.E:
                closed = None
            cases.append([day, closed, length, None])
        _cme_outcomes(rng, cases, round(CME_MISSING[y] * w.sim.scale))
        ages = [k for k in known if CME_AGES[0] <= y - _cohort(k[1]) - 1 <= CME_AGES[1]]
        for day, closed, _, outcome in cases:
            child = _cme_child(w, rng, day, ages, closed_before)
            made.append((day, len(made), child, closed, outcome))
            if closed is not None and not child.startswith("CF:"):
                closed_before.append((closed, child))
    rows = w.sim.records["education_cme_investigations"]
    for day, _, child, closed, outcome in made:
        rows.append(
            CmeInvestigation(
                investigation_id=w.sim.next_id("CME", 6),
                child_id=child.removeprefix("CF:"),
                opened_date=day,
                closed_date=closed,
                outcome=outcome,
            )
        )


def _cme_outcomes(rng: random.Random, cases: list[list], missing: int) -> None:
    """Outcomes of the closed cases: exactly `missing` found missing from education (the longer
    searches more likely), the others by CME_OUTCOMES."""
    closed = [c for c in cases if c[1] is not None]
    order = _weighted_order(rng, closed, lambda c: float(c[2]))
    for c in order[:missing]:
        c[3] = MISSING
    pick = Weighted(CME_OUTCOMES)
    for c in closed:
        if c[3] is None:
            c[3] = pick.pick(rng)


def _cme_child(
    w: World,
    rng: random.Random,
    day: dt.date,
    ages: list[tuple[str, dt.date, dt.date | None]],
    closed_before: list[tuple[dt.date, str]],
) -> str:
    """The investigation's child: a CareFirst child of compulsory school age (marked CF:), a
    child investigated before, or a new council person id."""
    r = rng.random()
    if r < P_CME_CAREFIRST and ages:
        child_id, _, died = ages[rng.randrange(len(ages))]
        if died is None or died > day:
            return "CF:" + child_id
    if r < P_CME_CAREFIRST + P_CME_REPEAT:
        earlier = [c for d, c in closed_before if d < day]
        if earlier:
            return earlier[rng.randrange(len(earlier))]
    return w.sim.next_id("C", 6)
