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
    """Render with an empty commentary folder unless the caller passes --commentary (the
    project's own commentary/ must not leak into these pages)."""
    if "--commentary" not in extra:
        extra = ("--commentary", str(out.parent / "no-commentary"), *extra)
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
    third = render_report.render_report(database, tmp_path / "c", commentary_dir=tmp_path / "none")
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


# --------------------------------------------------------------------------- commentary


def _page(database: Path, tmp_path: Path, *extra: str) -> str:
    path, _ = _render(database, tmp_path / "report", *extra)
    return path.read_text(encoding="utf-8")


def _section(page: str, section_id: str) -> str:
    start = page.index(f'data-section="{section_id}"')
    return page[start: page.index("</section>", start)]


@pytest.fixture()
def commentary(tmp_path: Path) -> Path:
    folder = tmp_path / "commentary"
    day = folder / "2016-07-31"
    day.mkdir(parents=True)
    (day / "quality_assurance.md").write_text(
        "ICPCs within 15 days fell to **91.0%** from 97.9%.\n"
        "Still *above* comparators.\n\n"
        "- late ICPCs sent to teams\n"
        "- recording to be corrected\n\n"
        "<script>alert(1)</script> & <b>raw</b>\n",
        encoding="utf-8",
    )
    (day / "adoption.md").write_text("   \n", encoding="utf-8")  # blank: treated as none
    (day / "no_such_section.md").write_text("typo in the file name", encoding="utf-8")
    (folder / "2016-06-30").mkdir()
    (folder / "2016-06-30" / "quality_assurance.md").write_text("June's words", encoding="utf-8")
    return folder


def test_analysis_block_in_every_section(database: Path, tmp_path: Path) -> None:
    page = _page(database, tmp_path)
    for section_id in ("quality_assurance", "looked_after_children", "adoption"):
        block = _section(page, section_id)
        assert block.count('<div class="analysis" data-commentary="absent">') == 1
        assert "<h3>Analysis</h3>" in block
        assert "No commentary has been written for this section for July 2016." in block
        # The Analysis comes under the section's table.
        assert block.index("</table>") < block.index('class="analysis"')


def test_commentary_rendered_under_its_section(database: Path, tmp_path: Path, commentary: Path) -> None:
    path, stdout = _render(database, tmp_path / "report", "--commentary", str(commentary))
    page = path.read_text(encoding="utf-8")
    qa = _section(page, "quality_assurance")
    assert 'data-commentary="present"' in qa
    assert "<p>ICPCs within 15 days fell to <strong>91.0%</strong> from 97.9%. Still <em>above</em> comparators.</p>" in qa
    assert "<ul><li>late ICPCs sent to teams</li><li>recording to be corrected</li></ul>" in qa
    # Raw HTML is shown as typed, never executed.
    assert "<script>" not in page and "<b>raw</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;raw&lt;/b&gt;" in qa
    assert "June's words" not in page
    assert 'data-commentary="absent"' in _section(page, "adoption")
    assert 'data-commentary="absent"' in _section(page, "looked_after_children")


def test_commentary_for_unknown_section_is_reported(database: Path, tmp_path: Path, commentary: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--database", str(database), "--out", str(tmp_path / "r"),
         "--commentary", str(commentary)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no_such_section.md" in result.stderr and "warning" in result.stderr
    assert "typo in the file name" not in Path(result.stdout.strip().splitlines()[-1]).read_text()


def test_commentary_of_another_month(database: Path, tmp_path: Path, commentary: Path) -> None:
    page = _page(database, tmp_path, "--commentary", str(commentary), "--report-date", "2016-06-30")
    assert "<p>June&#x27;s words</p>" in page


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("one\ntwo\n\nthree", "<p>one two</p>\n<p>three</p>"),
        ("# Heading\ntext", "<h4>Heading</h4>\n<p>text</p>"),
        ("### Small", "<h6>Small</h6>"),
        ("1. first\n2. second\n   continued", "<ol><li>first</li><li>second continued</li></ol>"),
        ("* a\n+ b\n\n- c", "<ul><li>a</li><li>b</li></ul>\n<ul><li>c</li></ul>"),
        ("para\n- item\nafter", "<p>para</p>\n<ul><li>item</li></ul>\n<p>after</p>"),
        ("__bold__ and _it_ and snake_case_name", "<p><strong>bold</strong> and <em>it</em> and snake_case_name</p>"),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
        ("`<b>` **`x`**", "<p><code>&lt;b&gt;</code> <strong><code>x</code></strong></p>"),
        ("[a link](http://example.invalid)", "<p>[a link](http://example.invalid)</p>"),
        ('"quoted" <i>x</i>', "<p>&quot;quoted&quot; &lt;i&gt;x&lt;/i&gt;</p>"),
        ("a\r\nb", "<p>a b</p>"),
        ("", ""),
    ],
)
def test_markdown_subset(markdown: str, expected: str) -> None:
    assert render_report.markdown_to_html(markdown) == expected


