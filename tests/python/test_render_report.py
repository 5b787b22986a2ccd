"""Tests for scripts/render_report.py: a tiny mart in a temporary DuckDB file, rendered to HTML."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import markupsafe
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "render_report.py"
LABELS_SEED = ROOT / "seeds" / "reference" / "display_labels.csv"


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
    polarity_label varchar, latest_state varchar, year_1_state varchar, year_2_state varchar,
    year_3_state varchar, trajectory_label varchar, judgement_label varchar, rag_label varchar
);
create table marts.rpt_performance_framework_comparators (
    indicator_id varchar, comparator varchar, period_label varchar, value_text varchar,
    comparator_label varchar, comparator_order integer, comparator_display varchar
);
create schema reference;
"""

COLUMNS = render_report.COLUMNS
MART_COLUMNS = re.findall(
    r"(\w+) (?:varchar|date|integer)",
    DDL.split("create table marts.rpt_performance_framework_comparators")[0],
)
# The words of the page (states, arrows, judgement and RAG words) are the seed's.
with LABELS_SEED.open(encoding="utf-8") as _handle:
    LABELS = {(r["label_set"], r["code"]): r["label"] for r in csv.DictReader(_handle)}
STATE_OF_LABEL = {
    label: code for (label_set, code), label in LABELS.items() if label_set == "state"
}


def esc(value: str) -> str:
    """A value as the page's autoescaping writes it."""
    return str(markupsafe.escape(value))


TRICKY_WORDING = 'ICPCs held < 15 working days & "on time" after the s47'
TRICKY_NOTE = "Counts conferences <b>not</b> transfers-in"


def _row(**values):
    """A row of the fake mart: each year's state is the state its text names (else computed)
    and the words are the seed's, as the mart gives them."""
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
    for key in ("year_1", "year_2", "year_3"):
        text = base.get(f"{key}_display")
        base.setdefault(
            f"{key}_state", None if text is None else STATE_OF_LABEL.get(text, "computed")
        )
    base.setdefault("trajectory_label", LABELS.get(("trajectory", base["trajectory"])))
    base.setdefault("judgement_label", LABELS.get(("judgement", base["judgement"])))
    base.setdefault("rag_label", LABELS.get(("rag", base["rag"])))
    return base


def _comparator_rows(row):
    """The comparators mart's rows for a fake row's comparators_text, in order."""
    text = row.get("comparators_text")
    if not text or text == "N/A":
        return []
    rows = []
    for order, part in enumerate(text.split(" · "), start=1):
        label, value = part.split(" - ")
        rows.append((row["indicator_id"], label, "2014/15", value, label, order, part))
    return rows


QA = {
    "section_id": "quality_assurance",
    "section_name": "Quality Assurance and Audit Processes",
    "section_order": 1,
}
LAC = {
    "section_id": "looked_after_children",
    "section_name": "Looked After Children",
    "section_order": 3,
}
ADOPTION = {"section_id": "adoption", "section_name": "Adoption", "section_order": 4}

