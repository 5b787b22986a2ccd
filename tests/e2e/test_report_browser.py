"""The published report in a real browser: headless Chromium (Debian's, through playwright)
over the page rendered from the built mart, and the PDF that Chromium prints of it.

The page and the PDF are rendered afresh from the DuckDB file (``CSC_DUCKDB_PATH``, default
build/csc_performance.duckdb, opened read-only) and the project's commentary/, with the same
scripts ``make build`` runs, so what is checked is what the code makes of the mart now.

Nothing is skipped: without Chromium, playwright, pdfinfo or pdftotext the tests fail and say
what to install.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
MART = "marts.rpt_performance_framework"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PROJECT_DIR / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


render_report = _load("render_report")
print_report_pdf = _load("print_report_pdf")


def _chromium() -> str:
    try:
        return print_report_pdf.find_chromium()
    except print_report_pdf.PdfError as exc:
        pytest.fail(f"{exc}. The browser tests need it (make system-deps installs it).")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: install poppler-utils (apt-get install poppler-utils)")
    return found


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def mart(warehouse) -> dict[str, Any]:
    report_date = warehouse.execute(f"select max(report_date) from {MART}").fetchone()[0]
    assert report_date is not None, f"{MART} is empty"
    la_codes = [
        r[0]
        for r in warehouse.execute(
            f"select distinct la_code from {MART} where report_date = ?", [report_date]
        ).fetchall()
    ]
    assert len(la_codes) == 1, la_codes
    columns = (*render_report.COLUMNS, "comparators_text")
    rows = [
        dict(zip(columns, r, strict=True))
        for r in warehouse.execute(
            f"select {', '.join(columns)} from {MART} where report_date = ? and la_code = ? "
            "order by section_order, report_row, row_order, indicator_id",
            [report_date, la_codes[0]],
        ).fetchall()
    ]
    sections: list[tuple[str, str]] = []
    for row in rows:
        if (row["section_id"], row["section_name"]) not in sections:
            sections.append((row["section_id"], row["section_name"]))
    comparators: dict[str, list[str]] = {}
    for indicator_id, display in warehouse.execute(
        f"select indicator_id, comparator_display from {render_report.COMPARATORS} "
        "order by indicator_id, comparator_order, period_label, comparator"
    ).fetchall():
        comparators.setdefault(indicator_id, []).append(display)
    return {
        "report_date": report_date,
        "la_code": la_codes[0],
        "rows": rows,
        "sections": sections,
        "comparators": comparators,
    }


@pytest.fixture(scope="module")
def report(database_path: Path, mart, tmp_path_factory) -> dict[str, Path]:
    chromium = _chromium()  # fail first, and clearly, when the browser is missing
    out = tmp_path_factory.mktemp("report")
    html_path = render_report.render_report(
        database_path,
        out,
        mart["report_date"].isoformat(),
        mart["la_code"],
        commentary_dir=PROJECT_DIR / "commentary",
    )
    pdf_path = print_report_pdf.print_pdf(html_path, chromium=chromium)
    assert pdf_path == html_path.with_suffix(".pdf")
    return {"html": html_path, "pdf": pdf_path, "dir": out}


@pytest.fixture(scope="module")
def browser_page(report):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -r requirements.txt")
    chromium = _chromium()
    events: dict[str, list[str]] = {"console": [], "pageerror": [], "requests": [], "failed": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "console",
            lambda m: (
                events["console"].append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: events["pageerror"].append(str(e)))
        page.on("requestfailed", lambda r: events["failed"].append(r.url))

        def route(r):
            events["requests"].append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:  # the page must need nothing from outside itself
                r.abort()

        page.route("**/*", route)
        page.goto(report["html"].as_uri(), wait_until="load")
        page.screenshot(path=str(report["dir"] / "report.png"), full_page=True)
        yield page, events
        browser.close()


# --------------------------------------------------------------------------- the page


def test_page_loads_clean_and_offline(browser_page, report) -> None:
    page, events = browser_page
    assert events["pageerror"] == []
    assert events["console"] == []
    assert events["failed"] == []
    assert events["requests"] == [report["html"].as_uri()], (
        "the page fetched something besides itself"
    )
    assert page.evaluate("document.scripts.length") == 0
    assert (report["dir"] / "report.png").stat().st_size > 10_000


def test_every_section_in_the_documents_order(browser_page, mart) -> None:
    page, _ = browser_page
    shown = page.evaluate(
        """() => [...document.querySelectorAll('section.framework')].map(s => [
            s.dataset.section, s.querySelector('h2').textContent,
            s.querySelector('div.analysis h3') ? s.querySelector('div.analysis h3').textContent : null,
            s.querySelector('div.analysis') ? s.querySelector('div.analysis').dataset.commentary : null])"""
    )
    assert [s[:2] for s in shown] == [list(s) for s in mart["sections"]]
    for section_id, _, analysis, state in shown:
        assert analysis == "Analysis", section_id
        has_file = (
            PROJECT_DIR / "commentary" / mart["report_date"].isoformat() / f"{section_id}.md"
        ).is_file()
        assert state == ("present" if has_file else "absent"), section_id
    for built in ("quality_assurance", "children_in_need", "looked_after_children"):
        assert [s[3] for s in shown if s[0] == built] == ["present"], built


def test_every_measure_shows_the_marts_values(browser_page, mart) -> None:
    page, _ = browser_page
    shown = page.evaluate(
        """() => {
          const text = (el) => {
            if (!el) return null;
            const copy = el.cloneNode(true);
            copy.querySelectorAll('.basis, .sr').forEach(n => n.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim();
          };
          const out = {};
          for (const tr of document.querySelectorAll('tr[data-indicator]')) {
            const id = tr.dataset.indicator;
            const body = tr.closest('tbody');
            const cell = (c) => text(tr.querySelector(`td[data-col="${c}"]`));
            out[id] = {
              count: document.querySelectorAll(`tr[data-indicator="${id}"]`).length,
              section: tr.closest('section').dataset.section,
              year_1: cell('year_1'), year_2: cell('year_2'), year_3: cell('year_3'),
              latest: cell('latest'), target: cell('target'),
              as_state: ['year_1', 'year_2', 'year_3', 'latest'].filter(
                c => tr.querySelector(`td[data-col="${c}"] .state`)),
              basis: text(tr.querySelector('td[data-col="latest"] .basis')),
              wording: text(body.querySelector('.wording-text')),
              part: text(tr.querySelector('th.part')) || text(body.querySelector('.part-tag')),
              note: text(body.querySelector('.note')),
              comparators: [...tr.querySelectorAll('td.comparators span')].map(s => s.textContent),
              arrow: text(tr.querySelector('td.traj .arrow')),
              arrow_class: tr.querySelector('td.traj .arrow') ? tr.querySelector('td.traj .arrow').className : null,
              rag: tr.querySelector('td.traj .rag') ? tr.querySelector('td.traj .rag').className : null,
              polarity: text(tr.querySelector('td.traj .polarity')),
              trend: tr.querySelector('td.trend svg') ? {
                years: +tr.querySelector('td.trend svg').dataset.years,
                latest: +tr.querySelector('td.trend svg').dataset.latest,
                width: tr.querySelector('td.trend svg').getBoundingClientRect().width,
              } : null,
            };
          }
          return out;
        }"""
    )
    expected_ids = [r["indicator_id"] for r in mart["rows"]]
    assert sorted(shown) == sorted(expected_ids)
    for row in mart["rows"]:
        got = shown[row["indicator_id"]]
        ident = row["indicator_id"]
        assert got["count"] == 1, ident
        assert got["section"] == row["section_id"], ident
        for column in ("year_1", "year_2", "year_3"):
            assert got[column] == (row[f"{column}_display"] or ""), (ident, column)
        assert got["latest"] == (row["latest_display"] or ""), ident
        assert got["target"] == (row["target_display"] or ""), ident
        # a cell whose state is not a number is shown as a state (the mart's state per column)
        assert got["as_state"] == [
            c
            for c in ("year_1", "year_2", "year_3", "latest")
            if row[f"{c}_state"] not in (None, "computed") and row[f"{c}_display"]
        ], ident
        if row["latest_state"] in ("computed", "no_data"):
            assert got["basis"] == row["latest_basis_label"], ident
        else:
            assert got["basis"] is None, ident
        assert got["wording"] == _normalise(row["measure_wording"]), ident
        if row["part_label"]:
            assert got["part"] == row["part_label"], ident
        if row["document_note"]:  # the footnote beside the measure
            assert got["note"] == _normalise(row["document_note"]), ident
        # one line per comparator, in the mart's order; joined, the mart's comparators_text
        assert got["comparators"] == mart["comparators"].get(ident, []), ident
        if got["comparators"]:
            assert " · ".join(got["comparators"]) == row["comparators_text"], ident
        assert got["arrow"] == row["trajectory_arrow"], ident
        if row["trajectory_arrow"]:
            judgement = (
                row["judgement"] if row["judgement"] in ("better", "worse", "same") else "none"
            )
            assert got["arrow_class"] == f"arrow j-{judgement}", ident
        assert got["rag"] == (f"rag rag-{row['rag']}" if row["rag"] else None), ident
        assert got["polarity"] == row["polarity_label"], ident


def test_trend_chart_for_every_computed_measure(browser_page, mart, warehouse) -> None:
    page, _ = browser_page
    charts = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('tr[data-indicator]')].map(tr => {
             const svg = tr.querySelector('td.trend svg');
             return [tr.dataset.indicator, svg ? {years: +svg.dataset.years,
               months: +svg.dataset.months, latest: +svg.dataset.latest,
               width: svg.getBoundingClientRect().width,
               height: svg.getBoundingClientRect().height} : null];
           }))"""
    )
    counts = dict(
        warehouse.execute(
            "select indicator_id, count(*) filter (where period_key like 'year_%' and state = 'computed' "
            "and value is not null) from marts.fct_indicator_values where report_date = ? and la_code = ? "
            "group by 1",
            [mart["report_date"], mart["la_code"]],
        ).fetchall()
    )
    for row in mart["rows"]:
        ident = row["indicator_id"]
        computed_latest = row["latest_state"] == "computed"
        if counts.get(ident, 0) == 0 and not computed_latest:
            assert charts[ident] is None, ident
            continue
        chart = charts[ident]
        assert chart is not None, ident
        assert chart["years"] == counts.get(ident, 0), ident
        assert chart["latest"] == (1 if computed_latest else 0), ident
        assert chart["width"] > 100 and chart["height"] > 40, ident


