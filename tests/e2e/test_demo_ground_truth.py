"""The demo authority's computed figures against the generator's own ground truth.

The generator (scripts/generate_demo.py) records, while it makes the synthetic council, the
numerator and denominator of every measure as docs/design.md defines them, from its own
records and never through SQL. Here every one of them must equal what the marts computed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

GROUND_TRUTH = PROJECT_DIR / "demo" / "ground_truth.json"
BUILT_SECTIONS = ("quality_assurance", "children_in_need", "looked_after_children")

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


def test_ground_truth_covers_every_built_measure(warehouse, ground_truth):
    built = {
        row[0]
        for row in warehouse.execute(
            "select indicator_id from reference.indicator_catalogue where section_id in (?, ?, ?)",
            list(BUILT_SECTIONS),
        ).fetchall()
    }
    recorded = {value["indicator_id"] for value in ground_truth["values"]}
    assert built, "the catalogue has no measure in the built sections"
    assert built - recorded == set(), "measures with no ground truth"


def test_every_ground_truth_value_matches_the_marts(ground_truth, mart_values):
    mismatches = []
    for expected in ground_truth["values"]:
        key = (expected["indicator_id"], expected["period_key"])
        assert key in mart_values, f"{key} missing from marts.fct_indicator_values"
        numerator, denominator, state = mart_values[key]
        if state != "computed":
            # the document's N/A and Not Yet Available cells are states, not numbers
            continue
        if not _close(numerator, expected["numerator"]):
            mismatches.append(f"{key}: numerator {numerator} != {expected['numerator']}")
        if expected.get("denominator") is not None and not _close(
            denominator, expected["denominator"]
        ):
            mismatches.append(f"{key}: denominator {denominator} != {expected['denominator']}")
    assert not mismatches, "\n".join(mismatches)


def test_built_sections_have_no_uncomputed_cells(warehouse, ground_truth):
    # at the ground truth's report date; earlier report dates of the monthly history may have
    # year columns before the population seed's first year (no_data for their rates)
    rows = warehouse.execute(
        """
        select indicator_id, period_key, state
        from marts.fct_indicator_values
        where section_id in (?, ?, ?) and state in ('not_computed', 'no_data')
            and report_date = cast(? as date)
        """,
        [*BUILT_SECTIONS, ground_truth["report_date"]],
    ).fetchall()
    assert rows == [], f"cells neither computed nor in a document state: {rows}"
