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

The page is drawn by the Jinja2 templates in ``scripts/report_templates/`` (autoescaped: every
value from the marts is text): ``page.html.j2`` and its stylesheet ``report.css``,
``section.html.j2`` (a section's table and Analysis), ``sparkline.html.j2`` (the trend chart),
``cells_table.html.j2`` (table-shaped cells) and ``appendix.html.j2``. This script reads the
marts and hands the templates structured cells: each cell's text and state come from the mart,
never from text split again here; every word and symbol the page prints for a code (states,
arrows, judgement and RAG words, polarity, comparator names) comes from the seed
``display_labels`` through the marts, and the page's key reads that seed
(``reference.display_labels``) itself.

- Comparators: ``marts.rpt_performance_framework_comparators``, one row per comparator, one
  line each in the Comparators cell.
- Table-shaped cells (quarters by agency, months by category, invitees by attendance,
  quarterly youth offending rows): ``marts.rpt_performance_framework_tables`` when the build
  has it, one row per cell (the interface is the doc block ``report_table_cells_interface``,
  models/marts/_report__docs.md; ``TABLE_COLUMNS`` here); each table is drawn in its section
  under the document row ``report_row``, at the measure's place.
- Analysis: people write it, in Markdown, one file per section and report date:
  ``<commentary>/<report_date>/<section_id>.md`` (default folder ``commentary``), rendered by
  markdown-it-py with only paragraphs, ``#`` headings (as h4-h6, under the section's h2 and the
  Analysis h3), lists, ``**bold**``, ``*italic*`` and ```code``` enabled: raw HTML, links,
  images and everything else are shown as typed. A section without a file says so. A file
  naming no section of the report is reported on stderr.
- Data-quality appendix: after the sections, how the extracts loaded
  (``marts.fct_extract_load_summary``: rows read, staged and rejected per extract, rejects by
  rule) and how many records and children break each data-quality rule
  (``marts.fct_data_quality_rule_summary``). Counts only; the records themselves are in the
  ``internal`` schema, for the teams that correct them. A build without those marts says so.
- Trend: a small inline SVG per measure, drawn from the three year values
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

Needs duckdb, Jinja2 (installed with dbt) and markdown-it-py (requirements.txt).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import duckdb
import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_common  # noqa: E402  (beside this script)

MART = "marts.rpt_performance_framework"
COMPARATORS = "marts.rpt_performance_framework_comparators"
COMPUTED_COMPARATORS = "marts.rpt_performance_framework_computed_comparators"
TABLES = "marts.rpt_performance_framework_tables"
LABELS = "reference.display_labels"
AUTHORITIES = "reference.authorities"
PUBLICATIONS = "reference.publications"
ALL_AUTHORITIES = "all"
VALUES = "marts.fct_indicator_values"
HISTORY = "marts.fct_indicator_history"
LOAD_SUMMARY = "marts.fct_extract_load_summary"
RULE_SUMMARY = "marts.fct_data_quality_rule_summary"
REJECTED_PREFIX = "rejected_"
DEFAULT_DATABASE = "build/csc_performance.duckdb"
DEFAULT_OUT = "build/report"
DEFAULT_COMMENTARY = "commentary"
TEMPLATES = Path(__file__).resolve().parent / "report_templates"

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
    "year_1_label",
    "year_2_label",
    "year_3_label",
    "year_1_display",
    "year_2_display",
    "year_3_display",
    "latest_display",
    "year_1_state",
    "year_2_state",
    "year_3_state",
    "latest_state",
    "latest_basis_label",
    "target_display",
    "trajectory",
    "trajectory_arrow",
    "trajectory_label",
    "judgement",
    "judgement_label",
    "rag",
    "rag_label",
    "polarity_label",
)

# The table-shaped cells' interface: one row per cell (doc block report_table_cells_interface).
TABLE_COLUMNS: tuple[str, ...] = (
    "la_code",
    "report_date",
    "section_id",
    "report_row",
    "table_id",
    "table_order",
    "table_caption",
    "row_group_heading",
    "row_heading",
    "row_group_label",
    "row_label",
    "row_order",
    "column_group_label",
    "column_label",
    "column_order",
    "cell_display",
    "cell_state",
    "indicator_id",
    "period_key",
)

