"""The demo authority generator (scripts/generate_demo.py): deterministic, shaped as declared in
seeds/_extracts__seeds.yml, nothing dated after the extraction date, unique identifiers, and a
ground truth covering every measure of the built sections. Small scale, so it stays fast."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
GENERATOR = PROJECT_DIR / "scripts" / "generate_demo.py"
SEEDS_YML = PROJECT_DIR / "seeds" / "_extracts__seeds.yml"
EXTRACTION_DATE = "2016-07-31"
SCALE = "0.05"
PERIOD_KEYS = {"year_1", "year_2", "year_3", "latest"}


def _generate(out: Path, seed: int = 20160731) -> Path:
    subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out / "extracts"),
         "--ground-truth", str(out / "ground_truth.json"), "--seed", str(seed),
         "--scale", SCALE, "--extraction-date", EXTRACTION_DATE, "--la-code", "336"],
        check=True, capture_output=True, text=True, cwd=PROJECT_DIR,
    )
    return out


@pytest.fixture(scope="module")
def declared() -> dict[str, dict]:
    spec = yaml.safe_load(SEEDS_YML.read_text(encoding="utf-8"))
    return {
        seed["name"]: {
            "columns": [c["name"] for c in seed["columns"]],
            "types": seed["config"]["column_types"],
        }
        for seed in spec["seeds"]
    }


@pytest.fixture(scope="module")
def run_a(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("demo_a"))


@pytest.fixture(scope="module")
def run_b(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("demo_b"))


def _rows(run: Path, name: str) -> tuple[list[str], list[dict]]:
    with open(run / "extracts" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_two_runs_give_identical_bytes(run_a, run_b, declared):
    for name in declared:
        a = (run_a / "extracts" / f"{name}.csv").read_bytes()
        b = (run_b / "extracts" / f"{name}.csv").read_bytes()
        assert a == b, f"{name} differs between two runs with the same arguments"
    assert (run_a / "ground_truth.json").read_bytes() == (run_b / "ground_truth.json").read_bytes()


def test_another_seed_gives_other_data(run_a, tmp_path):
    other = _generate(tmp_path, seed=7)
    a = (run_a / "extracts" / "carefirst_referrals.csv").read_bytes()
    assert (other / "extracts" / "carefirst_referrals.csv").read_bytes() != a


def test_only_the_declared_extracts_are_written(run_a, declared):
    written = {p.stem for p in (run_a / "extracts").glob("*.csv")}
    assert written == set(declared)


def test_every_extract_has_the_declared_header(run_a, declared):
    for name, spec in declared.items():
        header, rows = _rows(run_a, name)
        assert header == spec["columns"], name
        assert header[0] == "la_code"
        assert rows, f"{name} is empty"
        assert {r["la_code"] for r in rows} == {"336"}


def test_dates_flags_and_numbers_are_well_formed(run_a, declared):
    for name, spec in declared.items():
        _, rows = _rows(run_a, name)
        for column, kind in spec["types"].items():
            values = [r[column] for r in rows if r[column] != ""]
            if kind == "date":
                for v in values:
                    assert len(v) == 10 and v[4] == "-" and v[7] == "-", (name, column, v)
                    assert v <= EXTRACTION_DATE, f"{name}.{column} = {v} is after the extraction date"
            elif kind == "integer":
                assert all(v.lstrip("-").isdigit() for v in values), (name, column)
            elif column.startswith("is_"):
                assert set(values) <= {"Y", "N"}, (name, column)


def test_identifiers_are_unique_strings_and_references_resolve(run_a, declared):
    keys = {}
    for name, spec in declared.items():
        key = spec["columns"][1]
        _, rows = _rows(run_a, name)
        ids = [r[key] for r in rows]
        assert len(ids) == len(set(ids)), f"{name}.{key} is not unique"
        assert all(i and not i.isdigit() for i in ids), f"{name}.{key} should be prefixed strings"
        keys[name] = set(ids)
    children = keys["carefirst_children"]
    for name in declared:
        _, rows = _rows(run_a, name)
        if rows and "child_id" in rows[0] and name != "carefirst_children":
            assert {r["child_id"] for r in rows} <= children, f"{name} names unknown children"
    _, plans = _rows(run_a, "carefirst_cp_plans")
    _, visits = _rows(run_a, "carefirst_cp_visits")
    assert {v["cp_plan_id"] for v in visits} <= keys["carefirst_cp_plans"]
    _, conferences = _rows(run_a, "carefirst_cp_conferences")
    assert {c["s47_id"] for c in conferences if c["s47_id"]} <= keys["carefirst_section47_enquiries"]
    assert {c["cp_plan_id"] for c in conferences if c["cp_plan_id"]} <= keys["carefirst_cp_plans"]
    assert {p["referral_id"] for p in plans} <= keys["carefirst_referrals"]


def test_open_items_have_empty_end_dates_and_ends_follow_starts(run_a):
    pairs = {
        "carefirst_referrals": ("referral_date", "closure_date"),
        "carefirst_cp_plans": ("start_date", "end_date"),
        "carefirst_lac_episodes": ("start_date", "end_date"),
        "carefirst_assessments": ("start_date", "authorised_date"),
    }
    for name, (start, end) in pairs.items():
        _, rows = _rows(run_a, name)
        assert any(r[end] == "" for r in rows), f"{name}: nothing open at the extraction date"
        assert all(r[end] == "" or r[end] >= r[start] for r in rows), name
    _, arrangements = _rows(run_a, "carefirst_private_fostering")
    assert all(r["end_date"] == "" or r["end_date"] > r["notification_date"] for r in arrangements)


def test_ground_truth_covers_every_measure_and_period(run_a):
    sys.path.insert(0, str(PROJECT_DIR / "scripts"))
    from demo.ground_truth import INDICATORS

    truth = json.loads((run_a / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["report_date"] == EXTRACTION_DATE and truth["la_code"] == "336"
    cells = {(v["indicator_id"], v["period_key"]) for v in truth["values"]}
    assert len(cells) == len(truth["values"])
    assert cells == {(i[0], k) for i in INDICATORS for k in PERIOD_KEYS}
    units = {i[0]: i[2] for i in INDICATORS}
    for v in truth["values"]:
        unit = units[v["indicator_id"]]
        assert isinstance(v["numerator"], int) and v["numerator"] >= 0, v
        if unit == "count":
            assert v["denominator"] is None, v
        elif unit in ("percent", "count_and_percent"):
            assert isinstance(v["denominator"], int) and 0 <= v["numerator"] <= v["denominator"], v
        elif unit == "average_days":
            assert isinstance(v["denominator"], int), v