# --------------------------------------------------------------------------- trend charts

VALUES_DDL = """
create table marts.fct_indicator_values (
    la_code varchar, indicator_id varchar, report_date date, period_key varchar,
    period_label varchar, basis varchar, window_start_date date, window_end_date date,
    value double, unit varchar, state varchar
)
"""
# The interface another model is building: one row per authority x measure x month-end.
HISTORY_DDL = """
create table marts.fct_indicator_history (
    la_code varchar, indicator_id varchar, report_date date, value double, numerator double,
    denominator double, unit varchar, state varchar, basis varchar, window_start_date date,
    window_end_date date
)
"""
R = dt.date(2016, 7, 31)
YEARS = (("year_1", "2013/14", 2013), ("year_2", "2014/15", 2014), ("year_3", "2015/16", 2015))


def _values_rows():
    rows = []
    for key, label, start in YEARS:
        window = (dt.date(start, 4, 1), dt.date(start + 1, 3, 31))
        rows.append(("336", "icpc_within_15_working_days", R, key, label, "financial_year", *window,
                     {2013: 90.1, 2014: 97.8, 2015: 97.9}[start], "percent", "computed"))
        lac_state = "not_applicable" if start == 2013 else "computed"
        rows.append(("336", "lac_rate", R, key, label, "financial_year", *window,
                     None if lac_state != "computed" else 130.0 - start % 10, "rate_per_10000", lac_state))
        rows.append(("336", "assessments_child_seen_alone", R, key, label, "financial_year", *window,
                     None, "percent", "not_applicable"))
    rows.append(("336", "icpc_within_15_working_days", R, "latest", "Latest", "rolling_12_months",
                 dt.date(2015, 8, 1), R, 91.0, "percent", "computed"))
    rows.append(("336", "lac_rate", R, "latest", "Latest", "snapshot", R, R, 110.0,
                 "rate_per_10000", "computed"))
    rows.append(("336", "assessments_child_seen_alone", R, "latest", "Latest", "rolling_12_months",
                 dt.date(2015, 8, 1), R, None, "percent", "not_yet_available"))
    return rows


