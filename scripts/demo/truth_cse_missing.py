"""Ground truth of the CSE & Missing, Domestic Violence, FGM section (issue 12: the issue's
definitions, which the SQL and the generator share; docs/design.md, "CSE & Missing, Domestic
Violence, FGM" (`cse_missing_dv_fgm`), when the section is written there), from the
generator's own records (`carefirst_missing_episodes`, `carefirst_cse_screenings`,
`carefirst_mase_discussions`, `carefirst_assessment_factors`, `marac_referrals`, with
`carefirst_assessments`, `carefirst_referrals`, `carefirst_cp_plans` and
`carefirst_lac_episodes`), never from the SQL.

Each function quotes the rule it follows. R is the report date; a window is [p.start, p.end]
inclusive. The missing measures' year columns are financial years, their Latest R's calendar
month (1st of the month to R) and their table the twelve calendar months ending with R's; the
return home interviews' year columns are the fourth quarters (1 January to 31 March) and their
Latest the latest complete financial quarter. For the snapshot measures S is the window's end
(31 March for a year column, R for the Latest). "Datetimes: `start_datetime`, `end_datetime`,
`rhi_offered_datetime`, `rhi_datetime` are "YYYY-MM-DD HH:MM" (minutes, no seconds) in the
extract. A datetime's date is its calendar day." "Own authority: the run's la_code" (Facts.la_code).
Readings of points the definitions leave open are marked "Reading:".
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import defaultdict
from collections.abc import Callable

from .dates import add_months
from .ground_truth import SHORT_BREAK_LS, Facts, Period, in_window, measure, open_at

MISSING = "M"  # missing_type: M missing, A away (never counted)
NOT_KNOWN, CIN_CP, LAC = "not_known_to_social_care", "cin_cp", "lac"
RHI_LIMIT = dt.timedelta(hours=72)
AT_RISK_LEVELS = {"LOW", "MEDIUM", "HIGH"}
HIGH = "HIGH"
RISK_RANK = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}
BARNARDOS_JST = "BARNARDOS_JST"
FGM_FACTOR = "22A"  # CIN census factor at the end of assessment: female genital mutilation

# indexes built once per Facts (the records do not change while the measures run)
_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(f: Facts, name: str, build: Callable[[Facts], object]):
    """An index over f's records, built on first use and kept while f lives."""
    built = _INDEXES.setdefault(f, {})
    if name not in built:
        built[name] = build(f)
    return built[name]


# ---------------------------------------------------------------------------- missing episodes
def _episodes(f: Facts) -> list:
    return f.records["carefirst_missing_episodes"]


def is_responsible(f: Facts, e) -> bool:
    """ "'Responsible' episode: responsible_la_code empty or equal to the record's la_code
    (children placed here by another authority, responsible_la_code a different code, are left
    out of every missing/RHI measure)." The record's la_code is the run's, Facts.la_code."""
    code = e.responsible_la_code
    if code is None or str(code).strip() == "":
        return True
    if f.la_code is None:
        raise ValueError("Facts(..., la_code=...) is needed to tell the responsible authority")
    return str(code).strip() == str(f.la_code)


def is_counted_kind(f: Facts, e) -> bool:
    """An episode of the counted kind: "missing_type = 'M' (A = away: never counted),
    responsible"."""
    return e.missing_type == MISSING and is_responsible(f, e)


def _referrals_by_child(f: Facts) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for r in f.referrals:
        out[r.child_id].append(r)
    return out


def missing_status(f: Facts, child_id: str, d: dt.date) -> str:
    """ "Status of the child at the episode's start date d (the datetime's date), first match
    wins, 'open at d' meaning start <= d and (end null or end > d) ...:
    1. `lac`: a looked-after spell open at d (carefirst_lac_episodes, short breaks V3/V4 left
       out) -- ground truth: d in Facts.looked_after_at(d).
    2. `cin_cp`: a CP plan open at d, or a referral that did not end in NFA (is_nfa != 'Y') open
       at d (referral_date <= d, closure_date null or > d) -- Facts.on_plan_at(d) and the
       referral rule of _cin_sets.
    3. `not_known_to_social_care`: otherwise (a child with no CareFirst record at all, or none
       open at d)."
    Computed for the one child: its open episode as Facts.looked_after_at finds it (the child's
    first episode open at d, not a short break), any of its plans open at d (Facts.on_plan_at),
    any of its referrals open at d and not NFA."""
    episode = f.open_episode(child_id, d)
    if episode is not None and episode.legal_status not in SHORT_BREAK_LS:
        return LAC
    if any(open_at(pl.start_date, pl.end_date, d) for pl in f.plans_by_child.get(child_id, ())):
        return CIN_CP
    referrals = _index(f, "referrals_by_child", _referrals_by_child).get(child_id, ())
    if any(r.is_nfa != "Y" and open_at(r.referral_date, r.closure_date, d) for r in referrals):
        return CIN_CP
    return NOT_KNOWN


