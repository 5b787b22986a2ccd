"""A malformed extract stops the run with a message naming the file, the row and the rule."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

VALIDATOR = PROJECT_DIR / "scripts" / "validate_extracts.py"


def _validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VALIDATOR), "--extracts", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture()
def extracts_copy(tmp_path, extracts_dir) -> Path:
    target = tmp_path / "extracts"
    shutil.copytree(extracts_dir, target)
    return target


def _rewrite(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_the_demo_extracts_pass(extracts_copy):
    result = _validate(extracts_copy)
    assert result.returncode == 0, result.stderr
    assert "Extracts OK" in result.stdout


def test_a_missing_column_names_the_file_and_the_column(extracts_copy):
    def drop_referral_date(rows):
        index = rows[0].index("referral_date")
        return [row[:index] + row[index + 1 :] for row in rows]

    _rewrite(extracts_copy / "carefirst_referrals.csv", drop_referral_date)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_referrals.csv" in result.stderr
    assert "missing column(s) referral_date" in result.stderr


def test_a_bad_date_names_the_file_the_line_and_the_column(extracts_copy):
    def corrupt_third_row(rows):
        index = rows[0].index("start_date")
        rows[3][index] = "31/02/2015"
        return rows

    _rewrite(extracts_copy / "carefirst_lac_episodes.csv", corrupt_third_row)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert (
        "carefirst_lac_episodes.csv: line 4, column start_date: '31/02/2015' is not a date"
        in result.stderr
    )


def test_a_missing_file_is_named(extracts_copy):
    (extracts_copy / "carefirst_cp_plans.csv").unlink()
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_cp_plans.csv: missing" in result.stderr


def test_a_semicolon_delimited_file_is_named(extracts_copy):
    path = extracts_copy / "carefirst_children.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_children.csv: line 1" in result.stderr
    assert "comma-separated" in result.stderr
