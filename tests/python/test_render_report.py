"""Tests for scripts/render_report.py: a tiny mart in a temporary DuckDB file, rendered to HTML."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "render_report.py"


def _load_module():
    spec = importlib.util.spec_from_file_location("render_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


render_report = _load_module()

DDL = """
create schema marts;
create table marts.rpt_performance_framework (
    la_code varchar, report_date date, section_id varchar, section_name varchar,
    section_order integer, report_row integer, row_order integer, indicator_id varchar,
    part_label varchar, measure_wording varchar, document_note varchar,
    comparators_text varchar, year_1_label varchar, year_2_label varchar, year_3_label varchar,
    year_1_display varchar, year_2_display varchar, year_3_display varchar,
    latest_display varchar, latest_basis_label varchar, target_display varchar,
    trajectory varchar, trajectory_arrow varchar, judgement varchar, rag varchar,
    polarity_label varchar, latest_state varchar
)
"""

COLUMNS = render_report.COLUMNS

TRICKY_WORDING = 'ICPCs held < 15 working days & "on time" after the s47'
TRICKY_NOTE = "Counts conferences <b>not</b> transfers-in"


def _row(**values):
    base = {
        "la_code": "336",
        "report_date": dt.date(2016, 7, 31),
        "part_label": None,
        "document_note": None,
        "comparators_text": None,
        "year_1_label": "2013/14",
        "year_2_label": "2014/15",
        "year_3_label": "2015/16",
        "target_display": None,
        "trajectory": None,
        "trajectory_arrow": None,
        "judgement": None,
        "rag": None,
        "polarity_label": None,
        "latest_basis_label": "12 months to 31 Jul 2016",
        "latest_state": "computed",
    }
    base.update(values)
    return tuple(base[c] for c in COLUMNS)


QA = {"section_id": "quality_assurance", "section_name": "Quality Assurance and Audit Processes",
      "section_order": 1}
LAC = {"section_id": "looked_after_children", "section_name": "Looked After Children",
       "section_order": 3}
ADOPTION = {"section_id": "adoption", "section_name": "Adoption", "section_order": 4}

ROWS = [
    _row(**QA, report_row=1, row_order=1, indicator_id="icpc_within_15_working_days",
         measure_wording=TRICKY_WORDING, document_note=TRICKY_NOTE,
         comparators_text="WM - 71.1% · Stat N - 74.7% · Eng - 74.7%",
         year_1_display="90.1%", year_2_display="97.8%", year_3_display="97.9%",
         latest_display="91.0%", target_display="95.0%", trajectory="down",
         trajectory_arrow="↘", judgement="worse", rag="amber", polarity_label="High is better"),
    _row(**QA, report_row=2, row_order=2, indicator_id="assessments_child_seen_alone",
         measure_wording="% children seen alone as part of their assessment",
         comparators_text="N/A", year_1_display="N/A", year_2_display="N/A",
         year_3_display="N/A", latest_display="Not Yet Available",
         latest_state="not_yet_available", polarity_label="High is better"),
    _row(**LAC, report_row=4, row_order=4, indicator_id="lac_placement_stability_over_2y",
         part_label="> 2 years", measure_wording="Placement stability – fewer than 3 placements",
         year_1_display="N/A", year_2_display="80.0%", year_3_display="75.0%",
         latest_display="77.2%", latest_basis_label="at 31 Jul 2016", target_display="80.0%",
         trajectory="up", trajectory_arrow="↗", judgement="better", rag="green",
         polarity_label="High is better"),
    _row(**LAC, report_row=4, row_order=5, indicator_id="lac_placement_stability_under_2y",
         part_label="< 2 years", measure_wording="Placement stability – fewer than 3 placements",
         year_1_display="N/A", year_2_display="75.0%", year_3_display="70.0%",
         latest_display="No data", latest_basis_label="at 31 Jul 2016", latest_state="no_data",
         polarity_label="High is better"),
    _row(**LAC, report_row=1, row_order=1, indicator_id="lac_rate",
         measure_wording="Number and rate of LAC per 10,000 child population",
         comparators_text="WM - 75.0 · Stat N - 83.1 · Eng - 60.0",
         year_1_display="136.0 (769)", year_2_display="135.0 (778)",
         year_3_display="112.3 (653)", latest_display="110.0 (640)",
         latest_basis_label="at 31 Jul 2016", trajectory="same", trajectory_arrow="→",
         judgement="same", polarity_label="Low is better"),
    _row(**ADOPTION, report_row=1, row_order=1, indicator_id="adoption_a1",
         measure_wording="A1 – Average time between a child entering care and moving in",
         year_1_display="Not computed yet", year_2_display="Not computed yet",
         year_3_display="Not computed yet", latest_display="Not computed yet",
         latest_state="not_computed", target_display="426 days"),
    # An earlier report date: not the default, and never mixed into the latest page.
    _row(**QA, report_date=dt.date(2016, 6, 30), report_row=1, row_order=1,
         indicator_id="icpc_within_15_working_days",
         measure_wording="Earlier month wording that must not appear in July",
         year_1_display="1.0%", year_2_display="2.0%", year_3_display="3.0%",
         latest_display="4.0%"),
]


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.duckdb"
    con = duckdb.connect(str(path))
    con.execute(DDL)
    placeholders = ", ".join("?" for _ in COLUMNS)
    con.executemany(
        f"insert into marts.rpt_performance_framework ({', '.join(COLUMNS)}) values ({placeholders})",
        ROWS,
    )
    con.close()
    return path


def _render(database: Path, out: Path, *extra: str) -> tuple[Path, str]:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--database", str(database), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    return Path(last_line), result.stdout


def test_writes_page_named_by_latest_report_date(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    assert path == tmp_path / "report" / "performance_framework_2016-07-31.html"
    assert path.is_file()
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Performance Framework" in page
    assert "336" in page
    assert "31 July 2016" in page
    assert "Earlier month wording" not in page


def test_self_contained(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page, re.IGNORECASE)
    assert "//" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    for forbidden in ("<script", "<link", "<img", "@import", "url(", "src="):
        assert forbidden not in page.lower()
    assert "<style>" in page


def test_every_wording_and_value_appears(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    july = [dict(zip(COLUMNS, r)) for r in ROWS if r[COLUMNS.index("report_date")] == dt.date(2016, 7, 31)]
    for row in july:
        for column in ("measure_wording", "part_label", "document_note", "year_1_display",
                       "year_2_display", "year_3_display", "latest_display",
                       "latest_basis_label", "target_display", "polarity_label",
                       "section_name", "trajectory_arrow"):
            value = row[column]
            if value:
                assert html.escape(value) in page, (column, value)
    # Comparators are split on the middle dot, one per line.
    for part in ("WM - 71.1%", "Stat N - 74.7%", "Eng - 74.7%", "WM - 75.0"):
        assert f"<span>{part}</span>" in page
    assert ">Comparators (SY 14/15)<" in page
    for label in ("2013/14", "2014/15", "2015/16"):
        assert f">{label}<" in page


def test_escaping(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    assert TRICKY_WORDING not in page
    assert "ICPCs held &lt; 15 working days &amp; &quot;on time&quot; after the s47" in page
    assert "<b>not</b>" not in page
    assert "&lt;b&gt;not&lt;/b&gt;" in page
    assert "&gt; 2 years" in page and "&lt; 2 years" in page


def test_grouped_row_wording_once_with_parts(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    wording = html.escape("Placement stability – fewer than 3 placements")
    assert page.count(wording) == 1
    group = re.search(r'<tbody class="measure grouped"[^>]*>(.*?)</tbody>', page, re.S)
    assert group is not None
    assert wording in group.group(1)
    parts = re.findall(r'<th scope="row" class="part">(.*?)</th>', group.group(1))
    assert parts == ["&gt; 2 years", "&lt; 2 years"]
    # Rows come in report_row order: the LAC rate (report_row 1) before the grouped row (4).
    assert page.index("Number and rate of LAC") < page.index(wording)


def test_states_rag_and_trajectory(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    assert '<span class="state">Not Yet Available</span>' in page
    assert '<span class="state">No data</span>' in page
    assert '<span class="state">N/A</span>' in page
    assert '<span class="state">91.0%</span>' not in page
    assert 'class="rag rag-amber"' in page and 'class="rag rag-green"' in page
    assert 'class="arrow j-worse"' in page
    assert 'class="arrow j-better"' in page
    assert 'class="arrow j-same"' in page
    assert '<span class="basis">12 months to 31 Jul 2016</span>' in page


def test_unbuilt_section_flagged(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    assert page.count("This section is computed in a later release") == 1
    adoption = page[page.index('data-section="adoption"'):]
    assert "This section is computed in a later release" in adoption
    # A Latest not computed yet names no basis.
    assert 'class="basis"' not in adoption[: adoption.index("</section>")]
    # Sections in section_order.
    assert (page.index("Quality Assurance and Audit Processes</h2>")
            < page.index("Looked After Children</h2>")
            < page.index("Adoption</h2>"))


def test_deterministic(database: Path, tmp_path: Path) -> None:
    first, _ = _render(database, tmp_path / "a")
    second, _ = _render(database, tmp_path / "b")
    third = render_report.render_report(database, tmp_path / "c")
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (first, second, third)}
    assert len(digests) == 1


def test_database_left_untouched(database: Path, tmp_path: Path) -> None:
    before = database.read_bytes()
    _render(database, tmp_path / "report")
    assert database.read_bytes() == before
    assert not Path(str(database) + ".wal").exists()


def test_report_date_option_and_env_default(database: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CSC_DUCKDB_PATH": str(database)}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path / "r"), "--report-date", "2016-06-30"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.name == "performance_framework_2016-06-30.html"
    page = path.read_text(encoding="utf-8")
    assert "Earlier month wording that must not appear in July" in page
    assert "30 June 2016" in page


def test_unknown_report_date_fails_cleanly(database: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--database", str(database), "--out", str(tmp_path),
         "--report-date", "2016-05-31"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "2016-05-31" in result.stderr and "2016-07-31" in result.stderr
    assert "Traceback" not in result.stderr