def missing_episodes_counted(f: Facts, p: Period, status: str | None = None) -> list:
    """ "Counted episode: missing_type = 'M' (A = away: never counted), responsible,
    start_datetime's date in the window (start on 2016-01-31 23:59 is January)", and, for a
    status, "the episodes whose status at start is that status" (missing_status)."""
    out = []
    for e in _episodes(f):
        if not is_counted_kind(f, e) or not in_window(e.start_datetime.date(), p):
            continue
        if status is None or missing_status(f, e.child_id, e.start_datetime.date()) == status:
            out.append(e)
    return out


def _incidents(f: Facts, p: Period, status: str | None = None):
    return len(missing_episodes_counted(f, p, status)), None


def _young_people(f: Facts, p: Period, status: str | None = None):
    return len({e.child_id for e in missing_episodes_counted(f, p, status)}), None


@measure
def missing_incidents_all(f: Facts, p: Period):
    """ "`missing_incidents_all`: counted episodes starting in the window." """
    return _incidents(f, p)


@measure
def missing_young_people_all(f: Facts, p: Period):
    """ "`missing_young_people_all`: distinct child_id of those episodes." """
    return _young_people(f, p)


@measure
def missing_incidents_not_known_to_social_care(f: Facts, p: Period):
    """ "`missing_incidents_<status>` ...: the episodes whose status at start is that status":
    not known to social care (no looked-after spell, CP plan or non-NFA referral open at the
    start date)."""
    return _incidents(f, p, NOT_KNOWN)


@measure
def missing_young_people_not_known_to_social_care(f: Facts, p: Period):
    """ "`missing_young_people_<status>` ...: ... and their distinct children": of the episodes
    whose child was not known to social care at the start. "A child missing twice in a month,
    once while looked after and once after care ended, counts once in each split (not additive
    across splits)." """
    return _young_people(f, p, NOT_KNOWN)


@measure
def missing_incidents_cin_cp(f: Facts, p: Period):
    """ "`missing_incidents_<status>`": the episodes whose child, not looked after, was on a CP
    plan or had a referral open (not NFA) at the start date."""
    return _incidents(f, p, CIN_CP)


@measure
def missing_young_people_cin_cp(f: Facts, p: Period):
    """ "`missing_young_people_<status>`": the distinct children of the cin_cp episodes."""
    return _young_people(f, p, CIN_CP)


@measure
def missing_incidents_lac(f: Facts, p: Period):
    """ "`missing_incidents_<status>`": the episodes whose child was looked after (short breaks
    V3/V4 left out) at the start date; a child also on a plan counts here only (first match)."""
    return _incidents(f, p, LAC)


@measure
def missing_young_people_lac(f: Facts, p: Period):
    """ "`missing_young_people_<status>`": the distinct children of the lac episodes."""
    return _young_people(f, p, LAC)


# ---------------------------------------------------------------------------- return home interviews
def rhi_episodes(f: Facts, p: Period) -> list:
    """ "Denominator: counted-kind episodes (missing_type 'M', responsible) with end_datetime in
    the window (episodes still open, end_datetime null, are in no denominator)." """
    return [
        e
        for e in _episodes(f)
        if is_counted_kind(f, e)
        and e.end_datetime is not None
        and in_window(e.end_datetime.date(), p)
    ]


def _within_72_hours(moment: dt.datetime | None, e) -> bool:
    """ "<= end_datetime + 72 hours (72h exactly counts; 72h and one minute does not)"."""
    return moment is not None and moment <= e.end_datetime + RHI_LIMIT


@measure
def rhi_within_72_hours_episodes(f: Facts, p: Period):
    """ "numerator = those with is_rhi_offered = 'Y' and rhi_offered_datetime not null and
    rhi_offered_datetime <= end_datetime + 72 hours" / the episodes ending in the window
    (rhi_episodes)."""
    episodes = rhi_episodes(f, p)
    offered = sum(
        1
        for e in episodes
        if e.is_rhi_offered == "Y" and _within_72_hours(e.rhi_offered_datetime, e)
    )
    return offered, len(episodes)


@measure
def rhi_within_72_hours_interviews(f: Facts, p: Period):
    """ "numerator = those with rhi_datetime not null and rhi_datetime <= end_datetime + 72
    hours" / the episodes ending in the window (rhi_episodes)."""
    episodes = rhi_episodes(f, p)
    return sum(1 for e in episodes if _within_72_hours(e.rhi_datetime, e)), len(episodes)