ROWS = [
    _row(
        **QA,
        report_row=1,
        row_order=1,
        indicator_id="icpc_within_15_working_days",
        measure_wording=TRICKY_WORDING,
        document_note=TRICKY_NOTE,
        comparators_text="WM - 71.1% · Stat N - 74.7% · Eng - 74.7%",
        year_1_display="90.1%",
        year_2_display="97.8%",
        year_3_display="97.9%",
        latest_display="91.0%",
        target_display="95.0%",
        trajectory="down",
        trajectory_arrow="↘",
        judgement="worse",
        rag="amber",
        polarity_label="High is better",
    ),
    _row(
        **QA,
        report_row=2,
        row_order=2,
        indicator_id="assessments_child_seen_alone",
        measure_wording="% children seen alone as part of their assessment",
        comparators_text="N/A",
        year_1_display="Not recorded",
        year_2_display="Not recorded",
        year_3_display="Not recorded",
        latest_display="Not Yet Available",
        latest_state="not_yet_available",
        polarity_label="High is better",
    ),
    _row(
        **LAC,
        report_row=4,
        row_order=4,
        indicator_id="lac_placement_stability_over_2y",
        part_label="> 2 years",
        measure_wording="Placement stability – fewer than 3 placements",
        year_1_display="Not recorded",
        year_2_display="80.0%",
        year_3_display="75.0%",
        latest_display="77.2%",
        latest_basis_label="at 31 Jul 2016",
        target_display="80.0%",
        trajectory="up",
        trajectory_arrow="↗",
        judgement="better",
        rag="green",
        polarity_label="High is better",
    ),
    _row(
        **LAC,
        report_row=4,
        row_order=5,
        indicator_id="lac_placement_stability_under_2y",
        part_label="< 2 years",
        measure_wording="Placement stability – fewer than 3 placements",
        year_1_display="Not recorded",
        year_2_display="75.0%",
        year_3_display="70.0%",
        latest_display="No data",
        latest_basis_label="at 31 Jul 2016",
        latest_state="no_data",
        polarity_label="High is better",
    ),
    _row(
        **LAC,
        report_row=1,
        row_order=1,
        indicator_id="lac_rate",
        measure_wording="Number and rate of LAC per 10,000 child population",
        comparators_text="WM - 75.0 · Stat N - 83.1 · Eng - 60.0",
        year_1_display="136.0 (769)",
        year_2_display="135.0 (778)",
        year_3_display="112.3 (653)",
        latest_display="110.0 (640)",
        latest_basis_label="at 31 Jul 2016",
        trajectory="same",
        trajectory_arrow="→",
        judgement="same",
        polarity_label="Low is better",
    ),
    _row(
        **ADOPTION,
        report_row=1,
        row_order=1,
        indicator_id="adoption_a1",
        measure_wording="A1 – Average time between a child entering care and moving in",
        year_1_display="Not computed yet",
        year_2_display="Not computed yet",
        year_3_display="Not computed yet",
        latest_display="Not computed yet",
        latest_state="not_computed",
        target_display="426 days",
    ),
    # An earlier report date: not the default, and never mixed into the latest page.
    _row(
        **QA,
        report_date=dt.date(2016, 6, 30),
        report_row=1,
        row_order=1,
        indicator_id="icpc_within_15_working_days",
        measure_wording="Earlier month wording that must not appear in July",
        year_1_display="1.0%",
        year_2_display="2.0%",
        year_3_display="3.0%",
        latest_display="4.0%",
    ),
]


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.duckdb"
    con = duckdb.connect(str(path))
    con.execute(DDL)
    con.execute(
        "create table reference.display_labels as select * from read_csv(?, header = true, "
        "columns = {'label_set': 'varchar', 'code': 'varchar', 'label': 'varchar', "
        "'display_order': 'integer', 'description': 'varchar'})",
        [str(LABELS_SEED)],
    )
    # every column the renderer reads is one of the fake mart's
    assert set(COLUMNS) <= set(MART_COLUMNS)
    placeholders = ", ".join("?" for _ in MART_COLUMNS)
    con.executemany(
        f"insert into marts.rpt_performance_framework ({', '.join(MART_COLUMNS)}) values ({placeholders})",
        [[row.get(c) for c in MART_COLUMNS] for row in ROWS],
    )
    july = [row for row in ROWS if row["report_date"] == dt.date(2016, 7, 31)]
    con.executemany(
        "insert into marts.rpt_performance_framework_comparators values (?, ?, ?, ?, ?, ?, ?)",
        [c for row in july for c in _comparator_rows(row)],
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
    july = [r for r in ROWS if r["report_date"] == dt.date(2016, 7, 31)]
    for row in july:
        for column in (
            "measure_wording",
            "part_label",
            "document_note",
            "year_1_display",
            "year_2_display",
            "year_3_display",
            "latest_display",
            "latest_basis_label",
            "target_display",
            "polarity_label",
            "section_name",
            "trajectory_arrow",
        ):
            value = row[column]
            if value:
                assert esc(value) in page, (column, value)
    # Comparators come as rows, one per line.
    for part in ("WM - 71.1%", "Stat N - 74.7%", "Eng - 74.7%", "WM - 75.0"):
        assert f"<span>{part}</span>" in page
    assert ">Comparators (SY 14/15)<" in page
    for label in ("2013/14", "2014/15", "2015/16"):
        assert f">{label}<" in page


def test_escaping(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    assert TRICKY_WORDING not in page
    assert esc(TRICKY_WORDING) in page
    assert "ICPCs held &lt; 15 working days &amp; &#34;on time&#34; after the s47" in page
    assert "<b>not</b>" not in page
    assert "&lt;b&gt;not&lt;/b&gt;" in page
    assert "&gt; 2 years" in page and "&lt; 2 years" in page


def test_grouped_row_wording_once_with_parts(database: Path, tmp_path: Path) -> None:
    path, _ = _render(database, tmp_path / "report")
    page = path.read_text(encoding="utf-8")
    wording = esc("Placement stability – fewer than 3 placements")
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
    assert '<span class="state">Not recorded</span>' in page
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
    adoption = page[page.index('data-section="adoption"') :]
    assert "This section is computed in a later release" in adoption
    # A Latest not computed yet names no basis.
    assert 'class="basis"' not in adoption[: adoption.index("</section>")]
    # Sections in section_order.
    assert (
        page.index("Quality Assurance and Audit Processes</h2>")
        < page.index("Looked After Children</h2>")
        < page.index("Adoption</h2>")
    )


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
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.name == "performance_framework_2016-06-30.html"
    page = path.read_text(encoding="utf-8")
    assert "Earlier month wording that must not appear in July" in page
    assert "30 June 2016" in page


def test_unknown_report_date_fails_cleanly(database: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--database",
            str(database),
            "--out",
            str(tmp_path),
            "--report-date",
            "2016-05-31",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "2016-05-31" in result.stderr and "2016-07-31" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- commentary


def _page(database: Path, tmp_path: Path, *extra: str) -> str:
    path, _ = _render(database, tmp_path / "report", *extra)
    return path.read_text(encoding="utf-8")


def _compact(markup: str) -> str:
    """The markup without the white space between tags (markdown-it puts each block on a line)."""
    return re.sub(r">\s+<", "><", markup)


def _section(page: str, section_id: str) -> str:
    start = page.index(f'data-section="{section_id}"')
    return page[start : page.index("</section>", start)]


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


def test_commentary_rendered_under_its_section(
    database: Path, tmp_path: Path, commentary: Path
) -> None:
    path, stdout = _render(database, tmp_path / "report", "--commentary", str(commentary))
    page = path.read_text(encoding="utf-8")
    qa = _section(page, "quality_assurance")
    compact = _compact(qa)
    assert 'data-commentary="present"' in qa
    assert (
        "<p>ICPCs within 15 days fell to <strong>91.0%</strong> from 97.9%. Still <em>above</em> comparators.</p>"
        in compact
    )
    assert "<ul><li>late ICPCs sent to teams</li><li>recording to be corrected</li></ul>" in compact
    # Raw HTML is shown as typed, never executed.
    assert "<script>" not in page and "<b>raw</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;raw&lt;/b&gt;" in qa
    assert "June's words" not in page
    assert 'data-commentary="absent"' in _section(page, "adoption")
    assert 'data-commentary="absent"' in _section(page, "looked_after_children")


def test_commentary_for_unknown_section_is_reported(
    database: Path, tmp_path: Path, commentary: Path
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--database",
            str(database),
            "--out",
            str(tmp_path / "r"),
            "--commentary",
            str(commentary),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no_such_section.md" in result.stderr and "warning" in result.stderr
    assert "typo in the file name" not in Path(result.stdout.strip().splitlines()[-1]).read_text()


def test_commentary_of_another_month(database: Path, tmp_path: Path, commentary: Path) -> None:
    page = _page(database, tmp_path, "--commentary", str(commentary), "--report-date", "2016-06-30")
    assert "<p>June's words</p>" in page


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("one\ntwo\n\nthree", "<p>one two</p>\n<p>three</p>"),
        ("# Heading\ntext", "<h4>Heading</h4>\n<p>text</p>"),
        ("### Small", "<h6>Small</h6>"),
        (
            "1. first\n2. second\n   continued",
            "<ol>\n<li>first</li>\n<li>second continued</li>\n</ol>",
        ),
        # CommonMark: a new bullet character starts a new list
        (
            "* a\n+ b\n\n- c",
            "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n<ul>\n<li>c</li>\n</ul>",
        ),
        # CommonMark: a list interrupts a paragraph; an unindented line continues the item
        ("para\n- item\nafter", "<p>para</p>\n<ul>\n<li>item after</li>\n</ul>"),
        ("para\n- item\n\nafter", "<p>para</p>\n<ul>\n<li>item</li>\n</ul>\n<p>after</p>"),
        (
            "__bold__ and _it_ and snake_case_name",
            "<p><strong>bold</strong> and <em>it</em> and snake_case_name</p>",
        ),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
        ("`<b>` **`x`**", "<p><code>&lt;b&gt;</code> <strong><code>x</code></strong></p>"),
        ("[a link](http://example.invalid)", "<p>[a link](http://example.invalid)</p>"),
        # no autolink, no image, no entity, no HTML block: all shown as typed
        (
            "<http://example.invalid> ![i](http://example.invalid/i.png)",
            "<p>&lt;http://example.invalid&gt; ![i](http://example.invalid/i.png)</p>",
        ),
        ("&amp; &#60;", "<p>&amp;amp; &amp;#60;</p>"),
        (
            "<div>\n<script>alert(1)</script>\n</div>",
            "<p>&lt;div&gt; &lt;script&gt;alert(1)&lt;/script&gt; &lt;/div&gt;</p>",
        ),
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
        rows.append(
            (
                "336",
                "icpc_within_15_working_days",
                R,
                key,
                label,
                "financial_year",
                *window,
                {2013: 90.1, 2014: 97.8, 2015: 97.9}[start],
                "percent",
                "computed",
            )
        )
        lac_state = "not_recorded" if start == 2013 else "computed"
        rows.append(
            (
                "336",
                "lac_rate",
                R,
                key,
                label,
                "financial_year",
                *window,
                None if lac_state != "computed" else 130.0 - start % 10,
                "rate_per_10000",
                lac_state,
            )
        )
        rows.append(
            (
                "336",
                "assessments_child_seen_alone",
                R,
                key,
                label,
                "financial_year",
                *window,
                None,
                "percent",
                "not_recorded",
            )
        )
    rows.append(
        (
            "336",
            "icpc_within_15_working_days",
            R,
            "latest",
            "Latest",
            "rolling_12_months",
            dt.date(2015, 8, 1),
            R,
            91.0,
            "percent",
            "computed",
        )
    )
    rows.append(
        (
            "336",
            "lac_rate",
            R,
            "latest",
            "Latest",
            "snapshot",
            R,
            R,
            110.0,
            "rate_per_10000",
            "computed",
        )
    )
    rows.append(
        (
            "336",
            "assessments_child_seen_alone",
            R,
            "latest",
            "Latest",
            "rolling_12_months",
            dt.date(2015, 8, 1),
            R,
            None,
            "percent",
            "not_yet_available",
        )
    )
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
        rows.append(
            (
                "336",
                "icpc_within_15_working_days",
                month,
                80.0 + (i % 7),
                8.0,
                10.0,
                "percent",
                "computed",
                "rolling_12_months",
                None,
                month,
            )
        )
        # Another basis of the same measure: not the measure's Latest, never drawn.
        rows.append(
            (
                "336",
                "icpc_within_15_working_days",
                month,
                5.0,
                1.0,
                20.0,
                "percent",
                "computed",
                "year_to_date",
                None,
                month,
            )
        )
    # A month the document marks unavailable: not a point.
    rows.append(
        (
            "336",
            "lac_rate",
            dt.date(2016, 6, 30),
            None,
            None,
            None,
            "rate_per_10000",
            "not_yet_available",
            "snapshot",
            None,
            None,
        )
    )
    rows.append(
        (
            "336",
            "lac_rate",
            dt.date(2016, 5, 31),
            108.0,
            630.0,
            58000.0,
            "rate_per_10000",
            "computed",
            "snapshot",
            None,
            None,
        )
    )
    # Another authority: never drawn.
    rows.append(
        (
            "999",
            "lac_rate",
            dt.date(2016, 4, 30),
            1.0,
            1.0,
            1.0,
            "rate_per_10000",
            "computed",
            "snapshot",
            None,
            None,
        )
    )
    return rows


def _add_tables(database: Path, *, history: bool) -> None:
    con = duckdb.connect(str(database))
    con.execute(VALUES_DDL)
    con.executemany(
        "insert into marts.fct_indicator_values values (" + ", ".join("?" * 11) + ")",
        _values_rows(),
    )
    if history:
        con.execute(HISTORY_DDL)
        con.executemany(
            "insert into marts.fct_indicator_history values (" + ", ".join("?" * 11) + ")",
            _history_rows(),
        )
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
    # Years not recorded are not drawn.
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
    second = render_report.render_report(
        database, tmp_path / "b", commentary_dir=commentary, warn=lambda m: None
    )
    assert first.read_bytes() == second.read_bytes()
    assert database.read_bytes() == before


def test_rows_and_cells_carry_test_hooks(database: Path, tmp_path: Path) -> None:
    page = _page(database, tmp_path)
    for indicator in (
        "icpc_within_15_working_days",
        "lac_placement_stability_over_2y",
        "lac_placement_stability_under_2y",
        "adoption_a1",
    ):
        assert (
            page.count(f'<tr data-indicator="{indicator}">')
            + page.count(f'<tr class="part-row" data-indicator="{indicator}">')
            == 1
        )
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
    return page[start : page.index("</section>", start)]


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
    assert re.search(
        r"All extracts</td><td[^>]*>1,250</td><td[^>]*>1,247</td><td[^>]*>3</td>", appendix
    )
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
    con.execute(
        "update marts.fct_data_quality_rule_summary set records_failing = 0, children_affected = 0"
    )
    con.close()
    path, _ = _render(database, tmp_path / "report")
    assert "All 3 rules pass: no record breaks any of them." in _appendix(
        path.read_text(encoding="utf-8")
    )


# --------------------------------------------------------------------------- table-shaped cells
# A fake marts.rpt_performance_framework_tables (the interface of the doc block
# report_table_cells_interface), in an in-memory DuckDB, for the document's table shapes.

TABLE_TYPES = {
    "report_date": "date",
    "report_row": "integer",
    "table_order": "integer",
    "row_order": "integer",
    "column_order": "integer",
}
TABLES_DDL = "create table marts.rpt_performance_framework_tables ({})".format(
    ", ".join(f"{c} {TABLE_TYPES.get(c, 'varchar')}" for c in render_report.TABLE_COLUMNS)
)
EARLY_HELP = {"section_id": "early_help", "section_name": "Early Help", "section_order": 3}
PARTICIPATION = {
    "section_id": "participation",
    "section_name": "Participation",
    "section_order": 11,
}
CSE = {
    "section_id": "cse_missing_dv_fgm",
    "section_name": "CSE & Missing, Domestic Violence, FGM",
    "section_order": 10,
}
YOT = {"section_id": "youth_offending", "section_name": "Youth Offending Team", "section_order": 12}
NOT_YET = {
    "year_1_display": "Not computed yet",
    "year_2_display": "Not computed yet",
    "year_3_display": "Not computed yet",
    "latest_display": "Not computed yet",
    "latest_state": "not_computed",
}
TABLE_REPORT_ROWS = [
    _row(
        **EARLY_HELP,
        **NOT_YET,
        report_row=1,
        row_order=1,
        indicator_id="early_help_assessments_rate",
        measure_wording="Number of Early Help Assessments per 10,000 population",
    ),
    _row(
        **EARLY_HELP,
        **NOT_YET,
        report_row=2,
        row_order=2,
        indicator_id="eha_opened_early_help_0_5",
        part_label="Early Help 0-5",
        measure_wording="Proportion of Early Help Assessments opened by agency",
    ),
    _row(
        **EARLY_HELP,
        **NOT_YET,
        report_row=2,
        row_order=7,
        indicator_id="eha_opened_total",
        part_label="Total",
        measure_wording="Proportion of Early Help Assessments opened by agency",
    ),
    _row(
        **EARLY_HELP,
        **NOT_YET,
        report_row=3,
        row_order=8,
        indicator_id="two_year_funding_take_up",
        measure_wording="Number of children taking up Terrific for Two's funding",
    ),
    _row(
        **CSE,
        **NOT_YET,
        report_row=1,
        row_order=1,
        indicator_id="missing_incidents_all",
        part_label="all: incidents",
        measure_wording="The number of children who are reported missing",
    ),
    _row(
        **PARTICIPATION,
        **NOT_YET,
        report_row=1,
        row_order=1,
        indicator_id="icpc_invitee_attendance",
        part_label="ICPC",
        measure_wording="Participation of professional at ICPCs and RCPCs",
    ),
    _row(
        **PARTICIPATION,
        **NOT_YET,
        report_row=2,
        row_order=3,
        indicator_id="lac_review_participation_participation_section",
        measure_wording="Participation of children in LAC reviews",
    ),
    _row(
        **YOT,
        **NOT_YET,
        report_row=1,
        row_order=1,
        indicator_id="yot_interventions_started",
        measure_wording="Number of YOT interventions starting",
    ),
]

# Early Help: "Number of EHA's Opened by Agency", quarters grouped by financial year.
AGENCIES = ("Early Help 0-5", "Early Help 5-18", "Schools", "MASH", "Other", "Total")
EHA_COUNTS = {
    ("2014/15", "Q1"): (5, 8, 45, 2, 2, 15),
    ("2014/15", "Q2"): (147, 31, 76, 2, 2, 228),
    ("2014/15", "Q3"): (328, 44, 107, 3, 3, 438),
    ("2014/15", "Q4"): (288, 44, 107, 3, 3, 443),
    ("2015/16", "Q1"): (253, 62, 189, 9, 2, 514),
    ("2015/16", "Q2"): (389, 69, 274, 2, 2, 734),
    ("2015/16", "Q3"): (370, 67, 278, 2, 2, 735),
    ("2015/16", "Q4"): (334, 60, 289, 2, 2, 687),
    ("2016/17", "Q1"): (244, 49, 277, 4, 4, 575),
}
# Participation: ICPC attendance by invitee, counts then percentages ("-": nobody invited).
INVITEES = ("Parents / Family", "GP", "Pae'tn", "*Other")
ATTENDANCE = ("Attended", "Not Att/ Report sent", "Not Att / No Report")
ICPC_COUNTS = {
    "Attended": (94, 1, 0, 58),
    "Not Att/ Report sent": (0, 16, 0, 0),
    "Not Att / No Report": (0, 29, 0, 0),
}
ICPC_PERCENTAGES = {
    "Attended": ("100%", "2%", None, "100%"),
    "Not Att/ Report sent": ("0%", "35%", None, "0%"),
    "Not Att / No Report": ("0%", "63%", None, "0%"),
}
MONTHS_SHOWN = (("2015", "Dec"), ("2016", "Jan"), ("2016", "Feb"), ("2016", "Mar"))
MISSING = {
    "Number of Incidents missing (and number of young people)": (
        "21(17)",
        "39(18)",
        "31(20)",
        "22(13)",
    ),
    "a) Not known to social care": ("4(4)", "3(3)", "4(4)", "6(6)"),
}


def _cell(
    section,
    report_row,
    table_id,
    table_order,
    caption,
    row_group_heading,
    row_heading,
    row_group_label,
    row_label,
    row_order,
    column_group_label,
    column_label,
    column_order,
    display,
    state="computed",
    indicator_id=None,
    period_key=None,
):
    return {
        "la_code": "336",
        "report_date": R,
        "section_id": section["section_id"],
        "report_row": report_row,
        "table_id": table_id,
        "table_order": table_order,
        "table_caption": caption,
        "row_group_heading": row_group_heading,
        "row_heading": row_heading,
        "row_group_label": row_group_label,
        "row_label": row_label,
        "row_order": row_order,
        "column_group_label": column_group_label,
        "column_label": column_label,
        "column_order": column_order,
        "cell_display": display,
        "cell_state": state,
        "indicator_id": indicator_id,
        "period_key": period_key,
    }


def _table_cells():
    cells = []
    for row_order, ((year, quarter), counts) in enumerate(EHA_COUNTS.items(), start=1):
        for column_order, (agency, count) in enumerate(zip(AGENCIES, counts, strict=True), start=1):
            if (year, quarter, agency) == ("2016/17", "Q1", "MASH"):
                continue  # a cell the grid lacks: drawn empty
            cells.append(
                _cell(
                    EARLY_HELP,
                    2,
                    "eha_opened_by_agency",
                    1,
                    "Number of EHA's Opened by Agency",
                    "Year",
                    "Quarter",
                    year,
                    quarter,
                    row_order,
                    None,
                    agency,
                    column_order,
                    str(count),
                    indicator_id=f"eha_opened_{agency}",
                    period_key=f"quarter_{year[:4]}_{quarter.lower()}",
                )
            )
    for table_order, (table_id, caption, values) in enumerate(
        (
            ("icpc_attendance_number", "ICPC Q1 2016/17: number of invitees", ICPC_COUNTS),
            (
                "icpc_attendance_percent",
                "ICPC Q1 2016/17: percentage of invitees",
                ICPC_PERCENTAGES,
            ),
        ),
        start=1,
    ):
        for row_order, outcome in enumerate(ATTENDANCE, start=1):
            for column_order, (invitee, value) in enumerate(
                zip(INVITEES, values[outcome], strict=True), start=1
            ):
                state = "computed" if value is not None else "not_recorded"
                text = str(value) if value is not None else LABELS[("state", "not_recorded")]
                cells.append(
                    _cell(
                        PARTICIPATION,
                        1,
                        table_id,
                        table_order,
                        caption,
                        None,
                        "ICPC Q1 2016/17",
                        None,
                        outcome,
                        row_order,
                        None,
                        invitee,
                        column_order,
                        text,
                        state,
                        "icpc_invitee_attendance",
                        "quarter_2016_q1",
                    )
                )
    for row_order, (category, values) in enumerate(MISSING.items(), start=1):
        for column_order, ((year, month), value) in enumerate(
            zip(MONTHS_SHOWN, values, strict=True), start=1
        ):
            cells.append(
                _cell(
                    CSE,
                    1,
                    "missing_by_month",
                    1,
                    "Incidents missing (young people)",
                    None,
                    "Category",
                    None,
                    category,
                    row_order,
                    year,
                    month,
                    column_order,
                    value,
                )
            )
    for row_order, (year, values) in enumerate(
        (("2015/16", ("198", "51", "50", "42", "55")), ("2016/17", (None, "58", None, None, None))),
        start=1,
    ):
        for column_order, (column, value) in enumerate(
            zip(("Year", "Q1", "Q2", "Q3", "Q4"), values, strict=True), start=1
        ):
            if value is not None:
                cells.append(
                    _cell(
                        YOT,
                        1,
                        "yot_interventions_by_quarter",
                        1,
                        None,
                        None,
                        "Year",
                        None,
                        year,
                        row_order,
                        None,
                        column,
                        column_order,
                        value,
                    )
                )
    # Another authority and another month: never drawn.
    cells.append({**cells[0], "la_code": "999", "cell_display": "999999"})
    cells.append({**cells[0], "report_date": dt.date(2016, 6, 30), "cell_display": "888888"})
    return cells


def _tables_database(cells):
    con = duckdb.connect()  # in memory
    con.execute("create schema marts; create schema reference")
    con.execute(TABLES_DDL)
    columns = render_report.TABLE_COLUMNS
    # inserted shuffled: the template must follow the orders, not the rows' order
    shuffled = sorted(
        cells, key=lambda c: hashlib.sha256(repr(sorted(c.items())).encode()).hexdigest()
    )
    con.executemany(
        f"insert into marts.rpt_performance_framework_tables values ({', '.join('?' * len(columns))})",
        [[cell[c] for c in columns] for cell in shuffled],
    )
    con.execute(
        "create table reference.display_labels as select * from read_csv(?, header = true)",
        [str(LABELS_SEED)],
    )
    return con


def _tables_page(cells=None, rows=None):
    con = _tables_database(_table_cells() if cells is None else cells)
    try:
        table_cells = render_report.load_table_cells(con, R, "336")
        labels = render_report.load_labels(con)
    finally:
        con.close()
    return render_report.render_html(
        TABLE_REPORT_ROWS if rows is None else rows, "336", R, labels, table_cells=table_cells
    )


class _Tables(HTMLParser):
    """Each table.cells of a page: caption, header rows and body rows as (tag, attrs, text)."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.part, self.cell, self.in_caption = (
            {},
            None,
            None,
            None,
            False,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "cells" in (attrs.get("class") or ""):
            self.current = self.tables.setdefault(
                attrs["data-table"], {"caption": None, "head": [], "body": []}
            )
        elif self.current is not None:
            if tag == "caption":
                self.in_caption, self.current["caption"] = True, ""
            elif tag in ("thead", "tbody"):
                self.part = "head" if tag == "thead" else "body"
            elif tag == "tr":
                self.current[self.part].append([])
            elif tag in ("th", "td"):
                self.cell = [tag, attrs, ""]
                self.current[self.part][-1].append(self.cell)
            elif tag == "span" and self.cell is not None and attrs.get("class") == "state":
                self.cell[1] = {**self.cell[1], "state-span": True}

    def handle_endtag(self, tag):
        if tag == "table" and self.current is not None:
            self.current = None
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data):
        if self.in_caption:
            self.current["caption"] += data
        elif self.cell is not None:
            self.cell[2] += data


def _tables(page):
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def test_quarter_by_agency_table_in_its_measures_place():
    page = _tables_page()
    table = _tables(page)["eha_opened_by_agency"]
    assert table["caption"] == "Number of EHA's Opened by Agency"
    assert [[c[2] for c in row] for row in table["head"]] == [["Year", "Quarter", *AGENCIES]]
    body = table["body"]
    assert len(body) == len(EHA_COUNTS)
    # the year is printed once per group, spanning its quarters
    groups = [
        (row[0][2], row[0][1].get("rowspan"))
        for row in body
        if row[0][1].get("scope") == "rowgroup"
    ]
    assert groups == [("2014/15", "4"), ("2015/16", "4"), ("2016/17", "1")]
    for row, ((year, quarter), counts) in zip(body, EHA_COUNTS.items(), strict=True):
        values = [c for c in row if c[0] == "td"]
        assert [c[2] for c in row if c[0] == "th"][-1] == quarter
        expected = [str(n) for n in counts]
        if (year, quarter) == ("2016/17", "Q1"):
            expected[AGENCIES.index("MASH")] = ""  # the cell the grid lacks
        assert [c[2] for c in values] == expected, (year, quarter)
    # drawn at the measure's place: inside the document row's body, after its lines, before
    # the next document row; the other authority and month are not drawn
    body_html = re.search(
        r'<tbody class="measure grouped" data-indicators="eha_opened_early_help_0_5 '
        r'eha_opened_total">(.*?)</tbody>',
        page,
        re.S,
    ).group(1)
    assert body_html.index('data-indicator="eha_opened_total"') < body_html.index(
        'data-table="eha_opened_by_agency"'
    )
    assert page.index('data-table="eha_opened_by_agency"') < page.index(
        'data-indicators="two_year_funding_take_up"'
    )
    assert '<td colspan="9" class="cells-table">' in body_html
    assert "999999" not in page and "888888" not in page


def test_invitee_by_attendance_tables_counts_then_percentages():
    page = _tables_page()
    tables = _tables(page)
    assert page.index('data-table="icpc_attendance_number"') < page.index(
        'data-table="icpc_attendance_percent"'
    )
    section = _section(page, "participation")
    assert section.index('data-indicator="icpc_invitee_attendance"') < section.index(
        'data-table="icpc_attendance_number"'
    )
    assert section.index('data-table="icpc_attendance_percent"') < section.index(
        'data-indicator="lac_review_participation_participation_section"'
    )
    for table_id, values in (
        ("icpc_attendance_number", ICPC_COUNTS),
        ("icpc_attendance_percent", ICPC_PERCENTAGES),
    ):
        table = tables[table_id]
        assert [[c[2] for c in row] for row in table["head"]] == [["ICPC Q1 2016/17", *INVITEES]]
        assert [row[0][2] for row in table["body"]] == list(ATTENDANCE)
        for row, outcome in zip(table["body"], ATTENDANCE, strict=True):
            cells = row[1:]
            assert [c[2] for c in cells] == [
                "Not recorded" if v is None else str(v) for v in values[outcome]
            ], (table_id, outcome)
            # a cell that is a state is shown as one (nobody of that role was invited)
            assert [bool(c[1].get("state-span")) for c in cells] == [
                v is None for v in values[outcome]
            ]
            assert [c[1].get("data-state") for c in cells] == [
                "not_recorded" if v is None else "computed" for v in values[outcome]
            ]
    # labels are escaped like every value
    assert "Pae&#39;tn" in page and "*Other" in page


def test_month_by_category_table_with_column_groups():
    page = _tables_page()
    table = _tables(page)["missing_by_month"]
    head = table["head"]
    # the years over their months, then the months
    assert [(c[2], c[1].get("colspan")) for c in head[0] if c[0] == "th"] == [
        ("2015", "1"),
        ("2016", "3"),
    ]
    assert [c[2] for c in head[1]] == ["Category", "Dec", "Jan", "Feb", "Mar"]
    assert [[c[2] for c in row] for row in table["body"]] == [[k, *v] for k, v in MISSING.items()]
    assert table["caption"] == "Incidents missing (young people)"


def test_quarterly_youth_offending_rows():
    table = _tables(_tables_page())["yot_interventions_by_quarter"]
    assert table["caption"] is None
    assert [[c[2] for c in row] for row in table["head"]] == [
        ["Year", "Year", "Q1", "Q2", "Q3", "Q4"]
    ]
    assert [[c[2] for c in row] for row in table["body"]] == [
        ["2015/16", "198", "51", "50", "42", "55"],
        ["2016/17", "", "58", "", "", ""],
    ]


def test_table_cells_page_stays_self_contained_and_deterministic():
    first, second = _tables_page(), _tables_page()
    assert first == second
    assert not re.search(r"https?://", first)
    assert "<script" not in first.lower()


def test_a_table_at_a_row_the_report_lacks_stops_the_render():
    cells = [c for c in _table_cells() if c["table_id"] == "yot_interventions_by_quarter"]
    cells = [{**c, "report_row": 7} for c in cells]
    with pytest.raises(
        render_report.ReportError,
        match=r"yot_interventions_by_quarter.*youth_offending.*report_row 7",
    ):
        _tables_page(cells)


def test_two_cells_at_one_place_stop_the_render():
    cells = _table_cells()
    duplicate = next(c for c in cells if c["table_id"] == "missing_by_month")
    with pytest.raises(render_report.ReportError, match="missing_by_month.*two cells"):
        _tables_page(cells + [dict(duplicate)])


def test_a_mart_lacking_an_interface_column_is_named():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.rpt_performance_framework_tables (la_code varchar, report_date date)"
    )
    with pytest.raises(render_report.ReportError, match="lacks the column.*table_id"):
        render_report.load_table_cells(con, R, "336")
    con.close()


def test_without_the_tables_mart_no_table_is_drawn(database: Path, tmp_path: Path) -> None:
    page = _page(database, tmp_path)
    assert 'class="cells"' not in page and "cells-row" not in page


def test_the_interface_doc_block_lists_the_renderers_columns():
    docs = (ROOT / "models" / "marts" / "_report__docs.md").read_text(encoding="utf-8")
    block = docs.split("{% docs report_table_cells_interface %}")[1].split("{% enddocs %}")[0]
    documented = re.findall(r"^\| `(\w+)` \| (\w+) \|", block, re.M)
    assert [name for name, _ in documented] == list(render_report.TABLE_COLUMNS)
    assert {name: kind for name, kind in documented if kind != "varchar"} == TABLE_TYPES


def test_a_null_label_prints_nothing():
    cells = [c for c in _table_cells() if c["table_id"] == "missing_by_month"]
    cells = [
        {
            **c,
            "row_heading": None,
            "column_group_label": None if c["column_label"] == "Dec" else "2016",
        }
        for c in cells
    ]
    page = _tables_page(cells)
    table = _tables(page)["missing_by_month"]
    assert [(c[2], c[1].get("colspan")) for c in table["head"][0] if c[0] == "th"] == [
        ("", "1"),
        ("2016", "3"),
    ]
    assert table["head"][1][0][2] == ""
    assert "None" not in page
