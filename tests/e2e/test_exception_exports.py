"""scripts/export_exceptions.py against the built DuckDB file: one private CSV per measure."""

from __future__ import annotations

import csv
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

SCRIPT = PROJECT_DIR / "scripts" / "export_exceptions.py"
# the measures with an exception list, from the catalogue (the registry), not a copied list
with open(PROJECT_DIR / "seeds" / "reference" / "indicator_catalogue.csv", encoding="utf-8") as _f:
    MEASURES = {
        row["indicator_id"] for row in csv.DictReader(_f) if row["has_exception_list"] == "true"
    }


@pytest.fixture(scope="module")
def latest(warehouse):
    report_date, la_code = warehouse.execute(
        "select max(report_date), min(la_code) from marts.fct_indicator_values"
    ).fetchone()
    counts = dict(
        warehouse.execute(
            "select indicator_id, count(*) from internal.fct_indicator_exceptions "
            "where report_date = ? and la_code = ? and period_key = 'latest' group by 1",
            [report_date, la_code],
        ).fetchall()
    )
    return report_date, la_code, counts


@pytest.fixture(scope="module")
def exported(database_path: Path, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("exports")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--database", str(database_path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out, result


def _folder(exported, latest) -> Path:
    out, _ = exported
    return out / latest[0].isoformat()


def test_one_file_per_measure(exported, latest):
    files = {path.stem for path in _folder(exported, latest).iterdir()}
    assert MEASURES, "the catalogue marks no measure has_exception_list"
    assert files == MEASURES


def test_row_counts_equal_the_mart(exported, latest):
    _, _, counts = latest
    assert sum(counts.values()) > 0, "the demo authority has no exceptions at all"
    for measure in MEASURES:
        with open(_folder(exported, latest) / f"{measure}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == counts.get(measure, 0), measure
        assert all(row["indicator_id"] == measure and row["reason"] for row in rows)
        # the records naming no child (a pupil's) come last, after every child's
        keys = [
            (row["child_id"] == "", row["child_id"], row["event_date"] or row["due_date"])
            for row in rows
        ]
        assert keys == sorted(keys), f"{measure} is not sorted by child and date"


def test_files_are_readable_by_their_owner_only(exported, latest):
    folder = _folder(exported, latest)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_summary_line_per_measure_then_the_folder(exported, latest):
    _, result = exported
    lines = result.stdout.splitlines()
    assert lines[-1] == str(_folder(exported, latest))
    assert sorted(line.split(":")[0] for line in lines[:-1]) == sorted(MEASURES)