def rhi_exception_reason(e) -> str | None:
    """The reason an episode of the denominator has no interview within 72 hours (None when it
    has one): "first match, `not_offered` (is_rhi_offered = 'N' or rhi_offered_datetime null),
    `declined` (is_rhi_accepted = 'N'), `late` (rhi_datetime after end + 72h), `not_held`
    (offered, not declined, no interview recorded)"."""
    if _within_72_hours(e.rhi_datetime, e):
        return None
    if e.is_rhi_offered == "N" or e.rhi_offered_datetime is None:
        return "not_offered"
    if e.is_rhi_accepted == "N":
        return "declined"
    if e.rhi_datetime is not None:
        return "late"
    return "not_held"


def rhi_interview_exceptions(f: Facts, p: Period) -> list[tuple[str, str]]:
    """The exception list of rhi_within_72_hours_interviews ("polarity high: the failing units
    are denominator minus numerator"): (missing_episode_id, reason) of each episode of the
    denominator without an interview within 72 hours, by missing_episode_id."""
    listed = [(e.missing_episode_id, rhi_exception_reason(e)) for e in rhi_episodes(f, p)]
    return sorted((i, reason) for i, reason in listed if reason is not None)


# ---------------------------------------------------------------------------- CSE
def _screenings(f: Facts) -> list:
    return f.records["carefirst_cse_screenings"]


def _discussions(f: Facts) -> list:
    return f.records["carefirst_mase_discussions"]


def latest_screenings(f: Facts, S: dt.date) -> dict[str, object]:
    """child_id -> the child's "latest screening (screening_date <= S; ties: the highest
    screening_id as text)", whatever its tool or risk level."""
    out: dict[str, object] = {}
    for s in _screenings(f):
        if s.screening_date > S:
            continue
        cur = out.get(s.child_id)
        if cur is None or (s.screening_date, str(s.screening_id)) > (
            cur.screening_date,
            str(cur.screening_id),
        ):
            out[s.child_id] = s
    return out


def at_risk(f: Facts, S: dt.date) -> dict[str, object]:
    """child_id -> latest screening of the children at risk of CSE at S: "children whose latest
    screening (screening_date <= S; ties: the highest screening_id as text) is at
    LOW/MEDIUM/HIGH and was on or after S - 12 months + 1 day (add_months(S, -12) < date). A
    screening 13 months old does not count; a later NONE screening ends the risk." """
    year_before = add_months(S, -12)
    return {
        cid: s
        for cid, s in latest_screenings(f, S).items()
        if s.risk_level in AT_RISK_LEVELS and year_before < s.screening_date
    }


@measure
def cse_at_risk(f: Facts, p: Period):
    """ "`cse_at_risk` (count; year columns: S = 31 March; Latest snapshot S = R)": the
    children at risk at S (at_risk)."""
    return len(at_risk(f, p.end)), None


def _high_risk_and_discussed(f: Facts, S: dt.date) -> tuple[set[str], set[str]]:
    """(children at high risk at S, those discussed at MASE in the 12 months to S)."""
    high = {cid for cid, s in at_risk(f, S).items() if s.risk_level == HIGH}
    year_before = add_months(S, -12)
    discussed = {d.child_id for d in _discussions(f) if year_before < d.meeting_date <= S} & high
    return high, discussed


@measure
def cse_high_risk_discussed_at_mase(f: Facts, p: Period):
    """ "denominator: children at risk at S (as cse_at_risk) whose latest screening is HIGH;
    numerator: those with a MASE discussion with meeting_date in (S - 12 months, S]
    (add_months(S, -12) < meeting_date <= S)" (FY snapshot at 31 March, Latest snapshot at R)."""
    high, discussed = _high_risk_and_discussed(f, p.end)
    return len(discussed), len(high)


def cse_high_risk_not_discussed(f: Facts, p: Period) -> list[str]:
    """The exception list of cse_high_risk_discussed_at_mase: "the denominator children without
    one ('children at high CSE risk not discussed at MASE')", by child_id."""
    high, discussed = _high_risk_and_discussed(f, p.end)
    return sorted(high - discussed)


@measure
def mase_meetings(f: Facts, p: Period):
    """ "distinct meeting_id with meeting_date in the window." """
    return len({d.meeting_id for d in _discussions(f) if in_window(d.meeting_date, p)}), None


