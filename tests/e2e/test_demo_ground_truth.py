"""The demo authority's computed figures against the generator's own ground truth.

The generator (scripts/generate_demo.py) records, while it makes the synthetic council, the
state of every cell of every measure of the built sections (catalogue `family` not empty) and,
where it is computed, its numerator and denominator as docs/design.md defines them, from its own
records and reference data, never through SQL. Here every one of them must equal what the marts
computed: the state always (a cell the marts wrongly leave uncomputed fails, as does one computed
where the extracts do not carry the data), the numerator and denominator of computed cells.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

GROUND_TRUTH = PROJECT_DIR / "demo" / "ground_truth.json"
PERIOD_KEYS = {"year_1", "year_2", "year_3", "latest"}
# a built section's cells are computed, or not recorded by the authority for that period
BUILT_SECTION_STATES = {"computed", "not_recorded"}

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
def built_measures(warehouse) -> set[str]:
    """The measures the catalogue gives a family model (the built sections' measures)."""
    built = {
        row[0]
        for row in warehouse.execute(
            "select indicator_id from reference.indicator_catalogue "
            "where coalesce(trim(family), '') != ''"
        ).fetchall()
    }
    assert built, "the catalogue gives no measure a family"
    return built


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


def test_ground_truth_covers_every_built_measure_and_period(ground_truth, built_measures):
    cells = [(value["indicator_id"], value["period_key"]) for value in ground_truth["values"]]
    assert len(cells) == len(set(cells)), "a cell is listed twice"
    assert set(cells) == {(m, key) for m in built_measures for key in PERIOD_KEYS}
    assert {value["state"] for value in ground_truth["values"]} <= BUILT_SECTION_STATES


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
