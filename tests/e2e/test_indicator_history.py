"""The monthly history mart (marts.fct_indicator_history) against fct_indicator_values.

One row per authority x measure x report date: the Latest of every measure at every month-end
the build computed, identical to the Latest rows of fct_indicator_values.
"""

from __future__ import annotations

import pytest

COLUMNS = (
    "la_code, indicator_id, report_date, value, numerator, denominator, unit, state, basis, "
    "window_start_date, window_end_date"
)


@pytest.fixture(scope="module")
def report_dates(warehouse) -> list:
    return [
        row[0]
        for row in warehouse.execute(
            "select distinct report_date from marts.fct_indicator_values order by 1"
        ).fetchall()
    ]


def test_history_has_every_measure_at_every_report_date(warehouse, report_dates):
    measures = warehouse.execute(
        "select count(*) from (select distinct la_code, indicator_id "
        "from marts.fct_indicator_values)"
    ).fetchone()[0]
    rows = warehouse.execute("select count(*) from marts.fct_indicator_history").fetchone()[0]
    history_dates = [
        row[0]
        for row in warehouse.execute(
            "select distinct report_date from marts.fct_indicator_history order by 1"
        ).fetchall()
    ]
    assert history_dates == report_dates
    assert rows == measures * len(report_dates)


def test_report_dates_are_consecutive_month_ends(report_dates):
    for earlier, later in zip(report_dates, report_dates[1:]):
        months = (later.year - earlier.year) * 12 + later.month - earlier.month
        assert months == 1, f"{earlier} is not the month-end before {later}"


def test_history_is_the_latest_of_the_values(warehouse):
    differences = warehouse.execute(
        f"""
        select count(*) from (
            (select {COLUMNS} from marts.fct_indicator_values where period_key = 'latest'
             except all
             select {COLUMNS} from marts.fct_indicator_history)
            union all
            (select {COLUMNS} from marts.fct_indicator_history
             except all
             select {COLUMNS} from marts.fct_indicator_values where period_key = 'latest')
        )
        """
    ).fetchone()[0]
    assert differences == 0