@measure
def cse_risk_reduced(f: Facts, p: Period):
    """ "children with at least two discussions (rows) with meeting_date in the window; their
    first and latest in the window by (meeting_date, meeting_id); numerator: latest risk below
    first (LOW < MEDIUM < HIGH); denominator: those children." Readings: meeting_id is ordered
    as text; a risk level other than LOW, MEDIUM or HIGH is below nothing and nothing is below
    it (the child counts in the denominator only)."""
    by_child: dict[str, list] = defaultdict(list)
    for d in _discussions(f):
        if in_window(d.meeting_date, p):
            by_child[d.child_id].append(d)
    num = den = 0
    for rows in by_child.values():
        if len(rows) < 2:
            continue
        den += 1
        rows.sort(key=lambda d: (d.meeting_date, str(d.meeting_id)))
        first, latest = RISK_RANK.get(rows[0].risk_level), RISK_RANK.get(rows[-1].risk_level)
        if first is not None and latest is not None and latest < first:
            num += 1
    return num, den


@measure
def barnardos_jst_screenings(f: Facts, p: Period):
    """ "screenings with tool = 'BARNARDOS_JST' and screening_date in the window (each
    screening; NONE outcomes count too)." """
    return sum(
        1 for s in _screenings(f) if s.tool == BARNARDOS_JST and in_window(s.screening_date, p)
    ), None


# ---------------------------------------------------------------------------- MARAC
def _marac(f: Facts) -> list:
    return f.records["marac_referrals"]


def _repeat_referral_ids(f: Facts) -> frozenset[str]:
    """ "A referral is a repeat when the same victim has an earlier referral (referral_date
    before it; same date: ordered by referral_id, the earlier id is earlier) and this
    referral's date <= add_months(previous referral's date, 12) where previous = the victim's
    latest earlier referral (exactly 12 months later counts; 12 months and a day does not; a
    third referral is judged against the second)." Reading: referral_id is ordered as text."""
    by_victim: dict[str, list] = defaultdict(list)
    for r in _marac(f):
        by_victim[r.victim_id].append(r)
    repeats = set()
    for referrals in by_victim.values():
        referrals.sort(key=lambda r: (r.referral_date, str(r.referral_id)))
        for previous, r in zip(referrals, referrals[1:], strict=False):
            if r.referral_date <= add_months(previous.referral_date, 12):
                repeats.add(r.referral_id)
    return frozenset(repeats)


def repeat_referral_ids(f: Facts) -> frozenset[str]:
    """The referral_id of every repeat referral, over all the victims' history."""
    return _index(f, "repeat_referral_ids", _repeat_referral_ids)


def _marac_in_window(f: Facts, p: Period) -> list:
    return [r for r in _marac(f) if in_window(r.referral_date, p)]


@measure
def marac_referrals(f: Facts, p: Period):
    """ "referrals with referral_date in the window (repeats included)." """
    return len(_marac_in_window(f, p)), None


@measure
def marac_repeat_referrals(f: Facts, p: Period):
    """ "numerator: referrals in the window that are repeats; denominator: all referrals in the
    window" (repeat_referral_ids)."""
    referrals = _marac_in_window(f, p)
    repeats = repeat_referral_ids(f)
    return sum(1 for r in referrals if r.referral_id in repeats), len(referrals)


def marac_repeat_referral_list(f: Facts, p: Period) -> list[str]:
    """The exception list of marac_repeat_referrals: "the repeat referrals (polarity low: the
    listed units are the numerator)", by referral_id."""
    repeats = repeat_referral_ids(f)
    return sorted(r.referral_id for r in _marac_in_window(f, p) if r.referral_id in repeats)


# ---------------------------------------------------------------------------- FGM
def fgm_assessments(f: Facts, p: Period) -> list:
    """ "Assessments completed = carefirst_assessments with authorised_date in the window" ...
    "completed assessments with a factor_code '22A' row (same assessment_id)"."""
    fgm_ids = {
        a.assessment_id
        for a in f.records["carefirst_assessment_factors"]
        if a.factor_code == FGM_FACTOR
    }
    return [
        a for a in f.assessments if in_window(a.authorised_date, p) and a.assessment_id in fgm_ids
    ]


@measure
def fgm_assessments_identified(f: Facts, p: Period):
    """ "`fgm_assessments_identified` (count; FY, Latest rolling_12_months): completed
    assessments with a factor_code '22A' row (same assessment_id)." """
    return len(fgm_assessments(f, p)), None


@measure
def fgm_children_identified(f: Facts, p: Period):
    """ "`fgm_children_identified` (count): distinct child_id of those assessments." Reading:
    the assessment's child_id (carefirst_assessments), not the factor row's."""
    return len({a.child_id for a in fgm_assessments(f, p)}), None
