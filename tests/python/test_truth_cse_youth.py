"""The ground truth of issue 12 (scripts/demo/truth_cse_missing.py, truth_youth_offending.py) on
small hand-made record sets: the issue's edge cases, and the period bases they need
(`fourth_quarter` year columns, the `calendar_month` Latest and table). No warehouse needed."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
REFERENCE = PROJECT_DIR / "seeds" / "reference"
SECTIONS = ("cse_missing_dv_fgm", "youth_offending")

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from demo.dates import WorkingDays  # noqa: E402
from demo.records import (  # noqa: E402
    EXTRACT_COLUMNS,
    Assessment,
    AssessmentFactor,
    CPPlan,
    CseScreening,
    Episode,
    MaracReferral,
    MaseDiscussion,
    MissingEpisode,
    Referral,
    RemandDecision,
    YotDisposal,
    YotIntervention,
)

from demo import ground_truth as gt  # noqa: E402
from demo import truth_cse_missing as cse  # noqa: E402
from demo import truth_youth_offending as yot  # noqa: E402

R = dt.date(2016, 7, 31)
LA = "336"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def wd() -> WorkingDays:
    return WorkingDays(2010, 2020)


@pytest.fixture
def facts(wd):
    """Facts over the given extracts' records (every other extract empty)."""

    def make(**extracts) -> gt.Facts:
        records = {name: [] for name in EXTRACT_COLUMNS}
        records.update(extracts)
        return gt.Facts(records, wd, la_code=LA, report_date=R)

    return make


def period(key: str, basis: str) -> gt.Period:
    return next(p for p in gt.reporting_periods(R) if p.key == key and p.basis == basis)


def month(year: int, m: int) -> gt.Period:
    return period(f"month_{year}_{m:02d}", "calendar_month")


YEAR_3 = period("year_3", "financial_year")
YEAR_2 = period("year_2", "financial_year")
LATEST_QUARTER = period("latest", "financial_quarter")
LATEST_ROLLING = period("latest", "rolling_12_months")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def missing(
    episode_id: str,
    child_id: str,
    start: str,
    end: str | None = None,
    *,
    missing_type: str = "M",
    offered: str | None = None,
    offered_at: str | None = None,
    interview_at: str | None = None,
    accepted: str | None = None,
    responsible: str | None = None,
) -> MissingEpisode:
    return MissingEpisode(
        episode_id,
        child_id,
        missing_type,
        at(start),
        at(end) if end else None,
        offered,
        at(offered_at) if offered_at else None,
        at(interview_at) if interview_at else None,
        accepted,
        responsible,
    )


def lac_episode(episode_id: str, child_id: str, start: str, end: str | None = None, ls="C2"):
    return Episode(
        episode_id,
        child_id,
        D(start),
        "S",
        ls,
        "N1",
        "U1",
        "PR1",
        None,
        D(end) if end else None,
        "E11" if end else None,
        None,
        None,
        None,
    )


def cp_plan(plan_id: str, child_id: str, start: str, end: str | None = None) -> CPPlan:
    return CPPlan(plan_id, child_id, "REF1", D(start), D(end) if end else None, "N", "N", 28, 0)


def referral(referral_id: str, child_id: str, start: str, end: str | None = None, nfa="N"):
    return Referral(referral_id, child_id, D(start), "1A", "N1", nfa, D(end) if end else None, None)


# ---------------------------------------------------------------------------- periods
def test_fourth_quarter_year_columns():
    """year_k on `fourth_quarter`: 1 January..31 March of the financial year's end, labelled as
    the financial year, with the financial year's population year."""
    periods = {p.key: p for p in gt.reporting_periods(R) if p.basis == "fourth_quarter"}
    assert [(p.label, p.start, p.end) for p in periods.values()] == [
        ("2013/14", D("2014-01-01"), D("2014-03-31")),
        ("2014/15", D("2015-01-01"), D("2015-03-31")),
        ("2015/16", D("2016-01-01"), D("2016-03-31")),
    ]
    assert list(periods) == ["year_1", "year_2", "year_3"]
    assert all(p.kind == "year" for p in periods.values())
    for key, p in periods.items():
        assert p.population_year == period(key, "financial_year").population_year


