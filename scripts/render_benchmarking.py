#!/usr/bin/env python3
"""Render the regional benchmarking page: every council of the pool, measure by measure.

Reads ``marts.rpt_regional_benchmarking`` (one row per report date, measure, comparison and
council: the Latest and the last full year, each council's value, rank and quartile band in the
pool, the region's and England's aggregates) and writes one self-contained HTML page in the
report's style (scripts/report_templates/report.css): for each section, each measure with two
small charts, the Latest and the last full year, where every council is a dot on the measure's
scale, the pool's four quartile bands (A, the best quarter, to D) are shaded behind them, and the
region's and England's aggregates are marked; under them, the councils' figures in a table.
Council-level figures only: no child is listed.

    .venv/bin/python scripts/render_benchmarking.py --database build/west_midlands/csc_performance.duckdb \
        --out build/west_midlands/report

Writes OUT/benchmarking_<report_date>.html (owner-only). Exit status 1 with a message when the
mart is missing or holds no row for the report date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outputs_common  # noqa: E402
import render_report  # noqa: E402

MART = "marts.rpt_regional_benchmarking"
COMPARISONS = [("latest", "Latest"), ("last_full_year", "Last full year")]
BANDS = ["A", "B", "C", "D"]
WIDTH = 300
HEIGHT = 46
MARGIN = 14
AXIS_Y = 30


class BenchmarkingError(Exception):
    pass


def load_rows(database: Path, report_date: str | None) -> tuple[dt.date, list[dict[str, Any]]]:
    con = render_report.connect(database)
    try:
        if not render_report.table_exists(con, MART):
            raise BenchmarkingError(f"{MART} is not in the database: run `dbt build` first")
        dates = [r[0] for r in con.execute(f"select distinct report_date from {MART}").fetchall()]
        date = outputs_common.choose_report_date(
            sorted(dates), report_date, MART, BenchmarkingError
        )
        cursor = con.execute(
            f"select * from {MART} where report_date = ? "
            "order by section_order, row_order, indicator_id, comparison, la_name",
            [date],
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    if not rows:
        raise BenchmarkingError(f"{MART} has no row for {date.isoformat()}")
    return date, rows


def _x(value: float, low: float, high: float) -> float:
    if high == low:
        return WIDTH / 2
    return round(MARGIN + (value - low) / (high - low) * (WIDTH - 2 * MARGIN), 1)


POLARITY_WORDS = {
    "high": "higher is better",
    "low": "lower is better",
    "neutral": "neither higher nor lower is better",
}


def strip_chart(councils: list[dict[str, Any]], polarity: str) -> dict[str, Any] | None:
    """One comparison's drawing: a dot per council on the measure's scale, the quartile bands
    (from each band's lowest to its highest value) behind, the aggregates as marks."""
    valued = [c for c in councils if c["value"] is not None]
    if not valued:
        return None
    first = valued[0]
    marks = [
        ("region", first["region_name"] or "Region", first["region_value"]),
        ("england", "England (pool)", first["england_value"]),
    ]
    values = [c["value"] for c in valued] + [v for _, _, v in marks if v is not None]
    low, high = min(values), max(values)
    bands = []
    for band in BANDS:
        members = [c["value"] for c in valued if c["quartile_band"] == band]
        if members:
            x1, x2 = _x(min(members), low, high), _x(max(members), low, high)
            bands.append({"band": band, "x": x1 - 3, "width": round(x2 - x1 + 6, 1)})
    dots = [
        {
            "x": _x(c["value"], low, high),
            "band": c["quartile_band"] or "none",
            "title": f"{c['la_name']}: {c['value_text']}"
            + (
                f", rank {c['rank_in_pool']} of {c['pool_councils_counted']}"
                if c["rank_in_pool"]
                else ""
            )
            + (f", band {c['quartile_band']}" if c["quartile_band"] else ""),
        }
        for c in valued
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "axis": {"x1": MARGIN, "x2": WIDTH - MARGIN, "y": AXIS_Y},
        "bands": bands,
        "dots": dots,
        "marks": [
            {"css": css, "x": _x(value, low, high), "title": f"{label}: {value:.1f}"}
            for css, label, value in marks
            if value is not None
        ],
        "low": f"{low:.1f}",
        "high": f"{high:.1f}",
        "title": f"{len(valued)} councils; {POLARITY_WORDS.get(polarity, polarity)}",
    }


def measures_view(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sections of measures, each measure with its two comparisons' charts and councils."""
    sections: OrderedDict[str, dict[str, Any]] = OrderedDict()
    by_measure: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for row in rows:
        section = sections.setdefault(
            row["section_id"], {"name": row["section_name"], "measures": []}
        )
        measure = by_measure.get(row["indicator_id"])
        if measure is None:
            measure = {
                "indicator_id": row["indicator_id"],
                "wording": row["document_wording"],
                "polarity": row["polarity"],
                "comparisons": {key: [] for key, _ in COMPARISONS},
                "periods": {},
            }
            by_measure[row["indicator_id"]] = measure
            section["measures"].append(measure)
        measure["comparisons"][row["comparison"]].append(row)
        measure["periods"][row["comparison"]] = row["period_label"]
    for measure in by_measure.values():
        measure["charts"] = [
            {
                "label": label,
                "period": measure["periods"].get(key, ""),
                "chart": strip_chart(measure["comparisons"][key], measure["polarity"]),
            }
            for key, label in COMPARISONS
        ]
        latest = {r["la_code"]: r for r in measure["comparisons"]["latest"]}
        last = {r["la_code"]: r for r in measure["comparisons"]["last_full_year"]}
        measure["councils"] = [
            {
                "la_name": r["la_name"],
                "latest": r,
                "last": last.get(code),
            }
            for code, r in latest.items()
        ]
    return [
        {"anchor": f"s-{section_id}", "name": s["name"], "measures": s["measures"]}
        for section_id, s in sections.items()
    ]


def render_html(report_date: dt.date, rows: list[dict[str, Any]]) -> str:
    first = rows[0]
    councils = sorted({r["la_name"] for r in rows})
    return (
        render_report._environment()
        .get_template("benchmarking.html.j2")
        .render(
            title=f"Regional benchmarking: {first['region_name'] or 'the pool'}, "
            f"data as at {render_report.long_date(report_date)}",
            region_name=first["region_name"] or "the pool",
            councils=councils,
            england_councils=first["england_councils"],
            report_date_iso=report_date.isoformat(),
            report_date_long=render_report.long_date(report_date),
            sections=measures_view(rows),
            source=MART,
        )
    )


def render_benchmarking(database: Path, out_dir: Path, report_date: str | None = None) -> Path:
    date, rows = load_rows(database, report_date)
    page = render_html(date, rows)
    path = out_dir / f"benchmarking_{date.isoformat()}.html"
    with outputs_common.owner_only():
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    path.chmod(0o600)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CSC_DUCKDB_PATH") or render_report.DEFAULT_DATABASE),
    )
    parser.add_argument("--out", type=Path, default=Path(render_report.DEFAULT_OUT))
    parser.add_argument("--report-date", default=None)
    args = parser.parse_args(argv)
    try:
        path = render_benchmarking(args.database, args.out, args.report_date)
    except (BenchmarkingError, render_report.ReportError) as exc:
        print(f"render_benchmarking: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
