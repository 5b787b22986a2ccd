"""The demo authority's conference attendance tables against the generator's own ground truth.

scripts/generate_demo.py records, from its own records (scripts/demo/truth_participation.py,
never through SQL), every non-empty cell of the Participation section's attendance tables:
invitations by period, conference type, invitee role and attendance. marts.fct_conference_attendance
must have exactly those invitations, 0 in every other cell, and percentages of each role's total.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

GROUND_TRUTH = PROJECT_DIR / "demo" / "ground_truth.json"

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
def mart_cells(warehouse, ground_truth) -> list[tuple]:
    return warehouse.execute(
        """
        select period_key, conference_type, invitee_role, attendance, invitations,
               role_invitations, percent_of_role
        from marts.fct_conference_attendance
        where la_code = ? and report_date = cast(? as date)
        """,
        [ground_truth["la_code"], ground_truth["report_date"]],
    ).fetchall()


def test_ground_truth_has_the_tables(ground_truth):
    cells = ground_truth.get("conference_attendance")
    assert cells, "demo/ground_truth.json has no conference_attendance cells: run `make demo`"
    assert {c["period_key"] for c in cells} == {"year_1", "year_2", "year_3", "latest"}


def test_cells_equal_ground_truth(ground_truth, mart_cells):
    expected = {
        (c["period_key"], c["conference_type"], c["invitee_role"], c["attendance"]): c[
            "invitations"
        ]
        for c in ground_truth["conference_attendance"]
    }
    actual = {row[:4]: row[4] for row in mart_cells if row[4]}
    missing = {k: v for k, v in expected.items() if actual.get(k) != v}
    extra = {k: v for k, v in actual.items() if k not in expected}
    assert not missing and not extra, f"differ from the ground truth: {missing=} {extra=}"


def test_percentages_of_role(mart_cells):
    totals: dict[tuple, int] = {}
    for period, ctype, role, _, n, _, _ in mart_cells:
        totals[(period, ctype, role)] = totals.get((period, ctype, role), 0) + n
    for period, ctype, role, attendance, n, role_total, percent in mart_cells:
        assert role_total == totals[(period, ctype, role)], (period, ctype, role)
        if role_total == 0:
            assert percent is None, (period, ctype, role, attendance)
        else:
            assert percent == pytest.approx(100 * n / role_total), (period, ctype, role, attendance)