def test_calendar_month_latest_and_table():
    """The calendar_month Latest is R's month to R; its table the twelve calendar months ending
    with R's own, keyed month_YYYY_MM and labelled like Aug 2015, after the quarters."""
    latest = period("latest", "calendar_month")
    assert (latest.start, latest.end, latest.label) == (D("2016-07-01"), R, "Latest")
    periods = gt.reporting_periods(R)
    months = [p for p in periods if p.basis == "calendar_month" and p.kind == "series"]
    assert [p.key for p in months][0] == "month_2015_08" and len(months) == 12
    assert [p.key for p in months][-1] == "month_2016_07"
    assert months[0].label == "Aug 2015" and months[6].label == "Feb 2016"
    assert (months[6].start, months[6].end) == (D("2016-02-01"), D("2016-02-29"))
    # appended after the other series periods: the quarters keep their place
    series = [p.basis for p in periods if p.kind == "series"]
    assert series == ["financial_quarter"] * 9 + ["calendar_month"] * 12
    assert {"fourth_quarter", "calendar_month"} <= gt.YEAR_BASES | gt.LATEST_BASES
    assert "calendar_month" in gt.SERIES_BASES


def test_a_month_series_as_the_sql_selects_it():
    """Months starting after 1st of R's month - 12 months and ending on or before R: at a
    report date within a month, its unfinished month is not listed (as in the SQL)."""
    keys = [p.key for p in gt.month_series_periods(D("2016-07-15"))]
    assert keys[0] == "month_2015_08" and keys[-1] == "month_2016_06" and len(keys) == 11
    keys = [p.key for p in gt.month_series_periods(D("2016-02-29"))]
    assert keys[0] == "month_2015_03" and keys[-1] == "month_2016_02" and len(keys) == 12


# ---------------------------------------------------------------------------- missing
def test_an_episode_starting_on_a_months_last_minute_is_that_month(facts):
    f = facts(
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-01-31 23:59", "2016-02-01 08:00"),
            missing("E2", "C2", "2016-02-01 00:00", "2016-02-01 09:00"),
        ]
    )
    assert cse.missing_incidents_all(f, month(2016, 1)) == (1, None)
    assert cse.missing_incidents_all(f, month(2016, 2)) == (1, None)
    assert cse.missing_young_people_all(f, month(2016, 1)) == (1, None)
    assert [e.missing_episode_id for e in cse.missing_episodes_counted(f, month(2016, 1))] == ["E1"]


def test_an_away_episode_is_not_counted(facts):
    f = facts(
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-03-05 20:00", "2016-03-06 08:00", missing_type="A"),
        ]
    )
    for fn in (cse.missing_incidents_all, cse.missing_young_people_all):
        assert fn(f, month(2016, 3)) == (0, None)
        assert fn(f, YEAR_3) == (0, None)
    assert cse.missing_incidents_not_known_to_social_care(f, month(2016, 3)) == (0, None)
    q4 = period("year_3", "fourth_quarter")
    assert cse.rhi_within_72_hours_episodes(f, q4) == (0, 0)


def test_a_child_looked_after_and_on_a_plan_counts_as_lac_only(facts):
    f = facts(
        carefirst_lac_episodes=[lac_episode("L1", "C1", "2015-06-01")],
        carefirst_cp_plans=[cp_plan("P1", "C1", "2015-01-01")],
        carefirst_referrals=[referral("R1", "C1", "2014-12-01")],
        carefirst_missing_episodes=[missing("E1", "C1", "2016-03-10 21:00", "2016-03-11 07:00")],
    )
    m = month(2016, 3)
    assert cse.missing_incidents_lac(f, m) == (1, None)
    assert cse.missing_young_people_lac(f, m) == (1, None)
    assert cse.missing_incidents_cin_cp(f, m) == (0, None)
    assert cse.missing_incidents_not_known_to_social_care(f, m) == (0, None)
    # the status rule agrees with Facts.looked_after_at and Facts.on_plan_at
    d = D("2016-03-10")
    assert "C1" in f.looked_after_at(d) and "C1" in f.on_plan_at(d)