# --------------------------------------------------------------------------- the PDF


def test_pdf_pages_and_headings(report, mart) -> None:
    pdfinfo, pdftotext = _tool("pdfinfo"), _tool("pdftotext")
    info = subprocess.run(
        [pdfinfo, str(report["pdf"])], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    # Each section starts on a new page (the page's print stylesheet).
    assert pages >= len(mart["sections"]), info
    assert pages <= 4 * len(mart["sections"]), info
    assert re.search(r"^Page size:.*\(A4\)", info, re.M), info
    text = subprocess.run(
        [pdftotext, "-layout", str(report["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = _normalise(text)
    for _, name in mart["sections"]:
        assert _normalise(name) in flat, f"section heading {name!r} not in the PDF"
    assert flat.count("Analysis") >= len(mart["sections"])
    # The Latest figures of the computed sections are printed.
    for row in mart["rows"]:
        if row["latest_state"] == "computed":
            assert row["latest_display"] in flat, row["indicator_id"]


def test_the_data_quality_appendix_shows_the_marts(browser_page, warehouse) -> None:
    page, _ = browser_page
    shown = page.evaluate(
        """() => {
          const cells = (tr) => [...tr.querySelectorAll('th, td')].map(c => c.textContent.trim());
          const section = document.querySelector('section#data-quality');
          return {
            last: [...document.querySelectorAll('body > section')].pop() === section,
            extracts: [...section.querySelectorAll('tr[data-extract]')].map(cells),
            rules: [...section.querySelectorAll('tr[data-rule]')].map(tr => [tr.dataset.rule, ...cells(tr).slice(-2)]),
          };
        }"""
    )
    assert shown["last"], "the appendix is not the report's last section"
    load = warehouse.execute(
        "select extract_name, rows_read, rows_staged, rows_rejected "
        "from marts.fct_extract_load_summary order by extract_name"
    ).fetchall()
    assert [row[:4] for row in shown["extracts"]] == [
        [name, f"{read:,}", f"{staged:,}", f"{rejected:,}"] for name, read, staged, rejected in load
    ]
    broken = warehouse.execute(
        "select rule_id, records_failing, children_affected from marts.fct_data_quality_rule_summary "
        "where records_failing > 0 order by records_failing desc, dfe_return, rule_id"
    ).fetchall()
    assert broken, "the demo breaks three rules on purpose"
    assert shown["rules"] == [
        [rule, f"{records:,}", f"{children:,}"] for rule, records, children in broken
    ]
