"""The demo authority's computed figures against the generator's own ground truth.

The generator (scripts/generate_demo.py) records, while it makes the synthetic council, the
state of every cell of every measure of the built sections (catalogue `family` not empty) and,
where it is computed, its numerator and denominator as docs/design.md defines them, from its own
records and reference data, never through SQL: the year columns, the Latest and, for a measure
with a `series_basis`, the periods of its table (the financial quarters, `quarter_<Y>_q<n>`, or
the twelve calendar months to the report date, `month_<Y>_<MM>`).
Here every one of them must equal what the marts computed: the state always (a cell the marts
wrongly leave uncomputed fails, as does one computed where the extracts do not carry the data),
the numerator and denominator of computed cells.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

GROUND_TRUTH = PROJECT_DIR / "demo" / "ground_truth.json"
# every measure's year columns and Latest; a measure with a series basis has its table's periods
PERIOD_KEYS = {"year_1", "year_2", "year_3", "latest"}
SERIES_BASES = {"financial_quarter", "calendar_month"}
# a built section's cells are computed, or not recorded by the authority for that period, or
# have nothing to count (no_data: a denominator of 0, as for new EHC plans before the Children
# and Families Act of September 2014; the state itself is compared with the ground truth's),
# or, for a year column, a year not over at the report date (an academic year ending after it)
BUILT_SECTION_STATES = {"computed", "not_recorded", "no_data", "not_yet_available"}

pytestmark = pytest.mark.skipif(
    Path(os.environ.get("CSC_EXTRACTS_DIR", "demo/extracts")).resolve()
    != (PROJECT_DIR / "demo" / "extracts").resolve(),
    reason="the ground truth belongs to the demo authority's extracts",
)


@pytest.fixture(scope="module")
def ground_truth() -> dict:
    assert GROUND_TRUTH.exists(), "demo/ground_truth.json is missing: run `make build`"
    return json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built_series_bases(warehouse) -> dict[str, str]:
    """The measures the catalogue gives a family model (the built sections' measures), each with
    its series basis ('' when it has no table of periods)."""
    built = {
        row[0]: row[1]
        for row in warehouse.execute(
            "select indicator_id, coalesce(trim(series_basis), '') "
            "from reference.indicator_catalogue "
            "where coalesce(trim(family), '') != ''"
        ).fetchall()
    }
    assert built, "the catalogue gives no measure a family"
    assert set(built.values()) <= SERIES_BASES | {""}, "a series basis this test does not know"
    return built


@pytest.fixture(scope="module")
def built_measures(built_series_bases) -> set[str]:
    return set(built_series_bases)


def financial_quarter_keys(report_date: dt.date) -> list[str]:
    """The period keys of the financial_quarter series at a report date (docs/design.md,
    "Periods"), restated here: from the second year column's first quarter (1 April two years
    before the last 31 March on or before R) to the latest quarter ending on or before R."""
    on_or_after_march = (report_date.month, report_date.day) >= (3, 31)
    last_march_year = report_date.year if on_or_after_march else report_date.year - 1
    start = dt.date(last_march_year - 2, 4, 1)
    keys = []
    while True:
        month = start.month + 3
        after = dt.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        if after - dt.timedelta(days=1) > report_date:
            return keys
        year = start.year if start.month >= 4 else start.year - 1
        keys.append(f"quarter_{year}_q{(start.month - 4) % 12 // 3 + 1}")
        start = after


def test_financial_quarter_keys():
    keys = financial_quarter_keys(dt.date(2016, 7, 31))
    assert keys[0] == "quarter_2014_q1" and keys[-1] == "quarter_2016_q1" and len(keys) == 9
    assert financial_quarter_keys(dt.date(2016, 6, 30))[-1] == "quarter_2016_q1"
    assert financial_quarter_keys(dt.date(2016, 3, 31))[-1] == "quarter_2015_q4"
    assert financial_quarter_keys(dt.date(2016, 3, 31))[0] == "quarter_2014_q1"
    assert financial_quarter_keys(dt.date(2016, 2, 29))[0] == "quarter_2013_q1"
    assert financial_quarter_keys(dt.date(2016, 2, 29))[-1] == "quarter_2015_q3"


def calendar_month_keys(report_date: dt.date) -> list[str]:
    """The period keys of the calendar_month series at a month-end report date (docs/design.md,
    "Periods"), restated here: the twelve calendar months ending with the report date's."""
    keys = []
    for back in range(11, -1, -1):
        months = report_date.year * 12 + report_date.month - 1 - back
        keys.append(f"month_{months // 12}_{months % 12 + 1:02d}")
    return keys