def test_statuses_follow_the_open_at_convention_and_short_breaks(facts):
    """A spell ending on the start date is not open at it; a short break (V3) is not looked
    after; an NFA referral never made the child known; an open non-NFA referral is cin_cp."""
    f = facts(
        carefirst_lac_episodes=[
            lac_episode("L1", "C1", "2015-06-01", "2016-03-10"),
            lac_episode("L2", "C2", "2016-03-01", "2016-03-20", ls="V3"),
        ],
        carefirst_cp_plans=[cp_plan("P1", "C3", "2015-01-01", "2016-03-10")],
        carefirst_referrals=[
            referral("R1", "C4", "2016-02-01", nfa="Y"),
            referral("R2", "C5", "2016-02-01", "2016-04-01"),
        ],
    )
    d = D("2016-03-10")
    assert cse.missing_status(f, "C1", d) == cse.NOT_KNOWN
    assert cse.missing_status(f, "C1", D("2016-03-09")) == cse.LAC
    assert cse.missing_status(f, "C2", d) == cse.NOT_KNOWN
    assert cse.missing_status(f, "C3", d) == cse.NOT_KNOWN
    assert cse.missing_status(f, "C3", D("2016-03-09")) == cse.CIN_CP
    assert cse.missing_status(f, "C4", d) == cse.NOT_KNOWN
    assert cse.missing_status(f, "C5", d) == cse.CIN_CP
    assert cse.missing_status(f, "C9", d) == cse.NOT_KNOWN


def test_a_child_missing_twice_in_two_statuses_counts_once_in_each(facts):
    """Once while looked after, once after care ended: once in each split, once in the total
    of young people (the splits are not additive)."""
    f = facts(
        carefirst_lac_episodes=[lac_episode("L1", "C1", "2015-06-01", "2016-04-15")],
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-04-03 22:00", "2016-04-04 09:00"),
            missing("E2", "C1", "2016-04-15 23:00", "2016-04-16 10:00"),
        ],
    )
    m = month(2016, 4)
    assert cse.missing_incidents_all(f, m) == (2, None)
    assert cse.missing_young_people_all(f, m) == (1, None)
    assert cse.missing_incidents_lac(f, m) == (1, None)
    assert cse.missing_young_people_lac(f, m) == (1, None)
    assert cse.missing_incidents_not_known_to_social_care(f, m) == (1, None)
    assert cse.missing_young_people_not_known_to_social_care(f, m) == (1, None)
    assert cse.missing_young_people_cin_cp(f, m) == (0, None)
    # the financial year and the month's Latest count the same way
    assert cse.missing_young_people_all(f, period("year_3", "financial_year")) == (0, None)
    assert cse.missing_young_people_all(f, period("latest", "calendar_month")) == (0, None)
    q1 = period("latest", "financial_quarter")  # not a missing basis, but a window all the same
    assert cse.missing_young_people_lac(f, q1) == (1, None)


def test_an_episode_of_a_child_another_authority_placed_here_is_not_counted(facts):
    f = facts(
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-02-10 20:00", "2016-02-11 08:00", responsible="330"),
            missing("E2", "C2", "2016-02-12 20:00", "2016-02-13 08:00", responsible=LA),
            missing("E3", "C3", "2016-02-14 20:00", "2016-02-15 08:00", responsible=""),
            missing("E4", "C4", "2016-02-16 20:00", "2016-02-17 08:00"),
        ]
    )
    assert cse.missing_incidents_all(f, month(2016, 2)) == (3, None)
    assert cse.missing_young_people_not_known_to_social_care(f, month(2016, 2)) == (3, None)
    q4 = period("year_3", "fourth_quarter")
    assert cse.rhi_within_72_hours_interviews(f, q4) == (0, 3)
    # the authority's own code is the run's: without it, another's cannot be told apart
    unknown = gt.Facts(f.records, f.wd)
    with pytest.raises(ValueError, match="la_code"):
        cse.missing_incidents_all(unknown, month(2016, 2))


