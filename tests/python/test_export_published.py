"""scripts/export_published.py: the published CSV comes from the suppressed model only, and
holds no count between 1 and 5."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
DISPLAY_COLUMNS = ("year_1_display", "year_2_display", "year_3_display", "latest_display")
PERIOD_OF = {
    "year_1_display": "year_1",
    "year_2_display": "year_2",
    "year_3_display": "year_3",
    "latest_display": "latest",
}


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "export_published", PROJECT_DIR / "scripts" / "export_published.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


export_published = _load_script()


def _counts_shown(unit: str, cell: str) -> list[int]:
    """The counts a formatted cell shows, by unit (docs/design.md, 'Units and values')."""
    if unit == "count":
        return [int(cell)] if re.fullmatch(r"\d+", cell) else []
    if unit == "count_and_percent":
        match = re.match(r"(\d+) \(", cell)
        return [int(match.group(1))] if match else []
    if unit == "rate_per_10000":
        match = re.search(r"\((\d+)\)$", cell)
        return [int(match.group(1))] if match else []
    return []


def _fake_database(path: Path, with_published: bool) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.rpt_performance_framework as select '336' as la_code, "
            "date '2016-07-31' as report_date, 1 as section_order, 1 as row_order, "
            "'private_fostering_known' as indicator_id, '4' as latest_display"
        )
        if with_published:
            con.execute(
                "create table marts.rpt_performance_framework_published as select '336' as la_code, "
                "date '2016-07-31' as report_date, 1 as section_order, 1 as row_order, "
                "'private_fostering_known' as indicator_id, 'c' as latest_display"
            )


def test_export_reads_the_published_model(tmp_path):
    database = tmp_path / "fake.duckdb"
    _fake_database(database, with_published=True)
    path = export_published.export(database, tmp_path / "out")
    assert path == tmp_path / "out" / "2016-07-31" / "performance_framework.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [row["latest_display"] for row in rows] == ["c"]


def test_export_never_falls_back_to_the_internal_report(tmp_path):
    database = tmp_path / "fake.duckdb"
    _fake_database(database, with_published=False)
    with pytest.raises(export_published.ExportError, match="rpt_performance_framework_published"):
        export_published.export(database, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_exported_csv_holds_no_count_between_1_and_5(tmp_path, database_path):
    path = export_published.export(database_path, tmp_path / "out", "2016-07-31")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows
    with duckdb.connect(str(database_path), read_only=True) as con:
        values = {
            (la, indicator, period): (unit, state, numerator, denominator)
            for la, indicator, period, unit, state, numerator, denominator in con.execute(
                "select la_code, indicator_id, period_key, unit, state, numerator, denominator "
                "from marts.fct_indicator_values where report_date = date '2016-07-31'"
            ).fetchall()
        }
    small = []
    suppressed = 0
    for row in rows:
        for column in DISPLAY_COLUMNS:
            unit, state, numerator, denominator = values[
                (row["la_code"], row["indicator_id"], PERIOD_OF[column])
            ]
            cell = row[column]
            if any(1 <= count <= 5 for count in _counts_shown(unit, cell)):
                small.append((row["indicator_id"], column, cell))
            if state == "computed" and (
                (numerator is not None and 1 <= numerator <= 5)
                or (unit != "count" and denominator is not None and 1 <= denominator <= 5)
            ):
                suppressed += 1
                if "c" not in re.findall(r"[a-z]+", cell):
                    small.append((row["indicator_id"], column, cell))
    assert small == []
    # the demo authority has small counts (private fostering, carers approved this year)
    assert suppressed > 0


@pytest.fixture(scope="module")
def database_path() -> Path:
    import os

    value = os.environ.get("CSC_DUCKDB_PATH")
    path = Path(value) if value else PROJECT_DIR / "build" / "csc_performance.duckdb"
    if not path.is_absolute():
        path = PROJECT_DIR / path
    if not path.exists():
        pytest.skip(f"{path} does not exist: run `make build` first")
    return path