def test_calendar_month_keys():
    keys = calendar_month_keys(dt.date(2016, 7, 31))
    assert keys[0] == "month_2015_08" and keys[-1] == "month_2016_07" and len(keys) == 12
    assert calendar_month_keys(dt.date(2016, 1, 31))[0] == "month_2015_02"


def expected_period_keys(series_basis: str, report_date: dt.date) -> set[str]:
    """A measure's period keys: the year columns and Latest, and its series' periods."""
    if series_basis == "financial_quarter":
        return PERIOD_KEYS | set(financial_quarter_keys(report_date))
    if series_basis == "calendar_month":
        return PERIOD_KEYS | set(calendar_month_keys(report_date))
    return set(PERIOD_KEYS)


@pytest.fixture(scope="module")
def mart_values(warehouse, ground_truth) -> dict:
    rows = warehouse.execute(
        """
        select indicator_id, period_key, numerator, denominator, state
        from marts.fct_indicator_values
        where la_code = ? and report_date = cast(? as date)
        """,
        [ground_truth["la_code"], ground_truth["report_date"]],
    ).fetchall()
    return {(r[0], r[1]): r[2:] for r in rows}


def _close(left, right) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return abs(float(left) - float(right)) < 1e-9


def value_mismatches(expected: dict, numerator, denominator, state) -> list[str]:
    """What differs between one ground-truth cell and the mart's row for it."""
    key = (expected["indicator_id"], expected["period_key"])
    if state != expected["state"]:
        return [f"{key}: state {state} != {expected['state']}"]
    if state != "computed":
        return []
    out = []
    if not _close(numerator, expected["numerator"]):
        out.append(f"{key}: numerator {numerator} != {expected['numerator']}")
    if not _close(denominator, expected["denominator"]):
        out.append(f"{key}: denominator {denominator} != {expected['denominator']}")
    return out


def test_value_mismatches_fails_on_a_state_or_a_count():
    computed = {
        "indicator_id": "m",
        "period_key": "year_1",
        "state": "computed",
        "numerator": 3,
        "denominator": 4,
    }
    assert value_mismatches(computed, 3.0, 4.0, "computed") == []
    assert value_mismatches(computed, None, None, "not_applicable") != []
    assert value_mismatches(computed, 2.0, 4.0, "computed") != []
    assert value_mismatches(computed, 3.0, 5.0, "computed") != []
    count = dict(computed, denominator=None)
    assert value_mismatches(count, 3.0, None, "computed") == []
    assert value_mismatches(count, 3.0, 4.0, "computed") != []
    not_recorded = dict(computed, state="not_recorded", numerator=None, denominator=None)
    assert value_mismatches(not_recorded, None, None, "not_recorded") == []
    assert value_mismatches(not_recorded, 3.0, 4.0, "computed") != []


def test_ground_truth_covers_every_built_measure_and_period(ground_truth, built_series_bases):
    report_date = dt.date.fromisoformat(ground_truth["report_date"])
    cells = [(value["indicator_id"], value["period_key"]) for value in ground_truth["values"]]
    assert len(cells) == len(set(cells)), "a cell is listed twice"
    assert set(cells) == {
        (m, key)
        for m, series_basis in built_series_bases.items()
        for key in expected_period_keys(series_basis, report_date)
    }
    assert {value["state"] for value in ground_truth["values"]} <= BUILT_SECTION_STATES


def test_the_marts_have_the_ground_truths_cells(ground_truth, mart_values, built_measures):
    """No built measure's cell (a series period included) is in the marts but not the ground
    truth."""
    cells = {(value["indicator_id"], value["period_key"]) for value in ground_truth["values"]}
    marts = {key for key in mart_values if key[0] in built_measures}
    assert marts == cells, f"in the marts only: {sorted(marts - cells)[:20]}"


def test_every_ground_truth_value_matches_the_marts(ground_truth, mart_values):
    mismatches = []
    for expected in ground_truth["values"]:
        key = (expected["indicator_id"], expected["period_key"])
        assert key in mart_values, f"{key} missing from marts.fct_indicator_values"
        mismatches += value_mismatches(expected, *mart_values[key])
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def test_built_sections_have_no_uncomputed_cells(warehouse, ground_truth, built_measures):
    # at the ground truth's report date; earlier report dates of the monthly history may have
    # year columns before the population seed's first year (no_data for their rates)
    rows = warehouse.execute(
        """
        select indicator_id, period_key, state
        from marts.fct_indicator_values
        where la_code = ? and report_date = cast(? as date)
        order by 1, 2
        """,
        [ground_truth["la_code"], ground_truth["report_date"]],
    ).fetchall()
    uncomputed = [
        row for row in rows if row[0] in built_measures and row[2] not in BUILT_SECTION_STATES
    ]
    assert uncomputed == [], f"cells neither computed nor not recorded: {uncomputed}"