# ---------------------------------------------------------------------------- return home interviews
def test_an_interview_at_72_hours_exactly_counts_and_one_minute_later_does_not(facts):
    end = "2016-02-10 10:00"
    f = facts(
        carefirst_missing_episodes=[
            missing(
                "E1",
                "C1",
                "2016-02-09 20:00",
                end,
                offered="Y",
                offered_at="2016-02-13 10:00",
                accepted="Y",
                interview_at="2016-02-13 10:00",
            ),
            missing(
                "E2",
                "C2",
                "2016-02-09 20:00",
                end,
                offered="Y",
                offered_at="2016-02-13 10:01",
                accepted="Y",
                interview_at="2016-02-13 10:01",
            ),
        ]
    )
    q4 = period("year_3", "fourth_quarter")
    assert cse.rhi_within_72_hours_episodes(f, q4) == (1, 2)
    assert cse.rhi_within_72_hours_interviews(f, q4) == (1, 2)
    assert cse.rhi_interview_exceptions(f, q4) == [("E2", "late")]
    # the financial year is not the RHI year column: Q4 alone is
    assert q4.start == D("2016-01-01")


def test_an_episode_still_open_is_in_no_rhi_denominator(facts):
    f = facts(
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-06-29 20:00"),
            missing("E2", "C2", "2016-03-30 20:00", "2016-04-02 09:00"),
        ]
    )
    for p in gt.reporting_periods(R):
        assert "E1" not in {e.missing_episode_id for e in cse.rhi_episodes(f, p)}
    # ending on 2 April: in the 2016/17 Q1 denominator, not 2015/16 Q4's though it started then
    assert cse.rhi_within_72_hours_interviews(f, LATEST_QUARTER) == (0, 1)
    assert cse.rhi_within_72_hours_interviews(f, period("year_3", "fourth_quarter")) == (0, 0)


def test_rhi_exception_reasons_first_match(facts):
    end = "2016-05-10 10:00"
    f = facts(
        carefirst_missing_episodes=[
            missing("E1", "C1", "2016-05-09 20:00", end, offered="N"),
            missing("E2", "C2", "2016-05-09 20:00", end, offered="Y"),
            missing(
                "E3",
                "C3",
                "2016-05-09 20:00",
                end,
                offered="Y",
                offered_at="2016-05-10 12:00",
                accepted="N",
            ),
            missing(
                "E4",
                "C4",
                "2016-05-09 20:00",
                end,
                offered="Y",
                offered_at="2016-05-10 12:00",
                accepted="Y",
                interview_at="2016-05-20 12:00",
            ),
            missing(
                "E5",
                "C5",
                "2016-05-09 20:00",
                end,
                offered="Y",
                offered_at="2016-05-10 12:00",
                accepted="Y",
            ),
            missing(
                "E6",
                "C6",
                "2016-05-09 20:00",
                end,
                offered="Y",
                offered_at="2016-05-10 12:00",
                accepted="Y",
                interview_at="2016-05-11 12:00",
            ),
        ]
    )
    assert cse.rhi_interview_exceptions(f, LATEST_QUARTER) == [
        ("E1", "not_offered"),
        ("E2", "not_offered"),
        ("E3", "declined"),
        ("E4", "late"),
        ("E5", "not_held"),
    ]
    # offered within 72 hours: E3, E4, E5, E6; held within 72 hours: E6
    assert cse.rhi_within_72_hours_episodes(f, LATEST_QUARTER) == (4, 6)
    assert cse.rhi_within_72_hours_interviews(f, LATEST_QUARTER) == (1, 6)


# ---------------------------------------------------------------------------- CSE
def screening(sid: str, child: str, date: str, risk: str, tool="BARNARDOS_JST") -> CseScreening:
    return CseScreening(sid, child, D(date), tool, risk)