# A cell's state is a number when computed; any other state is shown as its label, styled.
NUMBER_STATE = "computed"
# A section is "built" when at least one of its measures has a Latest computed from the
# extracts (a value, or "No data" when there was nothing to count).
BUILT_STATES = frozenset({"computed", "no_data"})
# The Latest cell names its basis ("12 months to 31 Jul 2016") only when it holds a value or
# "No data"; a cell the document marks N/A, TBC, ... or one not computed yet has no basis.
BASIS_STATES = BUILT_STATES
# The judgements an arrow is coloured by (CSS classes j-better, j-worse, j-same; else j-none),
# and the trajectory the page's key shows each with.
JUDGEMENT_ARROWS = (("better", "up"), ("worse", "down"), ("same", "same"))

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class ReportError(Exception):
    """A problem the user can fix (missing file, unknown date, ...)."""


# --------------------------------------------------------------------------- reading


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not database.is_file():
        raise ReportError(
            f"database not found: {database} (run dbt build first, or pass --database)"
        )
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:  # e.g. another process holds the write lock
        raise ReportError(f"cannot open {database} read-only: {exc}") from exc


def _scalar_list(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return [row[0] for row in con.execute(sql, list(params)).fetchall()]


def _dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def resolve_report_date(con: duckdb.DuckDBPyConnection, requested: str | None) -> dt.date:
    try:
        dates = _scalar_list(con, f"select distinct report_date from {MART} order by report_date")
    except duckdb.Error as exc:
        raise ReportError(f"cannot read {MART}: {exc}") from exc
    return outputs_common.choose_report_date(dates, requested, MART, ReportError)


def resolve_la_code(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, requested: str | None
) -> str:
    codes = _scalar_list(
        con,
        f"select distinct la_code from {MART} where report_date = ? order by la_code",
        [report_date],
    )
    return outputs_common.choose_la_code(codes, requested, report_date, MART, ReportError)


def authority_name(con: duckdb.DuckDBPyConnection, la_code: str) -> str:
    """The authority's name from the authorities seed; its code when the seed lacks it."""
    if not table_exists(con, AUTHORITIES):
        return la_code
    names = _scalar_list(con, f"select la_name from {AUTHORITIES} where la_code = ?", [la_code])
    return str(names[0]) if names else la_code


def is_publication_authority(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str
) -> bool:
    """Whether the authority is the one whose published report of the report date the project
    holds (reference.publications): the commentary folder's Analysis and the published
    statistical neighbours are that report's, so in a pooled build the other councils' reports
    have neither. With no publication of that date any authority counts (a council writing its
    own)."""
    if not table_exists(con, PUBLICATIONS):
        return True
    codes = _scalar_list(
        con, f"select distinct la_code from {PUBLICATIONS} where report_date = ?", [report_date]
    )
    return not codes or la_code in {str(c) for c in codes}


def load_rows(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str
) -> list[dict[str, Any]]:
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
    return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


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


def load_labels(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The seed display_labels by label set: ``{label_set: [(code, label), ...]}`` in
    display order. The page's key is drawn from it."""
    if not table_exists(con, LABELS):
        raise ReportError(f"{LABELS} is not in the database: run `dbt seed` first")
    labels: dict[str, list[tuple[str, str]]] = {}
    for label_set, code, label in con.execute(
        f"select label_set, code, label from {LABELS} order by label_set, display_order, code"
    ).fetchall():
        labels.setdefault(label_set, []).append((code, label))
    return labels


def load_comparators(
    con: duckdb.DuckDBPyConnection,
    report_date: dt.date | None = None,
    la_code: str | None = None,
    is_publication_authority: bool = True,
) -> dict[str, list[str]]:
    """Each measure's comparator lines ("WM - 71.1%"), in the order the report prints them:
    the published ones, then, for an authority of a pooled build, those computed from the pool
    (last full year, then Latest). The published statistical neighbours are the publication's
    authority's own, so another council's report leaves them out."""
    if not table_exists(con, COMPARATORS):
        raise ReportError(f"{COMPARATORS} is not in the database: run `dbt build` first")
    comparators: dict[str, list[str]] = {}
    for indicator_id, comparator, display in con.execute(
        f"select indicator_id, comparator, comparator_display from {COMPARATORS} "
        "order by indicator_id, comparator_order, period_label, comparator"
    ).fetchall():
        if comparator == "statistical_neighbours" and not is_publication_authority:
            continue
        comparators.setdefault(indicator_id, []).append(display)
    if la_code is None or not table_exists(con, COMPUTED_COMPARATORS):
        return comparators
    for indicator_id, display in con.execute(
        f"select indicator_id, comparator_display from {COMPUTED_COMPARATORS} "
        "where report_date = ? and la_code = ? "
        "order by indicator_id, period_order, comparator_order",
        [report_date, la_code],
    ).fetchall():
        comparators.setdefault(indicator_id, []).append(display)
    return comparators


def load_table_cells(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str
) -> list[dict[str, Any]]:
    """The table-shaped cells of the report date and authority, when the build has the mart."""
    if not table_exists(con, TABLES):
        return []
    missing = [c for c in TABLE_COLUMNS if c not in _columns(con, TABLES)]
    if missing:
        raise ReportError(
            f"{TABLES} lacks the column(s) {', '.join(missing)} of the table-cells interface "
            "(doc block report_table_cells_interface)"
        )
    try:
        return _dicts(
            con,
            f"select {', '.join(TABLE_COLUMNS)} from {TABLES} where report_date = ? and la_code = ? "
            "order by section_id, report_row, table_order nulls last, table_id, row_order, column_order",
            [report_date, la_code],
        )
    except duckdb.Error as exc:
        raise ReportError(f"cannot read {TABLES}: {exc}") from exc


def load_data_quality(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """The appendix's tables, keyed ``load`` and ``rules``; a mart the build lacks is left out."""
    quality: dict[str, list[dict[str, Any]]] = {}
    try:
        if table_exists(con, LOAD_SUMMARY):
            quality["load"] = _dicts(con, f"select * from {LOAD_SUMMARY} order by extract_name")
        if table_exists(con, RULE_SUMMARY):
            quality["rules"] = _dicts(
                con,
                f"select * from {RULE_SUMMARY} order by records_failing desc, dfe_return, rule_id",
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


# --------------------------------------------------------------------------- Markdown


def _analysis_heading_levels(state: Any) -> None:
    """``#`` is h4, ``##`` h5, ``###`` and below h6: under the section's h2 and the h3."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 3, 6)}"


def _joined_line(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    """A line break inside a paragraph or item joins the lines with a space."""
    return " "


def _markdown() -> MarkdownIt:
    """CommonMark with only the commentary's subset enabled: paragraphs, headings, lists,
    emphasis (bold, italic), code spans and line breaks. Raw HTML, links, autolinks, images,
    entities, escapes, block quotes and code blocks are not enabled, so what they would be
    made of is shown as typed (and escaped)."""
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["heading", "list", "emphasis", "backticks", "newline"])
    md.core.ruler.push("analysis_heading_levels", _analysis_heading_levels)
    md.add_render_rule("softbreak", _joined_line)
    return md


MARKDOWN = _markdown()


def markdown_to_html(text: str) -> str:
    """The commentary's Markdown as HTML (``_markdown`` says which forms are rendered)."""
    return MARKDOWN.render(text).rstrip("\n")


# --------------------------------------------------------------------------- formatting


def long_date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


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


def _cell(text: str | None, state: str | None, basis: str | None = None) -> dict[str, Any]:
    """A value cell for the template: its text, whether it is a state rather than a number
    (the mart's state for the cell), and what the Latest covers."""
    return {
        "text": text,
        "is_state": state not in (None, NUMBER_STATE),
        "state": state,
        "basis": basis,
    }


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


def trend_chart(
    entry: dict[str, Any] | None, report_date: dt.date, what: str
) -> dict[str, Any] | None:
    """What the sparkline macro draws (sparkline.html.j2): the monthly Latest series as a line,
    the three years as hollow squares (labelled under the axis) at their window ends, the
    Latest as a filled dot, with coordinates scaled to the chart. None when there is no number
    to draw."""
    if not entry:
        return None
    unit = entry.get("unit")
    years = entry.get("years") or []
    months = entry.get("months") or []
    latest = entry.get("latest")
    if latest is not None and months and months[-1][0] == latest[0]:
        months = months[:-1] + [latest]
    points = [(d, v) for _, d, v in years] + list(months) + ([latest] if latest else [])
    if not points:
        return None
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
    line_points = list(months) + (
        [latest] if latest and (not months or months[-1][0] != latest[0]) else []
    )
    if len(line_points) >= 2:
        line = {
            "css": "months",
            "points": " ".join(f"{_num(x(d))},{_num(y(v))}" for d, v in line_points),
        }
    elif len(points) >= 2:  # no monthly series: a dashed guide from year to year to Latest
        line = {
            "css": "joined",
            "points": " ".join(f"{_num(x(d))},{_num(y(v))}" for d, v in sorted(points)),
        }
    else:
        line = None
    described = [f"{label} {chart_value(value, unit)}" for label, _, value in years]
    if months:
        described.append(
            f"monthly Latest {month_label(months[0][0])} to {month_label(months[-1][0])}, "
            f"{len(months)} months, from {chart_value(months[0][1], unit)} "
            f"to {chart_value(months[-1][1], unit)}"
        )
    elif latest:
        described.append(f"Latest {chart_value(latest[1], unit)}")
    return {
        "width": CHART_W,
        "height": CHART_H,
        "month_count": len(months),
        "title": f"Trend, {what}: " + "; ".join(described),
        "axis": {"x1": PLOT_LEFT, "x2": PLOT_RIGHT, "y": PLOT_BOTTOM},
        "value_ticks": [
            {
                "x": PLOT_LEFT - 3,
                "y": _num(PLOT_TOP + 4),
                "text": chart_value(high, unit, decimals),
            },
            {"x": PLOT_LEFT - 3, "y": _num(PLOT_BOTTOM), "text": chart_value(low, unit, decimals)},
        ],
        "line": line,
        "years": [
            {
                "x": _num(x(day) - 2.5),
                "y": _num(y(value) - 2.5),
                "label_x": _num(x(day)),
                "label_y": CHART_H - 6,
                "label": short_year(label),
            }
            for label, day, value in years
        ],
        "latest": {"cx": _num(x(latest[0])), "cy": _num(y(latest[1]))} if latest else None,
    }


# --------------------------------------------------------------------------- table-shaped cells


def _spans(labels: Sequence[Any]) -> list[int]:
    """For each position, how many positions from it share its label (0 inside a run)."""
    spans = [0] * len(labels)
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            spans[start] = i - start
            start = i
    return spans


def cells_table(cells: list[dict[str, Any]]) -> dict[str, Any]:
    """One table of the cells interface as the cells_table macro draws it: columns and rows in
    their orders, group labels spanning their runs, one cell per grid position."""
    first = cells[0]
    table_id = first["table_id"]
    columns: dict[int, tuple[Any, Any]] = {}
    rows: dict[int, tuple[Any, Any]] = {}
    grid: dict[tuple[int, int], dict[str, Any]] = {}
    for cell in cells:
        column = (cell["column_group_label"], cell["column_label"])
        row = (cell["row_group_label"], cell["row_label"])
        if columns.setdefault(cell["column_order"], column) != column:
            raise ReportError(
                f"{TABLES}: table {table_id!r} has two columns at column_order {cell['column_order']}"
            )
        if rows.setdefault(cell["row_order"], row) != row:
            raise ReportError(
                f"{TABLES}: table {table_id!r} has two rows at row_order {cell['row_order']}"
            )
        key = (cell["row_order"], cell["column_order"])
        if key in grid:
            raise ReportError(
                f"{TABLES}: table {table_id!r} has two cells at row {cell['row_label']!r}, "
                f"column {cell['column_label']!r}"
            )
        grid[key] = _cell(cell["cell_display"], cell["cell_state"])
    column_orders = sorted(columns)
    row_orders = sorted(rows)
    column_groups = [columns[o][0] for o in column_orders]
    row_groups = [rows[o][0] for o in row_orders]
    column_spans = _spans(column_groups)
    row_spans = _spans(row_groups)
    return {
        "table_id": table_id,
        "caption": first["table_caption"],
        "row_group_heading": first["row_group_heading"],
        "row_heading": first["row_heading"],
        "grouped_rows": any(g is not None for g in row_groups),
        "column_groups": [
            {"label": column_groups[i], "span": column_spans[i]}
            for i in range(len(column_orders))
            if column_spans[i]
        ]
        if any(g is not None for g in column_groups)
        else None,
        "columns": [columns[o][1] for o in column_orders],
        "rows": [
            {
                "group_label": row_groups[i],
                "group_span": row_spans[i],
                "label": rows[order][1],
                "cells": [grid.get((order, c)) for c in column_orders],
            }
            for i, order in enumerate(row_orders)
        ],
    }


def cells_tables(cells: Iterable[dict[str, Any]]) -> dict[tuple[Any, Any], list[dict[str, Any]]]:
    """The tables to draw under each (section_id, report_row), in table order."""
    placed: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for (section_id, report_row, _, _), table_cells in groupby(
        cells, key=lambda c: (c["section_id"], c["report_row"], c["table_order"], c["table_id"])
    ):
        placed.setdefault((section_id, report_row), []).append(cells_table(list(table_cells)))
    return placed


# --------------------------------------------------------------------------- the page's view


def measure_row(
    row: dict[str, Any],
    comparators: dict[str, list[str]],
    series: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """One measure's line: the mart's row with its cells, comparator lines and trend chart."""
    latest_state = row.get("latest_state")
    basis = (
        row.get("latest_basis_label")
        if latest_state in BASIS_STATES or latest_state is None
        else None
    )
    trajectory_words = row.get("trajectory_label") or str(row.get("trajectory") or "Trajectory")
    year_3_label = row.get("year_3_label")
    trajectory_text = f"{trajectory_words} on {year_3_label}" if year_3_label else trajectory_words
    if row.get("judgement_label"):
        trajectory_text += f" ({row['judgement_label']})"
    judgement = row.get("judgement")
    rag = row.get("rag")
    what = row.get("part_label") or row.get("measure_wording") or row.get("indicator_id")
    return {
        **row,
        "comparators": comparators.get(row["indicator_id"], []),
        "year_1": _cell(row.get("year_1_display"), row.get("year_1_state")),
        "year_2": _cell(row.get("year_2_display"), row.get("year_2_state")),
        "year_3": _cell(row.get("year_3_display"), row.get("year_3_state")),
        "latest": _cell(row.get("latest_display"), latest_state, basis),
        "target": _cell(row.get("target_display"), None),
        "arrow": row.get("trajectory_arrow"),
        "trajectory_text": trajectory_text,
        "judgement_css": judgement if judgement in dict(JUDGEMENT_ARROWS) else "none",
        "rag_css": re.sub(r"[^a-z]+", "", str(rag or "").lower()) or "none",
        "rag_label": row.get("rag_label") or rag,
        "trend": trend_chart(series.get(row["indicator_id"]), row["report_date"], str(what)),
    }


def section_view(
    rows: list[dict[str, Any]],
    position: int,
    comparators: dict[str, list[str]],
    series: dict[str, dict[str, Any]],
    commentary: dict[str, str],
    tables: dict[tuple[Any, Any], list[dict[str, Any]]],
) -> dict[str, Any]:
    first = rows[0]
    report_date = first["report_date"]
    groups = []
    for report_row, group in groupby(rows, key=lambda r: r.get("report_row")):
        group_rows = [measure_row(r, comparators, series) for r in group]
        groups.append(
            {
                "rows": group_rows,
                "indicator_ids": " ".join(str(r["indicator_id"]) for r in group_rows),
                "wording": group_rows[0].get("measure_wording"),
                "note": next(
                    (r["document_note"] for r in group_rows if r.get("document_note")), None
                ),
                "tables": tables.get((first.get("section_id"), report_row), []),
            }
        )
    markdown_text = commentary.get(first.get("section_id"))
    present = markdown_text is not None and bool(markdown_text.strip())
    return {
        "anchor": anchor(first.get("section_id"), position),
        "section_id": first.get("section_id"),
        "section_name": first.get("section_name"),
        "built": any(r.get("latest_state") in BUILT_STATES for r in rows),
        "comparators_header": comparators_header(first.get("year_2_label")),
        "year_labels": [
            first.get("year_1_label"),
            first.get("year_2_label"),
            first.get("year_3_label"),
        ],
        "groups": groups,
        "analysis": {
            "state": "present" if present else "absent",
            "html": Markup(markdown_to_html(markdown_text)) if present else None,
            "month": f"{MONTHS[report_date.month - 1]} {report_date.year}",
        },
    }


def key_view(labels: dict[str, list[tuple[str, str]]], year_3_label: str | None) -> dict[str, Any]:
    """The page's key, in the words of the seed display_labels."""
    arrows = dict(labels.get("trajectory_arrow", []))
    judgements = dict(labels.get("judgement", []))
    return {
        "year_3_label": year_3_label,
        "arrows": [label for _, label in labels.get("trajectory_arrow", [])],
        "judgements": [
            {
                "css": judgement,
                "arrow": arrows.get(trajectory, ""),
                "label": judgements.get(judgement, judgement),
            }
            for judgement, trajectory in JUDGEMENT_ARROWS
        ],
        "rags": [code for code, _ in labels.get("rag", [])],
        "states": [label for _, label in labels.get("state", [])],
    }


def _count(value: Any) -> str:
    return f"{int(value):,}"


def appendix_view(quality: dict[str, list[dict[str, Any]]] | None) -> dict[str, Any]:
    """The data-quality appendix's tables with their counts formatted; None for a mart the
    build lacks."""
    quality = quality or {}
    load = None
    if quality.get("load"):
        rows = quality["load"]
        load = {
            "rows": [
                {
                    "extract_name": row["extract_name"],
                    "rows_read": _count(row["rows_read"]),
                    "rows_staged": _count(row["rows_staged"]),
                    "rows_rejected": _count(row["rows_rejected"]),
                    "rules": ", ".join(
                        f"{key[len(REJECTED_PREFIX) :].replace('_', ' ')} {_count(value)}"
                        for key, value in row.items()
                        if key.startswith(REJECTED_PREFIX) and value
                    ),
                }
                for row in rows
            ],
            "totals": [
                _count(sum(int(r[k]) for r in rows))
                for k in ("rows_read", "rows_staged", "rows_rejected")
            ],
        }
    rules = None
    if quality.get("rules"):
        broken = [
            {
                **row,
                "records_failing": _count(row["records_failing"]),
                "children_affected": _count(row["children_affected"]),
            }
            for row in quality["rules"]
            if row["records_failing"]
        ]
        rules = {
            "broken": broken,
            "count": len(quality["rules"]),
            "passed": len(quality["rules"]) - len(broken),
        }
    return {"load": load, "rules": rules}


def split_sections(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [
        list(group)
        for _, group in groupby(rows, key=lambda r: (r.get("section_order"), r.get("section_id")))
    ]


def _shown(value: Any) -> Any:
    """What a template prints for a value: nothing for a null (an empty mart cell)."""
    return "" if value is None else value


def _environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, an unknown name is an error, a null prints as
    nothing."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_shown,
        keep_trailing_newline=True,
    )


def render_html(
    rows: list[dict[str, Any]],
    la_code: str,
    report_date: dt.date,
    labels: dict[str, list[tuple[str, str]]],
    comparators: dict[str, list[str]] | None = None,
    series: dict[str, dict[str, Any]] | None = None,
    commentary: dict[str, str] | None = None,
    quality: dict[str, list[dict[str, Any]]] | None = None,
    table_cells: list[dict[str, Any]] | None = None,
    la_name: str | None = None,
) -> str:
    sections = split_sections(rows)
    tables = cells_tables(table_cells or [])
    placed = {(r.get("section_id"), r.get("report_row")) for r in rows}
    for (section_id, report_row), unplaced in tables.items():
        if (section_id, report_row) not in placed:
            names = ", ".join(repr(t["table_id"]) for t in unplaced)
            raise ReportError(
                f"{TABLES}: table {names} is placed at section {section_id!r}, report_row "
                f"{report_row}, which the report does not have"
            )
    views = [
        section_view(s, i, comparators or {}, series or {}, commentary or {}, tables)
        for i, s in enumerate(sections, start=1)
    ]
    return (
        _environment()
        .get_template("page.html.j2")
        .render(
            title=f"Performance Framework: {la_name or la_code}, "
            f"data as at {long_date(report_date)}",
            la_code=la_code,
            la_name=la_name or la_code,
            report_date_iso=report_date.isoformat(),
            report_date_long=long_date(report_date),
            sections=views,
            key=key_view(labels, rows[0].get("year_3_label") if rows else None),
            quality=appendix_view(quality),
            source=MART,
        )
    )


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
        "--out",
        type=Path,
        default=Path(DEFAULT_OUT),
        help=f"output folder (default: {DEFAULT_OUT})",
    )
    parser.add_argument(
        "--report-date",
        default=None,
        help="report date YYYY-MM-DD (default: the latest report_date in the mart)",
    )
    parser.add_argument(
        "--la-code",
        default=None,
        help="local authority code (default: the only one in the mart at the report date); "
        f"{ALL_AUTHORITIES!r}: every authority of the report date, each in OUT/<la_code>/",
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
        labels = load_labels(con)
        own_publication = is_publication_authority(con, date, str(code))
        comparators = load_comparators(con, date, str(code), own_publication)
        table_cells = load_table_cells(con, date, str(code))
        try:
            series = load_series(con, date, str(code))
        except duckdb.Error as exc:
            raise ReportError(f"cannot read the trend series: {exc}") from exc
        quality = load_data_quality(con)
        la_name = authority_name(con, str(code))
        if not own_publication:
            commentary_dir = None
    finally:
        con.close()
    section_ids = sorted({str(r["section_id"]) for r in rows})
    commentary, warnings = load_commentary(commentary_dir, date, section_ids)
    for message in warnings:
        (warn or (lambda m: print(f"render_report: warning: {m}", file=sys.stderr)))(message)
    page = render_html(
        rows,
        str(code),
        date,
        labels,
        comparators,
        series,
        commentary,
        quality,
        table_cells,
        la_name,
    )
    path = out_dir / f"performance_framework_{date.isoformat()}.html"
    with outputs_common.owner_only():
        out_dir.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
    path.chmod(0o600)
    return path


def authorities_of_report_date(database: Path, report_date: str | None) -> list[str]:
    """Every authority in the mart at the report date (default: the latest)."""
    con = connect(database)
    try:
        date = resolve_report_date(con, report_date)
        return [
            str(code)
            for code in _scalar_list(
                con,
                f"select distinct la_code from {MART} where report_date = ? order by la_code",
                [date],
            )
        ]
    finally:
        con.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.la_code == ALL_AUTHORITIES:
            codes = authorities_of_report_date(args.database, args.report_date)
            targets = [(code, args.out / code) for code in codes]
        else:
            targets = [(args.la_code, args.out)]
        paths = [
            render_report(args.database, out, args.report_date, code, args.commentary)
            for code, out in targets
        ]
    except ReportError as exc:
        print(f"render_report: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    if args.pdf:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import print_report_pdf  # noqa: E402  (beside this script; needs Chromium)

        for path in paths:
            try:
                pdf = print_report_pdf.print_pdf(path)
            except print_report_pdf.PdfError as exc:
                print(f"render_report: {exc}", file=sys.stderr)
                return 1
            print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