def _month_ends(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        day = dt.date(nxt.year + (nxt.month == 12), nxt.month % 12 + 1, 1) - dt.timedelta(days=1)


def _history_rows():
    rows = []
    for i, month in enumerate(_month_ends(dt.date(2012, 1, 31), dt.date(2016, 9, 30))):
        rows.append(("336", "icpc_within_15_working_days", month, 80.0 + (i % 7), 8.0, 10.0,
                     "percent", "computed", "rolling_12_months", None, month))
        # Another basis of the same measure: not the measure's Latest, never drawn.
        rows.append(("336", "icpc_within_15_working_days", month, 5.0, 1.0, 20.0,
                     "percent", "computed", "year_to_date", None, month))
    # A month the document marks unavailable: not a point.
    rows.append(("336", "lac_rate", dt.date(2016, 6, 30), None, None, None, "rate_per_10000",
                 "not_yet_available", "snapshot", None, None))
    rows.append(("336", "lac_rate", dt.date(2016, 5, 31), 108.0, 630.0, 58000.0, "rate_per_10000",
                 "computed", "snapshot", None, None))
    # Another authority: never drawn.
    rows.append(("999", "lac_rate", dt.date(2016, 4, 30), 1.0, 1.0, 1.0, "rate_per_10000",
                 "computed", "snapshot", None, None))
    return rows


def _add_tables(database: Path, *, history: bool) -> None:
    con = duckdb.connect(str(database))
    con.execute(VALUES_DDL)
    con.executemany("insert into marts.fct_indicator_values values (" + ", ".join("?" * 11) + ")",
                    _values_rows())
    if history:
        con.execute(HISTORY_DDL)
        con.executemany("insert into marts.fct_indicator_history values (" + ", ".join("?" * 11) + ")",
                        _history_rows())
    con.close()


def _svg(page: str, indicator_id: str) -> str:
    row = re.search(rf'<tr[^>]*data-indicator="{indicator_id}".*?</tr>', page, re.S)
    assert row is not None, indicator_id
    cell = re.search(r'<td class="trend">(.*?)</td>', row.group(0), re.S)
    assert cell is not None
    return cell.group(1)


def test_no_values_table_no_chart(database: Path, tmp_path: Path) -> None:
    page = _page(database, tmp_path)
    assert ">Trend</th>" in page
    assert "<svg" not in page
    assert page.count('<td class="trend"><span class="no-trend">No values to plot</span></td>') == 6


def test_years_only_until_history_exists(database: Path, tmp_path: Path) -> None:
    _add_tables(database, history=False)
    page = _page(database, tmp_path)
    svg = _svg(page, "icpc_within_15_working_days")
    assert svg.startswith('<svg class="trend" role="img"')
    assert 'data-years="3" data-months="0" data-latest="1"' in svg
    assert svg.count('<rect class="year"') == 3
    assert svg.count('<circle class="latest"') == 1
    assert '<polyline class="joined"' in svg and 'class="months"' not in svg
    assert "2013/14 90.1%; 2014/15 97.8%; 2015/16 97.9%; Latest 91.0%" in svg
    for label in (">13/14<", ">14/15<", ">15/16<"):
        assert label in svg
    # Years the document marks N/A are not drawn.
    lac = _svg(page, "lac_rate")
    assert 'data-years="2"' in lac and ">13/14<" not in lac
    assert "No values to plot" in _svg(page, "assessments_child_seen_alone")
    assert "No values to plot" in _svg(page, "adoption_a1")


def test_monthly_latest_series(database: Path, tmp_path: Path) -> None:
    _add_tables(database, history=True)
    page = _page(database, tmp_path)
    svg = _svg(page, "icpc_within_15_working_days")
    # Month-ends from April 2013 (the first year's start) to July 2016: 40, none after the
    # report date, none before, none of the other basis.
    assert 'data-years="3" data-months="40" data-latest="1"' in svg
    points = re.search(r'<polyline class="months" points="([^"]+)"', svg).group(1).split()
    assert len(points) == 40
    xs = [float(p.split(",")[0]) for p in points]
    assert xs == sorted(xs) and len(set(xs)) == 40
    assert all(render_report.PLOT_LEFT <= x <= render_report.PLOT_RIGHT for x in xs)
    ys = [float(p.split(",")[1]) for p in points]
    assert all(render_report.PLOT_TOP <= y <= render_report.PLOT_BOTTOM for y in ys)
    assert "monthly Latest Apr 2013 to Jul 2016, 40 months" in svg
    # The last month is the Latest itself (the mart's value, 91.0%).
    assert "to 91.0%" in svg
    lac = _svg(page, "lac_rate")
    assert 'data-months="1"' in lac  # May 2016 only: June is not computed, 999 is another LA
    # Still self-contained: inline SVG with no namespace URL or external reference.
    assert not re.search(r"https?://", page)
    assert "xlink" not in page and "href" not in page.split("<svg", 1)[1]


def test_chart_deterministic_and_readonly(database: Path, tmp_path: Path, commentary: Path) -> None:
    _add_tables(database, history=True)
    before = database.read_bytes()
    first, _ = _render(database, tmp_path / "a", "--commentary", str(commentary))
    second = render_report.render_report(database, tmp_path / "b", commentary_dir=commentary,
                                         warn=lambda m: None)
    assert first.read_bytes() == second.read_bytes()
    assert database.read_bytes() == before


def test_rows_and_cells_carry_test_hooks(database: Path, tmp_path: Path) -> None:
    page = _page(database, tmp_path)
    for indicator in ("icpc_within_15_working_days", "lac_placement_stability_over_2y",
                      "lac_placement_stability_under_2y", "adoption_a1"):
        assert page.count(f'<tr data-indicator="{indicator}">') + page.count(
            f'<tr class="part-row" data-indicator="{indicator}">') == 1
    for col in ("year_1", "year_2", "year_3", "latest", "target"):
        assert f'data-col="{col}"' in page


# --------------------------------------------------------------------------- data-quality appendix

QUALITY_DDL = """
create table marts.fct_extract_load_summary (
    extract_name varchar, rows_read bigint, rows_staged bigint, rows_rejected bigint,
    rejected_invalid_date bigint, rejected_unknown_code bigint
);
insert into marts.fct_extract_load_summary values
    ('carefirst_children', 1200, 1197, 3, 2, 1),
    ('carefirst_referrals', 50, 50, 0, 0, 0);
create table marts.fct_data_quality_rule_summary (
    rule_id varchar, dfe_return varchar, dfe_rule_code varchar, extract varchar,
    rule_description varchar, rule_source varchar, records_failing bigint,
    children_affected bigint
);
insert into marts.fct_data_quality_rule_summary values
    ('icpc_without_s47', 'contract', null, 'carefirst_cp_conferences',
     'An ICPC has no <s47>', 'contract', 78, 77),
    ('lac_child_sex_invalid', 'SSDA903', '101', 'carefirst_children',
     'Sex other than 1 or 2', 'rule_101.py', 8, 8),
    ('lac_episode_ends_before_start', 'SSDA903', '356', 'carefirst_lac_episodes',
     'End before start', 'rule_356.py', 0, 0);
"""


def _appendix(page: str) -> str:
    start = page.index('<section class="appendix" id="data-quality"')
    return page[start:page.index("</section>", start)]


def test_appendix_shows_the_load_and_the_broken_rules(database: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(database))
    con.execute(QUALITY_DDL)
    con.close()
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    appendix = _appendix(page)
    assert '<a href="#data-quality">' in page
    # every extract, its counts, its rejects by rule; the total
    assert re.search(
        r'data-extract="carefirst_children">.*?1,200</td>.*?1,197</td>.*?>3</td>'
        r".*?invalid date 2, unknown code 1</td>",
        appendix,
        re.S,
    )
    assert re.search(r'data-extract="carefirst_referrals">.*?>none</td>', appendix, re.S)
    assert re.search(r"All extracts</td><td[^>]*>1,250</td><td[^>]*>1,247</td><td[^>]*>3</td>", appendix)
    # broken rules only, most records first, escaped; the passing rule is counted, not listed
    assert appendix.index('data-rule="icpc_without_s47"') < appendix.index(
        'data-rule="lac_child_sex_invalid"'
    )
    assert "An ICPC has no &lt;s47&gt;" in appendix
    assert 'data-rule="lac_episode_ends_before_start"' not in appendix
    assert "2 of 3 rules broken; the other 1 pass." in appendix


def test_appendix_without_the_marts_says_so(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    appendix = _appendix(path.read_text(encoding="utf-8"))
    assert "The load summary was not built" in appendix
    assert "The rule summary was not built" in appendix


def test_appendix_when_no_rule_is_broken(database: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(database))
    con.execute(QUALITY_DDL)
    con.execute("update marts.fct_data_quality_rule_summary set records_failing = 0, children_affected = 0")
    con.close()
    path, _ = _render(database, tmp_path / "report")
    assert "All 3 rules pass: no record breaks any of them." in _appendix(
        path.read_text(encoding="utf-8")
    )
