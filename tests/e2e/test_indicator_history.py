"""The monthly history mart (marts.fct_indicator_history) against fct_indicator_values.

One row per authority x measure x report date: the Latest of every measure at every month-end
the build computed, identical to the Latest rows of fct_indicator_values. The history is
incremental: after a monthly increment fct_indicator_values holds the recomputed month-ends and
the history every month-end since the start, so the history is compared at the values' dates
and must have no gap.
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
    rows = warehouse.execute(
        "select count(*) from marts.fct_indicator_history where report_date in "
        "(select report_date from marts.fct_indicator_values)"
    ).fetchone()[0]
    history_dates = [
        row[0]
        for row in warehouse.execute(
            "select distinct report_date from marts.fct_indicator_history order by 1"
        ).fetchall()
    ]
    assert history_dates[-len(report_dates) :] == report_dates
    assert rows == measures * len(report_dates)
    for earlier, later in zip(history_dates, history_dates[1:], strict=False):
        months = (later.year - earlier.year) * 12 + later.month - earlier.month
        assert months == 1, f"the history has a gap between {earlier} and {later}"


def test_report_dates_are_consecutive_month_ends(report_dates):
    for earlier, later in zip(report_dates, report_dates[1:], strict=False):
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
             where report_date in (select report_date from marts.fct_indicator_values)
             except all
             select {COLUMNS} from marts.fct_indicator_values where period_key = 'latest')
        )
        """
    ).fetchone()[0]
    assert differences == 0


# Latest bases whose window at 31 March is the year's last quarter or month, not the year
PART_OF_YEAR_LATEST_BASES = ("financial_quarter", "calendar_month")


def test_latest_at_31_march_equals_that_years_column(warehouse):
    """At a 31 March report date the Latest's window is the financial year (or its end), bar
    the measures the catalogue marks latest_differs_at_year_end (another cohort, or a year
    column that sees records after 31 March)."""
    basis_placeholders = ", ".join("?" for _ in PART_OF_YEAR_LATEST_BASES)
    rows = warehouse.execute(
        f"""
        select values.indicator_id, values.report_date, values.period_key,
            values.numerator, history.numerator, values.denominator, history.denominator
        from marts.fct_indicator_values as values
        inner join marts.fct_indicator_history as history
            on values.la_code = history.la_code
            and values.indicator_id = history.indicator_id
            and values.window_end_date = history.report_date
        where values.basis = 'financial_year'
            and values.state = 'computed' and history.state = 'computed'
            and values.indicator_id not in (
                select indicator_id from reference.indicator_catalogue
                where latest_differs_at_year_end
            )
            and history.basis not in ({basis_placeholders})
        """,
        PART_OF_YEAR_LATEST_BASES,
    ).fetchall()
    assert rows, "no financial year ends within the history"
    mismatches = [row for row in rows if row[3] != row[4] or row[5] != row[6]]
    assert mismatches == []
