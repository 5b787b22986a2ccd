"""scripts/outputs_common.py: the report date and authority choices, and owner-only files."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import stat
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "outputs_common.py"
_spec = importlib.util.spec_from_file_location("outputs_common", SCRIPT)
outputs_common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(outputs_common)

DATES = [dt.date(2016, 6, 30), dt.date(2016, 7, 31), dt.date(2016, 5, 31)]


class Boom(Exception):
    pass


def test_the_latest_date_by_default_and_the_requested_one_otherwise():
    assert outputs_common.choose_report_date(DATES, None, "m", Boom) == dt.date(2016, 7, 31)
    assert outputs_common.choose_report_date(DATES, "2016-05-31", "m", Boom) == dt.date(2016, 5, 31)


@pytest.mark.parametrize(
    ("dates", "requested", "message"),
    [
        ([], None, "m has no rows"),
        (DATES, "31/07/2016", "must be YYYY-MM-DD, got '31/07/2016'"),
        (
            DATES,
            "2016-04-30",
            "2016-04-30 is not in m (it has: 2016-05-31, 2016-06-30, 2016-07-31)",
        ),
    ],
)
def test_a_bad_date_raises_the_callers_error(dates, requested, message):
    with pytest.raises(Boom, match=message.replace("(", r"\(").replace(")", r"\)")):
        outputs_common.choose_report_date(dates, requested, "m", Boom)


def test_the_only_authority_or_the_requested_one():
    day = dt.date(2016, 7, 31)
    assert outputs_common.choose_la_code(["336"], None, day, "m", Boom) == "336"
    assert outputs_common.choose_la_code(["336", "330"], "330", day, "m", Boom) == "330"
    with pytest.raises(Boom, match="several authorities"):
        outputs_common.choose_la_code(["336", "330"], None, day, "m", Boom)
    with pytest.raises(Boom, match="'999' has no rows"):
        outputs_common.choose_la_code(["336"], "999", day, "m", Boom)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_files_made_inside_owner_only_are_private_and_the_umask_comes_back(tmp_path):
    before = os.umask(0o022)
    try:
        with outputs_common.owner_only():
            (tmp_path / "folder").mkdir()
            (tmp_path / "folder" / "file.csv").write_text("x")
        assert _umask() == 0o022
        (tmp_path / "after.csv").write_text("x")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "folder" / "file.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "after.csv").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "typed, shown",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 1902 000000", "'+44 1902 000000"),
        ("-2 days late", "'-2 days late"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\r=1", "'\r=1"),
        ("ICPC held on working day 17", "ICPC held on working day 17"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_is_written_as_text(typed, shown):
    assert outputs_common.spreadsheet_cell(typed) == shown


def test_numbers_dates_and_missing_values_are_written_as_they_are():
    assert outputs_common.spreadsheet_cell(-3) == "-3"
    assert outputs_common.spreadsheet_cell(-2.5) == "-2.5"
    assert outputs_common.spreadsheet_cell(None) == ""
    assert outputs_common.spreadsheet_cell(dt.date(2016, 7, 31)) == "2016-07-31"


def test_write_csv_escapes_every_cell_and_is_owner_only(tmp_path):
    import csv

    target = tmp_path / "list.csv"
    outputs_common.write_csv(
        target, ["record_id", "reason"], [("=cmd|' /C calc'!A0", "-1 day"), ("R2", None)]
    )
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["record_id", "reason"], ["'=cmd|' /C calc'!A0", "'-1 day"], ["R2", ""]]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
