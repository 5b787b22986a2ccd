#!/usr/bin/env python3
"""Render the performance framework as one self-contained HTML page.

Reads the DuckDB mart ``marts.rpt_performance_framework`` (opened read-only) for one local
authority and one report date, and writes
``<out>/performance_framework_<report_date>.html``: a title block, then one table per section
laid out like the published document (Supporting Measures | Comparators | three financial
years | Latest | Target | RAG / Trajectory | Trend), each section followed by its "Analysis".
The page has inline CSS and inline SVG only (no fonts, scripts, images or links outside the
page) and carries no timestamp, so the same mart and commentary give the same bytes. The output
path is printed as the last line (with ``--pdf``, the PDF's path, printed by headless Chromium
through ``scripts/print_report_pdf.py``, comes after it).

Analysis: people write it, in Markdown, one file per section and report date:
``<commentary>/<report_date>/<section_id>.md`` (default folder ``commentary``). A small safe
subset is rendered (paragraphs, ``#`` headings, ``-``/``*``/``1.`` lists, ``**bold**``,
``*italic*``, ```code```); everything else, HTML included, is shown as typed. A section without a
file says so. A file naming no section of the report is reported on stderr.

Data-quality appendix: after the sections, how the extracts loaded
(``marts.fct_extract_load_summary``: rows read, staged and rejected per extract, rejects by rule)
and how many records and children break each data-quality rule
(``marts.fct_data_quality_rule_summary``). Counts only; the records themselves are in the
``internal`` schema, for the teams that correct them. A build without those marts says so.

Trend: a small inline SVG per measure, drawn from the three year values
(``marts.fct_indicator_values``) and the monthly Latest series in
``marts.fct_indicator_history`` (month-ends from the start of the first year column to the
report date). Without the history table the chart draws the years and the Latest.

Usage:
    python scripts/render_report.py --database build/csc_performance.duckdb --out build/report
    python scripts/render_report.py --report-date 2016-07-31 --la-code 336

Defaults: ``--database`` from ``CSC_DUCKDB_PATH``, else ``build/csc_performance.duckdb``;
``--out`` ``build/report``; ``--report-date`` the latest ``report_date`` in the mart;
``--la-code`` the only authority at that date (required when there are several);
``--commentary`` ``commentary``. Relative paths are taken from the current directory, as dbt
does for ``CSC_DUCKDB_PATH``.

Standard library and duckdb only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_common  # noqa: E402  (beside this script)

MART = "marts.rpt_performance_framework"
VALUES = "marts.fct_indicator_values"
HISTORY = "marts.fct_indicator_history"
DEFAULT_DATABASE = "build/csc_performance.duckdb"
DEFAULT_OUT = "build/report"
DEFAULT_COMMENTARY = "commentary"
YEAR_KEYS = ("year_1", "year_2", "year_3")

# The mart's columns this page reads, in the order they are selected.
COLUMNS: tuple[str, ...] = (
    "la_code",
    "report_date",
    "section_id",
    "section_name",
    "section_order",
    "report_row",
    "row_order",
    "indicator_id",
    "part_label",
    "measure_wording",
    "document_note",
    "comparators_text",
    "year_1_label",
    "year_2_label",
    "year_3_label",
    "year_1_display",
    "year_2_display",
    "year_3_display",
    "latest_display",
    "latest_basis_label",
    "target_display",
    "trajectory",
    "trajectory_arrow",
    "judgement",
    "rag",
    "polarity_label",
    "latest_state",
)

# What a cell says when the value is a state rather than a number (design.md, "States").
STATE_LABELS: dict[str, str] = {
    "no_data": "No data",
    "not_applicable": "N/A",
    "not_yet_available": "Not Yet Available",
    "tbc": "TBC",
    "not_computed": "Not computed yet",
}
# Display texts that are states, whichever column they are in (the year columns carry no
# state of their own, only the formatted text).
STATE_TEXTS = frozenset(label.casefold() for label in STATE_LABELS.values()) | {"n/a", "-", "—"}
# A section is "built" when at least one of its measures has a Latest computed from the
# extracts (a value, or "No data" when there was nothing to count).
BUILT_STATES = frozenset({"computed", "no_data"})
# The Latest cell names its basis ("12 months to 31 Jul 2016") only when it holds a value or
# "No data"; a cell the document marks N/A, TBC, ... or one not computed yet has no basis.
BASIS_STATES = BUILT_STATES
ARROWS = {"up": "↗", "down": "↘", "same": "→"}

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
JUDGEMENT_WORDS = {
    "better": "better",
    "worse": "worse",
    "same": "no change",
    "not_judged": "not judged",
}
TRAJECTORY_WORDS = {"up": "Up", "down": "Down", "same": "Level"}
RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}

CSS = """
:root {
  --ink: #1f2328; --muted: #57606a; --rule: #c9d1d9; --head: #24425e; --head-ink: #ffffff;
  --band: #f3f6f9; --group: #e8eef4; --state: #6e7781;
  --better: #1a7f37; --worse: #c62828; --same: #6e7781;
  --green: #2da44e; --amber: #d4a72c; --red: #cf222e;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; max-width: 1280px; padding: 24px 28px 40px;
  font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 13px; line-height: 1.35;
  color: var(--ink); background: #ffffff;
}
header.title { border-bottom: 3px solid var(--head); padding-bottom: 10px; margin-bottom: 14px; }
header.title .kicker { margin: 0; font-size: 13px; color: var(--muted); letter-spacing: .02em; }
header.title h1 { margin: 2px 0 4px; font-size: 26px; color: var(--head); }
header.title .asat { margin: 0; font-size: 14px; }
nav.contents { margin: 0 0 10px; font-size: 12px; color: var(--muted); }
nav.contents ol { display: inline; margin: 0; padding: 0; list-style: none; }
nav.contents li { display: inline; }
nav.contents li + li::before { content: " \\00B7  "; }
nav.contents a { color: var(--head); }
.key { margin: 0 0 18px; font-size: 12px; color: var(--muted); }
.key span { white-space: nowrap; }
section.framework { margin: 0 0 28px; }
section.framework h2 {
  margin: 0 0 6px; font-size: 18px; color: var(--head);
  border-left: 6px solid var(--head); padding-left: 8px;
}
p.later {
  margin: 0 0 8px; padding: 6px 10px; border: 1px dashed var(--rule); background: var(--band);
  color: var(--muted); font-style: italic;
}
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead th {
  background: var(--head); color: var(--head-ink); font-weight: 600; font-size: 12px;
  padding: 6px 6px; border: 1px solid var(--head); text-align: center; vertical-align: bottom;
}
thead th.measure { text-align: left; }
col.c-measure { width: 25%; }
col.c-comparators { width: 11%; }
col.c-year { width: 7%; }
col.c-latest { width: 9%; }
col.c-target { width: 5.5%; }
col.c-traj { width: 9.5%; }
col.c-trend { width: 184px; }
tbody.measure { break-inside: avoid; page-break-inside: avoid; }
tbody.measure:nth-of-type(even) td, tbody.measure:nth-of-type(even) th { background: var(--band); }
td, tbody th {
  border: 1px solid var(--rule); padding: 5px 6px; vertical-align: top; font-weight: normal;
}
td.val { text-align: center; font-variant-numeric: tabular-nums; }
th.wording { text-align: left; }
.wording-text { display: block; }
.note { display: block; margin-top: 3px; font-size: 11px; font-style: italic; color: var(--muted); }
.part-tag { display: inline-block; margin-top: 3px; font-size: 11px; color: var(--muted); }
tr.group-head th { background: var(--group) !important; }
th.part { text-align: left; padding-left: 20px; color: var(--ink); }
th.part::before { content: "\\2013\\00A0"; color: var(--muted); }
td.comparators { font-size: 12px; color: var(--ink); }
td.comparators span { display: block; }
.state { color: var(--state); font-style: italic; }
.basis { display: block; margin-top: 2px; font-size: 10.5px; color: var(--muted); }
td.traj { text-align: center; white-space: nowrap; }
.arrow { font-size: 17px; font-weight: 700; line-height: 1; vertical-align: middle; }
.arrow.j-better { color: var(--better); }
.arrow.j-worse { color: var(--worse); }
.arrow.j-same { color: var(--same); }
.arrow.j-none { color: var(--ink); }
.polarity { display: block; margin-top: 2px; font-size: 11px; color: var(--muted); white-space: normal; }
.rag {
  display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-left: 6px;
  vertical-align: middle; border: 1px solid rgba(0, 0, 0, .35);
}
.rag.rag-green { background: var(--green); }
.rag.rag-amber { background: var(--amber); }
.rag.rag-red { background: var(--red); }
.sr {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
td.trend { padding: 2px 3px; text-align: center; vertical-align: middle; }
svg.trend { display: block; margin: 0 auto; overflow: visible; }
svg.trend .axis { stroke: var(--rule); stroke-width: 1; }
svg.trend .months { fill: none; stroke: var(--head); stroke-width: 1.4; stroke-linejoin: round; }
svg.trend .joined { fill: none; stroke: var(--muted); stroke-width: 1; stroke-dasharray: 3 2; }
svg.trend .year { fill: #ffffff; stroke: var(--ink); stroke-width: 1.2; }
svg.trend .latest { fill: var(--head); stroke: #ffffff; stroke-width: .8; }
svg.trend .tick { font-size: 8.5px; fill: var(--muted); font-family: inherit; }
.no-trend { font-size: 10.5px; color: var(--state); font-style: italic; }
.key-year, .key-latest { color: var(--head); }
div.analysis {
  margin: 0; padding: 6px 12px 8px; border: 1px solid var(--rule); border-top: 0;
  break-inside: avoid; page-break-inside: avoid;
}
div.analysis h3 { margin: 2px 0 4px; font-size: 14px; color: var(--head); }
div.analysis h4, div.analysis h5, div.analysis h6 { margin: 8px 0 2px; font-size: 13px; }
div.analysis p { margin: 0 0 6px; max-width: 95ch; }
div.analysis ul, div.analysis ol { margin: 0 0 6px; padding-left: 22px; max-width: 95ch; }
div.analysis p.no-commentary { color: var(--muted); font-style: italic; }
section.appendix { margin: 0 0 28px; }
section.appendix h2 {
  margin: 0 0 6px; font-size: 18px; color: var(--head);
  border-left: 6px solid var(--head); padding-left: 8px;
}
section.appendix h3 { margin: 12px 0 4px; font-size: 14px; color: var(--head); }
section.appendix p { margin: 0 0 6px; max-width: 110ch; }
section.appendix table { table-layout: auto; }
section.appendix tbody th { text-align: left; }
section.appendix td.num { text-align: right; font-variant-numeric: tabular-nums; }
section.appendix tfoot td { font-weight: 600; border-top: 2px solid var(--head); }
section.appendix td.none { color: var(--muted); }
footer { margin-top: 24px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 6px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5px; }
  nav.contents { display: none; }
  section.framework + section.framework, section.appendix { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tbody.measure:nth-of-type(even) td, tbody.measure:nth-of-type(even) th { background: #ffffff; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


class ReportError(Exception):
    """A problem the user can fix (missing file, unknown date, ...)."""


# --------------------------------------------------------------------------- reading


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not database.is_file():
        raise ReportError(f"database not found: {database} (run dbt build first, or pass --database)")
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:  # e.g. another process holds the write lock
        raise ReportError(f"cannot open {database} read-only: {exc}") from exc


def _scalar_list(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return [row[0] for row in con.execute(sql, list(params)).fetchall()]


def resolve_report_date(con: duckdb.DuckDBPyConnection, requested: str | None) -> dt.date:
    try:
        dates = _scalar_list(con, f"select distinct report_date from {MART} order by report_date")
    except duckdb.Error as exc:
        raise ReportError(f"cannot read {MART}: {exc}") from exc
    return outputs_common.choose_report_date(dates, requested, MART, ReportError)


def resolve_la_code(con: duckdb.DuckDBPyConnection, report_date: dt.date, requested: str | None) -> str:
    codes = _scalar_list(
        con,
        f"select distinct la_code from {MART} where report_date = ? order by la_code",
        [report_date],
    )
    return outputs_common.choose_la_code(codes, requested, report_date, MART, ReportError)


def load_rows(con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str) -> list[dict[str, Any]]:
    sql = (
        f"select {', '.join(COLUMNS)} from {MART} "
        "where report_date = ? and la_code = ? "
        "order by section_order nulls last, section_id, report_row nulls last, "
        "row_order nulls last, indicator_id"
    )
    try:
        cursor = con.execute(sql, [report_date, la_code])
    except duckdb.Error as exc:
        raise ReportError(f"cannot read {MART}: {exc}") from exc
    return [dict(zip(COLUMNS, row)) for row in cursor.fetchall()]


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, name = qualified.split(".", 1)
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def _columns(con: duckdb.DuckDBPyConnection, qualified: str) -> set[str]:
    schema, name = qualified.split(".", 1)
    return set(
        _scalar_list(
            con,
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema, name],
        )
    )


LOAD_SUMMARY = "marts.fct_extract_load_summary"
RULE_SUMMARY = "marts.fct_data_quality_rule_summary"
REJECTED_PREFIX = "rejected_"


def _dicts(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load_data_quality(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """The appendix's tables, keyed ``load`` and ``rules``; a mart the build lacks is left out."""
    quality: dict[str, list[dict[str, Any]]] = {}
    try:
        if table_exists(con, LOAD_SUMMARY):
            quality["load"] = _dicts(con, f"select * from {LOAD_SUMMARY} order by extract_name")
        if table_exists(con, RULE_SUMMARY):
            quality["rules"] = _dicts(
                con,
                f"select * from {RULE_SUMMARY} "
                "order by records_failing desc, dfe_return, rule_id",
            )
    except duckdb.Error as exc:
        raise ReportError(f"cannot read the data-quality summaries: {exc}") from exc
    return quality


def load_series(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str
) -> dict[str, dict[str, Any]]:
    """The numbers behind each measure's trend chart, by indicator_id:

    ``{"unit": ..., "start": date, "years": [(label, window_end, value)],
    "latest": (report_date, value) or None, "months": [(report_date, value)]}``.

    Years and Latest come from ``fct_indicator_values`` (computed cells only); the months from
    ``fct_indicator_history`` when it exists: the Latest series on the measure's own basis,
    month-ends from the first year column's start to the report date, computed values only.
    Without ``fct_indicator_values`` there is nothing to draw and the result is empty.
    """
    if not table_exists(con, VALUES):
        return {}
    rows = con.execute(
        f"select indicator_id, period_key, period_label, basis, window_start_date, "
        f"window_end_date, value, unit, state from {VALUES} "
        "where report_date = ? and la_code = ? "
        "and period_key in ('year_1', 'year_2', 'year_3', 'latest') "
        "order by indicator_id, period_key",
        [report_date, la_code],
    ).fetchall()
    series: dict[str, dict[str, Any]] = {}
    latest_basis: dict[str, str | None] = {}
    for indicator_id, key, label, basis, start, end, value, unit, state in rows:
        entry = series.setdefault(
            indicator_id, {"unit": unit, "start": None, "years": [], "latest": None, "months": []}
        )
        if key == "latest":
            latest_basis[indicator_id] = basis
            if state == "computed" and value is not None:
                entry["latest"] = (report_date, float(value))
            continue
        if key == "year_1" and start is not None:
            entry["start"] = start
        if state == "computed" and value is not None and end is not None:
            entry["years"].append((label, end, float(value)))
    for entry in series.values():
        entry["years"].sort(key=lambda year: year[1])
        if entry["start"] is None:
            entry["start"] = dt.date(report_date.year - 3, report_date.month, 1)

    if not table_exists(con, HISTORY):
        return series
    has_basis = "basis" in _columns(con, HISTORY)
    history = con.execute(
        f"select indicator_id, {'basis' if has_basis else 'null'}, report_date, value "
        f"from {HISTORY} where la_code = ? and report_date <= ? "
        "and state = 'computed' and value is not null "
        "order by indicator_id, report_date",
        [la_code, report_date],
    ).fetchall()
    by_basis: dict[str, dict[Any, list[tuple[dt.date, float]]]] = {}
    for indicator_id, basis, month, value in history:
        if indicator_id not in series or month < series[indicator_id]["start"]:
            continue
        by_basis.setdefault(indicator_id, {}).setdefault(basis, []).append((month, float(value)))
    for indicator_id, bases in by_basis.items():
        wanted = latest_basis.get(indicator_id)
        if wanted in bases:
            chosen = bases[wanted]
        elif len(bases) == 1:
            chosen = next(iter(bases.values()))
        else:  # several bases, none the measure's own: no way to tell which is its Latest
            continue
        # One point per month-end (the last row wins if the table repeats one).
        series[indicator_id]["months"] = sorted(dict(chosen).items())
    return series


def load_commentary(
    folder: Path | None, report_date: dt.date, section_ids: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """The Markdown of each section's Analysis for the report date, and warnings for files
    that name no section of the report."""
    if folder is None:
        return {}, []
    day_folder = folder / report_date.isoformat()
    if not day_folder.is_dir():
        return {}, []
    known = set(section_ids)
    found: dict[str, str] = {}
    warnings: list[str] = []
    for path in sorted(day_folder.iterdir()):
        if path.suffix != ".md" or not path.is_file():
            continue
        if path.stem not in known:
            warnings.append(
                f"{path}: no section {path.stem!r} in the report "
                f"(sections: {', '.join(sorted(known))}); file not used"
            )
            continue
        try:
            found[path.stem] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ReportError(f"{path}: not UTF-8 ({exc})") from exc
    return found, warnings


# --------------------------------------------------------------------------- Markdown (subset)

_MD_LIST = re.compile(r"^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")


def markdown_inline(text: str) -> str:
    """Escape everything, then ``code``, **bold** and *italic*: nothing typed becomes markup
    except those three. Code spans are set aside first, so ** and * inside them stay as typed."""
    codes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        codes.append(f"<code>{esc(match.group(1))}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = esc(_MD_CODE.sub(keep, text.replace("\x00", "")))
    out = _MD_BOLD.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", out)
    out = _MD_ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", out)
    return re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], out)


def markdown_to_html(text: str) -> str:
    """A small, safe Markdown subset: paragraphs (blank-line separated, lines joined), ATX
    headings (rendered as h4-h6, below the section's h2 and the Analysis h3), bullet and
    numbered lists (one line per item; indented lines continue the item), and the inline
    forms of ``markdown_inline``. Raw HTML is escaped, links are left as typed."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag: str | None = None

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + markdown_inline(" ".join(paragraph)) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            body = "".join(f"<li>{markdown_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{body}</{list_tag}>")
            items.clear()
        list_tag = None

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush_paragraph()
            flush_list()
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush_paragraph()
            flush_list()
            level = min(3 + len(heading.group(1)), 6)
            blocks.append(f"<h{level}>{markdown_inline(heading.group(2))}</h{level}>")
            continue
        item = _MD_LIST.match(line)
        if item:
            flush_paragraph()
            tag = "ul" if item.group(1) else "ol"
            if list_tag != tag:
                flush_list()
                list_tag = tag
            items.append(item.group(3).strip())
            continue
        if items and raw[:1] in (" ", "\t"):
            items[-1] += " " + line.strip()
            continue
        flush_list()
        paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return "\n".join(blocks)


# --------------------------------------------------------------------------- formatting


def esc(value: Any) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def long_date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def is_state_text(text: str | None) -> bool:
    return text is not None and text.strip().casefold() in STATE_TEXTS


def comparators_header(year_2_label: str | None) -> str:
    """'Comparators (SY 14/15)': the document's comparators are for the statistical year before
    the last full year (year_2), the latest published when the report is written."""
    match = re.fullmatch(r"\s*(\d{4})/(\d{2})\s*", year_2_label or "")
    if not match:
        return "Comparators"
    return f"Comparators (SY {match.group(1)[2:]}/{match.group(2)})"


def anchor(section_id: Any, position: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(section_id or "").lower()).strip("-")
    return f"section-{slug or position}"


def value_cell(
    text: str | None, *, state: bool = False, basis: str | None = None, column: str = ""
) -> str:
    classes = "val"
    body = esc(text)
    if state or is_state_text(text):
        body = f'<span class="state">{body}</span>' if body else ""
    if basis:
        body += f'<span class="basis">{esc(basis)}</span>'
    data = f' data-col="{esc(column)}"' if column else ""
    return f'<td class="{classes}"{data}>{body}</td>'


def latest_cell(row: dict[str, Any]) -> str:
    state = row.get("latest_state")
    text = row.get("latest_display")
    if text in (None, "") and state in STATE_LABELS:
        text = STATE_LABELS[state]
    basis = row.get("latest_basis_label") if state in BASIS_STATES or state is None else None
    return value_cell(text, state=state in STATE_LABELS, basis=basis, column="latest")


def comparators_cell(text: str | None) -> str:
    if text is None or not str(text).strip():
        return '<td class="comparators"></td>'
    parts = [p.strip() for p in re.split(r"\s+[·•]\s+", str(text)) if p.strip()]
    if len(parts) == 1 and is_state_text(parts[0]):
        return f'<td class="comparators val"><span class="state">{esc(parts[0])}</span></td>'
    return '<td class="comparators">' + "".join(f"<span>{esc(p)}</span>" for p in parts) + "</td>"


def trajectory_cell(row: dict[str, Any], year_3_label: str | None) -> str:
    pieces: list[str] = []
    trajectory = row.get("trajectory")
    arrow = row.get("trajectory_arrow") or ARROWS.get(trajectory)
    judgement = row.get("judgement")
    if arrow:
        j_class = judgement if judgement in ("better", "worse", "same") else "none"
        words = TRAJECTORY_WORDS.get(trajectory, str(trajectory or "Trajectory"))
        label = f"{words} on {year_3_label}" if year_3_label else words
        if judgement in JUDGEMENT_WORDS:
            label += f" ({JUDGEMENT_WORDS[judgement]})"
        pieces.append(
            f'<span class="arrow j-{esc(j_class)}" title="{esc(label)}" aria-hidden="true">'
            f"{esc(arrow)}</span><span class=\"sr\">{esc(label)}</span>"
        )
    rag = row.get("rag")
    if rag:
        rag_word = RAG_WORDS.get(rag, str(rag).title())
        rag_class = rag if rag in RAG_WORDS else "none"
        pieces.append(
            f'<span class="rag rag-{esc(rag_class)}" title="RAG: {esc(rag_word)}" aria-hidden="true">'
            f'</span><span class="sr">RAG {esc(rag_word)}</span>'
        )
    polarity = row.get("polarity_label")
    if polarity:
        pieces.append(f'<span class="polarity">{esc(polarity)}</span>')
    return '<td class="traj">' + "".join(pieces) + "</td>"


def wording_block(wording: str | None, note: str | None, part_label: str | None = None) -> str:
    out = f'<span class="wording-text">{esc(wording)}</span>'
    if part_label:
        out += f'<span class="part-tag">{esc(part_label)}</span>'
    if note:
        out += f'<span class="note">{esc(note)}</span>'
    return out


def data_cells(
    row: dict[str, Any],
    year_3_label: str | None,
    series: dict[str, dict[str, Any]],
    report_date: dt.date,
) -> str:
    return "".join(
        (
            comparators_cell(row.get("comparators_text")),
            value_cell(row.get("year_1_display"), column="year_1"),
            value_cell(row.get("year_2_display"), column="year_2"),
            value_cell(row.get("year_3_display"), column="year_3"),
            latest_cell(row),
            value_cell(row.get("target_display"), column="target"),
            trajectory_cell(row, year_3_label),
            trend_cell(row, series, report_date),
        )
    )


# --------------------------------------------------------------------------- trend chart

CHART_W, CHART_H = 176, 62
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 36, 170, 6, 44
UNIT_SUFFIX = {"percent": "%", "count_and_percent": "%", "average_days": " days"}


def _num(value: float) -> str:
    """SVG coordinates: two decimals, no trailing zeros, no '-0'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def chart_value(value: float, unit: str | None, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text + UNIT_SUFFIX.get(unit or "", "")


def short_year(label: str) -> str:
    match = re.fullmatch(r"\s*\d{2}(\d{2})/(\d{2})\s*", label or "")
    return f"{match.group(1)}/{match.group(2)}" if match else str(label)


def month_label(value: dt.date) -> str:
    return f"{MONTHS[value.month - 1][:3]} {value.year}"


def trend_svg(entry: dict[str, Any] | None, report_date: dt.date, what: str) -> str:
    """A small line chart: the monthly Latest series as a line, the three years as hollow
    squares (labelled under the axis) at their window ends, the Latest as a filled dot.
    Returns '' when there is no number to draw."""
    if not entry:
        return ""
    unit = entry.get("unit")
    years = entry.get("years") or []
    months = entry.get("months") or []
    latest = entry.get("latest")
    if latest is not None and months and months[-1][0] == latest[0]:
        months = months[:-1] + [latest]
    points = [(d, v) for _, d, v in years] + list(months) + ([latest] if latest else [])
    if not points:
        return ""
    start = min([entry.get("start") or report_date] + [d for d, _ in points])
    end = max([report_date] + [d for d, _ in points])
    span = max((end - start).days, 1)
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    if high - low < 1e-9:
        pad = abs(high) * 0.05 or 1.0
        low, high = low - pad, high + pad

    def x(day: dt.date) -> float:
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (day - start).days / span

    def y(value: float) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value - low) / (high - low)

    # Axis labels: whole numbers unless they would read the same at both ends.
    decimals = 0 if f"{high:,.0f}" != f"{low:,.0f}" else 1
    parts = [
        f'<line class="axis" x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}"/>',
        f'<text class="tick" x="{PLOT_LEFT - 3}" y="{_num(PLOT_TOP + 4)}" text-anchor="end">'
        f"{esc(chart_value(high, unit, decimals))}</text>",
        f'<text class="tick" x="{PLOT_LEFT - 3}" y="{_num(PLOT_BOTTOM)}" text-anchor="end">'
        f"{esc(chart_value(low, unit, decimals))}</text>",
    ]
    line = list(months) + ([latest] if latest and (not months or months[-1][0] != latest[0]) else [])
    if len(line) >= 2:
        coords = " ".join(f"{_num(x(d))},{_num(y(v))}" for d, v in line)
        parts.append(f'<polyline class="months" points="{coords}"/>')
    elif len(points) >= 2:  # no monthly series: a dashed guide from year to year to Latest
        coords = " ".join(f"{_num(x(d))},{_num(y(v))}" for d, v in sorted(points))
        parts.append(f'<polyline class="joined" points="{coords}"/>')
    for label, day, value in years:
        cx, cy = x(day), y(value)
        parts.append(
            f'<rect class="year" x="{_num(cx - 2.5)}" y="{_num(cy - 2.5)}" width="5" height="5"/>'
        )
        parts.append(
            f'<text class="tick" x="{_num(cx)}" y="{CHART_H - 6}" text-anchor="middle">'
            f"{esc(short_year(label))}</text>"
        )
    if latest:
        parts.append(f'<circle class="latest" cx="{_num(x(latest[0]))}" cy="{_num(y(latest[1]))}" r="2.8"/>')
    described = [f"{label} {chart_value(value, unit)}" for label, _, value in years]
    if months:
        described.append(
            f"monthly Latest {month_label(months[0][0])} to {month_label(months[-1][0])}, "
            f"{len(months)} months, from {chart_value(months[0][1], unit)} "
            f"to {chart_value(months[-1][1], unit)}"
        )
    elif latest:
        described.append(f"Latest {chart_value(latest[1], unit)}")
    title = f"Trend, {what}: " + "; ".join(described)
    return (
        f'<svg class="trend" role="img" width="{CHART_W}" height="{CHART_H}" '
        f'viewBox="0 0 {CHART_W} {CHART_H}" data-years="{len(years)}" '
        f'data-months="{len(months)}" data-latest="{1 if latest else 0}">'
        f"<title>{esc(title)}</title>" + "".join(parts) + "</svg>"
    )


def trend_cell(row: dict[str, Any], series: dict[str, dict[str, Any]], report_date: dt.date) -> str:
    what = row.get("part_label") or row.get("measure_wording") or row.get("indicator_id")
    svg = trend_svg(series.get(row.get("indicator_id")), report_date, str(what))
    if not svg:
        return '<td class="trend"><span class="no-trend">No values to plot</span></td>'
    return f'<td class="trend">{svg}</td>'


# --------------------------------------------------------------------------- analysis


def analysis_block(section_id: str, markdown_text: str | None, report_date: dt.date) -> str:
    if markdown_text is not None and markdown_text.strip():
        body = markdown_to_html(markdown_text)
        state = "present"
    else:
        body = (
            '<p class="no-commentary">No commentary has been written for this section for '
            f"{esc(MONTHS[report_date.month - 1])} {report_date.year}.</p>"
        )
        state = "absent"
    return (
        f'<div class="analysis" data-commentary="{state}">'
        f'<h3>Analysis</h3>\n{body}\n</div>'
    )


# --------------------------------------------------------------------------- layout


def render_measure_group(
    rows: list[dict[str, Any]],
    year_3_label: str | None,
    series: dict[str, dict[str, Any]],
    report_date: dt.date,
) -> str:
    """One document row (one report_row): a single line, or the wording then one sub-row per part."""
    first = rows[0]
    note = next((r["document_note"] for r in rows if r.get("document_note")), None)
    ident = " ".join(str(r["indicator_id"]) for r in rows)
    if len(rows) == 1:
        return (
            f'<tbody class="measure" data-indicators="{esc(ident)}">'
            f'<tr data-indicator="{esc(first["indicator_id"])}">'
            f'<th scope="row" class="wording">'
            f'{wording_block(first.get("measure_wording"), note, first.get("part_label"))}</th>'
            f"{data_cells(first, year_3_label, series, report_date)}</tr></tbody>"
        )
    lines = [
        f'<tbody class="measure grouped" data-indicators="{esc(ident)}">',
        f'<tr class="group-head"><th scope="rowgroup" colspan="9" class="wording">'
        f'{wording_block(first.get("measure_wording"), note)}</th></tr>',
    ]
    for row in rows:
        label = row.get("part_label") or row.get("measure_wording")
        lines.append(
            f'<tr class="part-row" data-indicator="{esc(row["indicator_id"])}">'
            f'<th scope="row" class="part">{esc(label)}</th>'
            f"{data_cells(row, year_3_label, series, report_date)}</tr>"
        )
    lines.append("</tbody>")
    return "\n".join(lines)


def render_section(
    rows: list[dict[str, Any]],
    position: int,
    series: dict[str, dict[str, Any]] | None = None,
    commentary: dict[str, str] | None = None,
) -> str:
    first = rows[0]
    series = series or {}
    commentary = commentary or {}
    report_date = first["report_date"]
    y1, y2, y3 = first.get("year_1_label"), first.get("year_2_label"), first.get("year_3_label")
    section_anchor = anchor(first.get("section_id"), position)
    built = any(r.get("latest_state") in BUILT_STATES for r in rows)
    heading_id = f"{section_anchor}-title"
    out = [
        f'<section class="framework" id="{esc(section_anchor)}" aria-labelledby="{esc(heading_id)}"'
        f' data-section="{esc(first.get("section_id"))}">',
        f'<h2 id="{esc(heading_id)}">{esc(first.get("section_name"))}</h2>',
    ]
    if not built:
        out.append('<p class="later">This section is computed in a later release.</p>')
    out.append("<table>")
    out.append(
        '<colgroup><col class="c-measure"><col class="c-comparators"><col class="c-year">'
        '<col class="c-year"><col class="c-year"><col class="c-latest"><col class="c-target">'
        '<col class="c-traj"><col class="c-trend"></colgroup>'
    )
    out.append(
        "<thead><tr>"
        '<th scope="col" class="measure">Supporting Measures</th>'
        f'<th scope="col">{esc(comparators_header(y2))}</th>'
        f'<th scope="col">{esc(y1)}</th>'
        f'<th scope="col">{esc(y2)}</th>'
        f'<th scope="col">{esc(y3)}</th>'
        '<th scope="col">Latest</th>'
        '<th scope="col">Target</th>'
        '<th scope="col">RAG / Trajectory</th>'
        '<th scope="col">Trend</th>'
        "</tr></thead>"
    )
    for _, group in groupby(rows, key=lambda r: r.get("report_row")):
        out.append(render_measure_group(list(group), y3, series, report_date))
    out.append("</table>")
    out.append(analysis_block(str(first.get("section_id")), commentary.get(first.get("section_id")), report_date))
    out.append("</section>")
    return "\n".join(out)


def _count(value: Any) -> str:
    return f"{int(value):,}"


def _load_table(rows: list[dict[str, Any]]) -> str:
    out = [
        "<table class=\"dq-load\">",
        "<thead><tr><th scope=\"col\" class=\"measure\">Extract</th><th scope=\"col\">Rows read</th>"
        "<th scope=\"col\">Staged</th><th scope=\"col\">Rejected</th>"
        "<th scope=\"col\" class=\"measure\">Rejected rows by rule</th></tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        rules = ", ".join(
            f"{key[len(REJECTED_PREFIX):].replace('_', ' ')} {_count(value)}"
            for key, value in row.items()
            if key.startswith(REJECTED_PREFIX) and value
        )
        out.append(
            f'<tr data-extract="{esc(row["extract_name"])}"><th scope="row">{esc(row["extract_name"])}</th>'
            f'<td class="num">{_count(row["rows_read"])}</td>'
            f'<td class="num">{_count(row["rows_staged"])}</td>'
            f'<td class="num">{_count(row["rows_rejected"])}</td>'
            f'<td class="{"" if rules else "none"}">{esc(rules or "none")}</td></tr>'
        )
    totals = [sum(int(r[k]) for r in rows) for k in ("rows_read", "rows_staged", "rows_rejected")]
    out.append("</tbody>")
    out.append(
        "<tfoot><tr><td>All extracts</td>"
        + "".join(f'<td class="num">{_count(t)}</td>' for t in totals)
        + "<td></td></tr></tfoot>"
    )
    out.append("</table>")
    return "\n".join(out)


def _rules_table(rows: list[dict[str, Any]]) -> str:
    broken = [r for r in rows if r["records_failing"]]
    passed = len(rows) - len(broken)
    if not broken:
        return f"<p>All {len(rows)} rules pass: no record breaks any of them.</p>"
    out = [
        "<table class=\"dq-rules\">",
        "<thead><tr><th scope=\"col\" class=\"measure\">Rule</th><th scope=\"col\">Return</th>"
        "<th scope=\"col\">DfE rule</th><th scope=\"col\">Extract</th>"
        "<th scope=\"col\">Records</th><th scope=\"col\">Children</th></tr></thead>",
        "<tbody>",
    ]
    for row in broken:
        out.append(
            f'<tr data-rule="{esc(row["rule_id"])}"><th scope="row">{esc(row["rule_description"])}</th>'
            f'<td>{esc(row["dfe_return"])}</td><td>{esc(row["dfe_rule_code"] or "")}</td>'
            f'<td>{esc(row["extract"])}</td>'
            f'<td class="num">{_count(row["records_failing"])}</td>'
            f'<td class="num">{_count(row["children_affected"])}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(
        f"<p>{len(broken)} of {len(rows)} rules broken; the other {passed} pass.</p>"
    )
    return "\n".join(out)


def data_quality_appendix(quality: dict[str, list[dict[str, Any]]] | None) -> str:
    """The report's last section: how the extracts loaded and which rules records break."""
    quality = quality or {}
    out = [
        '<section class="appendix" id="data-quality" aria-labelledby="data-quality-title">',
        '<h2 id="data-quality-title">Appendix: data quality</h2>',
        "<p>How the extracts behind this report loaded, and the records that break the "
        "data-quality rules (after the DfE's SSDA903 and CIN census validators). A row "
        "rejected on load is in no figure above; a record breaking a rule is counted as it "
        "stands. Counts only: the records are listed for the teams that correct them in the "
        "internal schema (rejected rows, data-quality failures), never in this report.</p>",
        "<h3>Extracts loaded</h3>",
        _load_table(quality["load"]) if quality.get("load")
        else '<p class="none">The load summary was not built (marts.fct_extract_load_summary).</p>',
        "<h3>Data-quality rules</h3>",
        _rules_table(quality["rules"]) if quality.get("rules")
        else '<p class="none">The rule summary was not built (marts.fct_data_quality_rule_summary).</p>',
        "</section>",
    ]
    return "\n".join(out)


def split_sections(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [
        list(group)
        for _, group in groupby(rows, key=lambda r: (r.get("section_order"), r.get("section_id")))
    ]


def render_html(
    rows: list[dict[str, Any]],
    la_code: str,
    report_date: dt.date,
    series: dict[str, dict[str, Any]] | None = None,
    commentary: dict[str, str] | None = None,
    quality: dict[str, list[dict[str, Any]]] | None = None,
) -> str:
    sections = split_sections(rows)
    year_3 = rows[0].get("year_3_label") if rows else None
    title = f"Performance Framework: {la_code}, data as at {long_date(report_date)}"
    contents = "".join(
        f'<li><a href="#{esc(anchor(s[0].get("section_id"), i))}">{esc(s[0].get("section_name"))}</a></li>'
        for i, s in enumerate(sections, start=1)
    ) + '<li><a href="#data-quality">Appendix: data quality</a></li>'
    compare = f"Latest against {esc(year_3)}" if year_3 else "Latest against the last full year"
    key = (
        '<p class="key">Key: '
        f'<span><span class="arrow j-none">↗ ↘ →</span> trajectory of {compare};</span> '
        '<span><span class="arrow j-better">↗</span> better,</span> '
        '<span><span class="arrow j-worse">↘</span> worse,</span> '
        '<span><span class="arrow j-same">→</span> no change;</span> '
        '<span><span class="rag rag-green"></span><span class="rag rag-amber"></span>'
        '<span class="rag rag-red"></span> RAG against target;</span> '
        '<span><span class="state">N/A, Not Yet Available, TBC, No data</span> no value shown;</span> '
        '<span>Trend: <span class="key-year">&#9633;</span> year, line: monthly Latest, '
        '<span class="key-latest">&#9679;</span> Latest.</span></p>'
    )
    body = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        '<header class="title">',
        f'<p class="kicker">Children\'s Services &middot; Local authority {esc(la_code)}</p>',
        "<h1>Performance Framework</h1>",
        f'<p class="asat">Data as at <time datetime="{report_date.isoformat()}">'
        f"{esc(long_date(report_date))}</time></p>",
        "</header>",
        f'<nav class="contents" aria-label="Sections">Sections: <ol>{contents}</ol></nav>',
        key,
    ]
    body.extend(render_section(s, i, series, commentary) for i, s in enumerate(sections, start=1))
    body.append(data_quality_appendix(quality))
    body.append(
        f"<footer>Source: {esc(MART)}, authority {esc(la_code)}, "
        f"report date {report_date.isoformat()}.</footer>"
    )
    body.extend(["</body>", "</html>", ""])
    return "\n".join(body)


# --------------------------------------------------------------------------- CLI


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=f"Render {MART} as one self-contained HTML page.",
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CSC_DUCKDB_PATH") or DEFAULT_DATABASE),
        help=f"DuckDB file (default: $CSC_DUCKDB_PATH or {DEFAULT_DATABASE})",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--report-date",
        default=None,
        help="report date YYYY-MM-DD (default: the latest report_date in the mart)",
    )
    parser.add_argument(
        "--la-code",
        default=None,
        help="local authority code (default: the only one in the mart at the report date)",
    )
    parser.add_argument(
        "--commentary",
        type=Path,
        default=Path(DEFAULT_COMMENTARY),
        help="folder of <report_date>/<section_id>.md Analysis files "
        f"(default: {DEFAULT_COMMENTARY})",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print the page to PDF beside it with headless Chromium "
        "(scripts/print_report_pdf.py)",
    )
    return parser.parse_args(argv)


def render_report(
    database: Path,
    out_dir: Path,
    report_date: str | None = None,
    la_code: str | None = None,
    commentary_dir: Path | None = None,
    warn: Any = None,
) -> Path:
    """Write the page and return its path. ``warn`` receives each warning (default: stderr)."""
    con = connect(database)
    try:
        date = resolve_report_date(con, report_date)
        code = resolve_la_code(con, date, la_code)
        rows = load_rows(con, date, code)
        try:
            series = load_series(con, date, str(code))
        except duckdb.Error as exc:
            raise ReportError(f"cannot read the trend series: {exc}") from exc
        quality = load_data_quality(con)
    finally:
        con.close()
    section_ids = sorted({str(r["section_id"]) for r in rows})
    commentary, warnings = load_commentary(commentary_dir, date, section_ids)
    for message in warnings:
        (warn or (lambda m: print(f"render_report: warning: {m}", file=sys.stderr)))(message)
    page = render_html(rows, str(code), date, series, commentary, quality)
    path = out_dir / f"performance_framework_{date.isoformat()}.html"
    with outputs_common.owner_only():
        out_dir.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
    path.chmod(0o600)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        path = render_report(
            args.database, args.out, args.report_date, args.la_code, args.commentary
        )
    except ReportError as exc:
        print(f"render_report: {exc}", file=sys.stderr)
        return 1
    print(path)
    if args.pdf:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import print_report_pdf  # noqa: E402  (beside this script; needs Chromium)

        try:
            pdf = print_report_pdf.print_pdf(path)
        except print_report_pdf.PdfError as exc:
            print(f"render_report: {exc}", file=sys.stderr)
            return 1
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