def test_a_screening_13_months_old_is_not_at_risk(facts):
    f = facts(
        carefirst_cse_screenings=[
            screening("S1", "C1", "2015-02-28", "MEDIUM"),  # 13 months before 31 March 2016
            screening("S2", "C2", "2015-03-31", "HIGH"),  # S - 12 months exactly: out
            screening("S3", "C3", "2015-04-01", "LOW"),  # S - 12 months + 1 day: in
        ]
    )
    assert cse.cse_at_risk(f, YEAR_3) == (1, None)
    assert set(cse.at_risk(f, D("2016-03-31"))) == {"C3"}
    assert set(cse.at_risk(f, D("2016-01-31"))) == {"C1", "C2", "C3"}


def test_a_later_none_screening_ends_the_risk(facts):
    f = facts(
        carefirst_cse_screenings=[
            screening("S1", "C1", "2015-10-01", "HIGH"),
            screening("S2", "C1", "2016-01-10", "NONE"),
            # same day: the highest screening_id as text is the latest ("S9" > "S10")
            screening("S10", "C2", "2016-02-01", "NONE"),
            screening("S9", "C2", "2016-02-01", "LOW"),
        ]
    )
    assert set(cse.at_risk(f, D("2015-12-31"))) == {"C1"}
    assert set(cse.at_risk(f, D("2016-03-31"))) == {"C2"}
    assert cse.cse_at_risk(f, YEAR_3) == (1, None)
    # a screening after S is not yet known at S
    assert cse.cse_at_risk(f, period("latest", "snapshot")) == (1, None)


def test_high_risk_children_discussed_at_mase(facts):
    f = facts(
        carefirst_cse_screenings=[
            screening("S1", "C1", "2016-01-05", "HIGH"),
            screening("S2", "C2", "2016-01-05", "HIGH"),
            screening("S3", "C3", "2016-01-05", "MEDIUM"),
            screening("S4", "C4", "2016-01-05", "HIGH"),
        ],
        carefirst_mase_discussions=[
            MaseDiscussion("M1", D("2015-05-01"), "C1", "HIGH"),
            MaseDiscussion("M0", D("2015-03-31"), "C2", "HIGH"),  # 12 months before S: out
            MaseDiscussion("M1", D("2015-05-01"), "C3", "MEDIUM"),
            MaseDiscussion("M9", D("2016-04-01"), "C4", "HIGH"),  # after S
        ],
    )
    assert cse.cse_high_risk_discussed_at_mase(f, YEAR_3) == (1, 3)
    assert cse.cse_high_risk_not_discussed(f, YEAR_3) == ["C2", "C4"]
    assert cse.mase_meetings(f, YEAR_3) == (1, None)  # M1 counted once
    assert cse.mase_meetings(f, YEAR_2) == (1, None)
    assert cse.mase_meetings(f, LATEST_ROLLING) == (1, None)


def test_cse_risk_reduced(facts):
    f = facts(
        carefirst_mase_discussions=[
            MaseDiscussion("M1", D("2015-05-01"), "C1", "HIGH"),
            MaseDiscussion("M3", D("2015-09-01"), "C1", "LOW"),
            MaseDiscussion("M2", D("2015-07-01"), "C1", "HIGH"),
            MaseDiscussion("M1", D("2015-05-01"), "C2", "MEDIUM"),
            MaseDiscussion("M2", D("2015-07-01"), "C2", "MEDIUM"),
            MaseDiscussion("M1", D("2015-05-01"), "C3", "HIGH"),  # one discussion: not judged
            # same date: ordered by meeting_id, first M5 (MEDIUM), latest M6 (HIGH): not reduced
            MaseDiscussion("M6", D("2015-10-01"), "C4", "HIGH"),
            MaseDiscussion("M5", D("2015-10-01"), "C4", "MEDIUM"),
            # the first discussion before the window does not count
            MaseDiscussion("M0", D("2015-03-01"), "C5", "HIGH"),
            MaseDiscussion("M1", D("2015-05-01"), "C5", "MEDIUM"),
        ]
    )
    assert cse.cse_risk_reduced(f, YEAR_3) == (1, 3)
    assert cse.mase_meetings(f, YEAR_3) == (5, None)


