"""Ground truth of the Youth Offending Team section (issue 12: the issue's definitions, which the
SQL and the generator share; docs/design.md, "Youth Offending Team" (`youth_offending`), when
the section is written there), from the generator's own records (`yot_interventions`,
`yot_disposals`, `yot_remand_decisions`), never from the SQL. Reference data only: the remand
outcomes counted as remand episode decisions from a date
(seeds/reference/remand_outcomes_counted.csv).

Each function quotes the rule it follows. "periods: year columns FY, Latest financial_quarter,
series financial_quarter": a window is [p.start, p.end] inclusive, a financial year, the latest
complete financial quarter ending on or before R, or one quarter of the table; "the year pools
its quarters" (a year column counts over its whole window, not an average of its quarters).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os

from .ground_truth import REPO_ROOT, Facts, Period, in_window, measure

REMAND_OUTCOMES_SEED = os.path.join(REPO_ROOT, "seeds", "reference", "remand_outcomes_counted.csv")
COMMUNITY_RESOLUTION = "COMMUNITY_RESOLUTION"
YOUTH_CAUTION = "YOUTH_CAUTION"
YOUTH_CONDITIONAL_CAUTION = "YOUTH_CONDITIONAL_CAUTION"
YDA = "YDA"  # remanded to youth detention accommodation


@measure
def yot_interventions_started(f: Facts, p: Period):
    """ "`yot_interventions_started` (count): interventions with start_date in the window." """
    return sum(1 for i in f.records["yot_interventions"] if in_window(i.start_date, p)), None


def _disposals(f: Facts, p: Period, disposal_type: str) -> int:
    """ "disposals of type COMMUNITY_RESOLUTION / YOUTH_CAUTION / YOUTH_CONDITIONAL_CAUTION with
    disposal_date in the window"."""
    return sum(
        1
        for d in f.records["yot_disposals"]
        if d.disposal_type == disposal_type and in_window(d.disposal_date, p)
    )


@measure
def yot_community_resolutions(f: Facts, p: Period):
    """Disposals of type COMMUNITY_RESOLUTION with disposal_date in the window (_disposals)."""
    return _disposals(f, p, COMMUNITY_RESOLUTION), None


@measure
def yot_youth_cautions(f: Facts, p: Period):
    """Disposals of type YOUTH_CAUTION with disposal_date in the window (_disposals)."""
    return _disposals(f, p, YOUTH_CAUTION), None


@measure
def yot_youth_conditional_cautions(f: Facts, p: Period):
    """Disposals of type YOUTH_CONDITIONAL_CAUTION with disposal_date in the window
    (_disposals)."""
    return _disposals(f, p, YOUTH_CONDITIONAL_CAUTION), None


@functools.cache
def _remand_outcomes_counted() -> dict[str, dt.date]:
    """outcome -> counted_from of seeds/reference/remand_outcomes_counted.csv (columns outcome,
    counted_from, source)."""
    with open(REMAND_OUTCOMES_SEED, encoding="utf-8", newline="") as fh:
        rows = [
            (r["outcome"], dt.date.fromisoformat(r["counted_from"])) for r in csv.DictReader(fh)
        ]
    counted: dict[str, dt.date] = {}
    for outcome, since in rows:
        if outcome in counted:
            raise ValueError(f"{REMAND_OUTCOMES_SEED}: outcome {outcome} is listed twice")
        counted[outcome] = since
    return counted


def remand_outcome_counted(outcome: str, decision_date: dt.date) -> bool:
    """ "an outcome is counted when decision_date >= counted_from" of its row of the reference
    seed remand_outcomes_counted.csv (unconditional bail only from 2016-04-01: "2015/16 figures
    have not included unconditional bail due to YOIS Wizard"). Reading: an outcome the seed does
    not list is never counted."""
    since = _remand_outcomes_counted().get(outcome)
    return since is not None and decision_date >= since


@measure
def yot_remand_yda(f: Facts, p: Period):
    """ "`yot_remand_yda` (count_and_percent): denominator: remand decisions with decision_date
    in the window whose outcome is counted on the decision date by the reference seed
    `remand_outcomes_counted.csv` ... Numerator: those with outcome YDA." """
    counted = [
        r
        for r in f.records["yot_remand_decisions"]
        if in_window(r.decision_date, p) and remand_outcome_counted(r.outcome, r.decision_date)
    ]
    return sum(1 for r in counted if r.outcome == YDA), len(counted)


@measure
def yot_ete(f: Facts, p: Period):
    """ "`yot_ete` (percent, high): denominator: interventions with end_date in the window;
    numerator: those with is_ete_at_end = 'Y'. The year pools its quarters." """
    ended = [i for i in f.records["yot_interventions"] if in_window(i.end_date, p)]
    return sum(1 for i in ended if i.is_ete_at_end == "Y"), len(ended)