def test_barnardos_screenings_count_every_screening_with_the_tool(facts):
    f = facts(
        carefirst_cse_screenings=[
            screening("S1", "C1", "2015-04-01", "NONE"),
            screening("S2", "C1", "2015-06-01", "HIGH"),
            screening("S3", "C2", "2015-06-01", "LOW", tool="OTHER"),
            screening("S4", "C3", "2016-04-01", "LOW"),
        ]
    )
    assert cse.barnardos_jst_screenings(f, YEAR_3) == (2, None)
    assert cse.barnardos_jst_screenings(f, LATEST_ROLLING) == (1, None)


# ---------------------------------------------------------------------------- MARAC
def marac(rid: str, victim: str, date: str) -> MaracReferral:
    return MaracReferral(rid, victim, D(date), None)


def test_marac_repeats(facts):
    f = facts(
        marac_referrals=[
            # exactly 12 months later: a repeat; 12 months and a day: not
            marac("R01", "V1", "2014-05-10"),
            marac("R02", "V1", "2015-05-10"),
            marac("R03", "V2", "2014-05-10"),
            marac("R04", "V2", "2015-05-11"),
            # the third judged against the second: within 12 months of it, not of the first
            marac("R05", "V3", "2014-04-15"),
            marac("R06", "V3", "2015-03-01"),
            marac("R07", "V3", "2016-02-20"),
            # ... and more than 12 months after the second, though the second was a repeat
            marac("R08", "V4", "2014-06-01"),
            marac("R09", "V4", "2014-07-01"),
            marac("R10", "V4", "2015-07-02"),
            # same date: the earlier referral_id is the earlier referral
            marac("R12", "V5", "2015-09-09"),
            marac("R11", "V5", "2015-09-09"),
        ]
    )
    assert cse.repeat_referral_ids(f) == {"R02", "R06", "R07", "R09", "R12"}
    assert cse.marac_referrals(f, YEAR_3) == (6, None)
    assert cse.marac_repeat_referrals(f, YEAR_3) == (3, 6)
    assert cse.marac_repeat_referral_list(f, YEAR_3) == ["R02", "R07", "R12"]
    assert cse.marac_repeat_referrals(f, YEAR_2) == (2, 6)
    assert cse.marac_repeat_referrals(f, LATEST_QUARTER) == (0, 0)


# ---------------------------------------------------------------------------- FGM
def assessment(aid: str, child: str, authorised: str | None) -> Assessment:
    return Assessment(
        aid, "REF1", child, D("2015-01-01"), D(authorised) if authorised else None, "Y", "Y"
    )


def test_an_fgm_factor_on_an_assessment_authorised_outside_the_window(facts):
    f = facts(
        carefirst_assessments=[
            assessment("A1", "C1", "2015-03-31"),  # 2014/15
            assessment("A2", "C2", "2015-04-01"),
            assessment("A3", "C2", "2015-11-01"),
            assessment("A4", "C3", None),  # not completed
            assessment("A5", "C4", "2015-06-01"),  # another factor only
        ],
        carefirst_assessment_factors=[
            AssessmentFactor("A1", "C1", "22A"),
            AssessmentFactor("A2", "C2", "22A"),
            AssessmentFactor("A2", "C2", "4A"),
            AssessmentFactor("A3", "C2", "22A"),
            AssessmentFactor("A4", "C3", "22A"),
            AssessmentFactor("A5", "C4", "4A"),
        ],
    )
    assert cse.fgm_assessments_identified(f, YEAR_3) == (2, None)
    assert cse.fgm_children_identified(f, YEAR_3) == (1, None)
    assert cse.fgm_assessments_identified(f, YEAR_2) == (1, None)
    assert cse.fgm_children_identified(f, YEAR_2) == (1, None)
    assert cse.fgm_assessments_identified(f, LATEST_ROLLING) == (1, None)


# ---------------------------------------------------------------------------- youth offending
def intervention(iid: str, start: str, end: str | None = None, ete: str | None = None):
    return YotIntervention(
        iid, "YP1", D(start), D(end) if end else None, "REFERRAL_ORDER", ete, None
    )


def test_interventions_and_disposals(facts):
    f = facts(
        yot_interventions=[
            intervention("I1", "2015-04-01"),
            intervention("I2", "2016-03-31"),
            intervention("I3", "2016-04-01"),
        ],
        yot_disposals=[
            YotDisposal("D1", "YP1", D("2015-05-01"), "COMMUNITY_RESOLUTION"),
            YotDisposal("D2", "YP1", D("2015-05-02"), "YOUTH_CAUTION"),
            YotDisposal("D3", "YP1", D("2015-05-03"), "YOUTH_CONDITIONAL_CAUTION"),
            YotDisposal("D4", "YP1", D("2015-05-04"), "COURT"),
            YotDisposal("D5", "YP1", D("2016-06-30"), "YOUTH_CAUTION"),
        ],
    )
    assert yot.yot_interventions_started(f, YEAR_3) == (2, None)
    assert yot.yot_interventions_started(f, LATEST_QUARTER) == (1, None)
    assert yot.yot_community_resolutions(f, YEAR_3) == (1, None)
    assert yot.yot_youth_cautions(f, YEAR_3) == (1, None)
    assert yot.yot_youth_conditional_cautions(f, YEAR_3) == (1, None)
    assert yot.yot_youth_cautions(f, LATEST_QUARTER) == (1, None)
    q1 = period("quarter_2015_q1", "financial_quarter")
    assert yot.yot_youth_cautions(f, q1) == (1, None)


def test_unconditional_bail_is_left_out_in_2015_16_and_counted_in_2016_17(facts):
    f = facts(
        yot_remand_decisions=[
            RemandDecision("X1", "YP1", D("2015-06-01"), "UNCONDITIONAL_BAIL"),
            RemandDecision("X2", "YP1", D("2015-06-02"), "YDA"),
            RemandDecision("X3", "YP1", D("2016-03-31"), "UNCONDITIONAL_BAIL"),
            RemandDecision("X4", "YP1", D("2016-03-31"), "CONDITIONAL_BAIL"),
            RemandDecision("X5", "YP1", D("2016-04-01"), "UNCONDITIONAL_BAIL"),
            RemandDecision("X6", "YP1", D("2016-05-02"), "YDA"),
            RemandDecision("X7", "YP1", D("2016-05-03"), "REMAND_LA_ACCOMMODATION"),
        ]
    )
    assert yot.yot_remand_yda(f, YEAR_3) == (1, 2)
    assert yot.yot_remand_yda(f, LATEST_QUARTER) == (1, 3)
    assert not yot.remand_outcome_counted("UNCONDITIONAL_BAIL", D("2016-03-31"))
    assert yot.remand_outcome_counted("UNCONDITIONAL_BAIL", D("2016-04-01"))
    assert not yot.remand_outcome_counted("SOMETHING_ELSE", D("2016-04-01"))


def test_the_remand_rule_is_the_seeds():
    with open(REFERENCE / "remand_outcomes_counted.csv", encoding="utf-8", newline="") as fh:
        rows = {r["outcome"]: D(r["counted_from"]) for r in csv.DictReader(fh)}
    assert rows["UNCONDITIONAL_BAIL"] == D("2016-04-01")
    for outcome, since in rows.items():
        assert yot.remand_outcome_counted(outcome, since)
        assert not yot.remand_outcome_counted(outcome, since - dt.timedelta(days=1))


def test_the_ete_share_pools_the_year(facts):
    """The year is the share of all its interventions ended, not an average of quarters."""
    f = facts(
        yot_interventions=[
            intervention("I1", "2015-01-01", "2015-05-01", "Y"),  # Q1: 1 of 1
            intervention("I2", "2015-01-01", "2015-08-01", "Y"),  # Q2: 1 of 3
            intervention("I3", "2015-01-01", "2015-08-02", "N"),
            intervention("I4", "2015-01-01", "2015-09-30", "N"),
            intervention("I5", "2015-01-01"),  # not ended
        ]
    )
    q1, q2 = (
        period("quarter_2015_q1", "financial_quarter"),
        period("quarter_2015_q2", "financial_quarter"),
    )
    assert yot.yot_ete(f, q1) == (1, 1)
    assert yot.yot_ete(f, q2) == (1, 3)
    assert yot.yot_ete(f, YEAR_3) == (2, 4)  # 50%, not (100% + 33%) / 2


# ---------------------------------------------------------------------------- compute end to end
@pytest.fixture
def section_measures(tmp_path) -> list[gt.Measure]:
    """The two sections' measures as compute sees them once built: the catalogue copied with
    `family` set to the section_id on their rows."""
    with open(REFERENCE / "indicator_catalogue.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["section_id"] in SECTIONS and not row["family"].strip():
            row["family"] = row["section_id"]
    catalogue = tmp_path / "indicator_catalogue.csv"
    with open(catalogue, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    measures = gt.load_measures(str(catalogue), str(REFERENCE / "indicator_units.csv"))
    return [m for m in measures if m.section_id in SECTIONS]


def _compute(records: dict, measures, wd) -> dict[tuple[str, str], dict]:
    full = {name: [] for name in EXTRACT_COLUMNS}
    full.update(records)
    truth = gt.compute(full, R, LA, {}, measures, {}, wd=wd)
    return {(v["indicator_id"], v["period_key"]): v for v in truth["values"]}


def test_every_measure_of_the_sections_has_its_function_and_periods(section_measures, wd):
    assert len(section_measures) == 25
    values = _compute({}, section_measures, wd)
    months = {p.key for p in gt.month_series_periods(R)}
    quarters = {p.key for p in gt.series_periods(R)}
    for m in section_measures:
        keys = {k for (i, k) in values if i == m.indicator_id}
        expected = {"year_1", "year_2", "year_3", "latest"}
        expected |= {"calendar_month": months, "financial_quarter": quarters, "": set()}[
            m.series_basis
        ]
        assert keys == expected, m.indicator_id


def test_a_quarter_with_no_remands_is_no_data(section_measures, wd):
    """A counted denominator of 0 (no remand decisions counted in the quarter) is no_data,
    numerator and denominator null; a count with nothing to count is a computed 0."""
    values = _compute(
        {
            "yot_remand_decisions": [
                RemandDecision("X1", "YP1", D("2015-05-01"), "YDA"),
                RemandDecision("X2", "YP1", D("2015-11-01"), "UNCONDITIONAL_BAIL"),
            ]
        },
        section_measures,
        wd,
    )
    cell = values[("yot_remand_yda", "quarter_2015_q1")]
    assert (cell["state"], cell["numerator"], cell["denominator"]) == ("computed", 1, 1)
    # Q3 2015/16 holds only unconditional bail, not counted before April 2016: denominator 0
    for key in ("quarter_2015_q2", "quarter_2015_q3", "latest"):
        cell = values[("yot_remand_yda", key)]
        assert (cell["state"], cell["numerator"], cell["denominator"]) == ("no_data", None, None)
    cell = values[("yot_youth_cautions", "quarter_2015_q3")]
    assert (cell["state"], cell["numerator"], cell["denominator"]) == ("computed", 0, None)


def test_missing_series_and_rhi_fourth_quarter_end_to_end(section_measures, wd):
    values = _compute(
        {
            "carefirst_missing_episodes": [
                missing(
                    "E1",
                    "C1",
                    "2016-01-31 23:59",
                    "2016-02-01 09:00",
                    offered="Y",
                    offered_at="2016-02-02 09:00",
                    accepted="Y",
                    interview_at="2016-02-02 10:00",
                ),
                missing("E2", "C1", "2016-07-31 23:00"),
            ]
        },
        section_measures,
        wd,
    )
    assert values[("missing_incidents_all", "month_2016_01")]["numerator"] == 1
    assert values[("missing_incidents_all", "month_2016_02")]["numerator"] == 0
    assert values[("missing_incidents_all", "latest")]["numerator"] == 1
    assert values[("missing_incidents_all", "year_3")]["numerator"] == 1
    assert values[("missing_incidents_all", "month_2016_01")]["denominator"] is None
    cell = values[("rhi_within_72_hours_interviews", "year_3")]
    assert (cell["state"], cell["numerator"], cell["denominator"]) == ("computed", 1, 1)
    cell = values[("rhi_within_72_hours_interviews", "year_2")]
    assert cell["state"] == "no_data"
