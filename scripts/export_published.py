#!/usr/bin/env python3
"""Export the report for publication: small numbers suppressed, one CSV per report date.

Reads ``marts.rpt_performance_framework_published`` (the suppressed variant; never the internal
``rpt_performance_framework``) from the DuckDB file, opened read-only, and writes
``<out>/<report_date>/performance_framework.csv``: a header row with the model's columns,
then one row per authority and measure in section and row order. The suppression rule is the
doc block ``publication_suppression_rule`` (models/marts/published/_published__docs.md).
The file's path is printed as the last line.

Usage:
    python scripts/export_published.py --database build/csc_performance.duckdb
    python scripts/export_published.py --report-date 2016-07-31 --out /shared/publication

Defaults: ``--database`` from ``CSC_DUCKDB_PATH``, else ``build/csc_performance.duckdb``;
``--out`` ``build/exports/published``; ``--report-date`` the latest report date in the model.

Standard library and duckdb only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_common  # noqa: E402  (beside this script)

PUBLISHED = "marts.rpt_performance_framework_published"
DEFAULT_DATABASE = "build/csc_performance.duckdb"
DEFAULT_OUT = "build/exports/published"
FILE_NAME = "performance_framework.csv"


class ExportError(Exception):
    """A problem the user can fix (no database, no published model, no such date)."""


def _columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    schema, table = PUBLISHED.split(".")
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    if not rows:
        raise ExportError(f"{PUBLISHED} is not in the database: run `dbt build` first")
    return [name for (name,) in rows]


def _report_date(con: duckdb.DuckDBPyConnection, requested: str | None) -> dt.date:
    dates = [
        d
        for (d,) in con.execute(
            f"select distinct report_date from {PUBLISHED} order by 1"
        ).fetchall()
    ]
    return outputs_common.choose_report_date(dates, requested, PUBLISHED, ExportError)


def export(database: Path, out: Path, report_date: str | None = None) -> Path:
    """Write the published CSV for one report date and return its path."""
    if not database.exists():
        raise ExportError(f"{database} does not exist: run `make build` first")
    with duckdb.connect(str(database), read_only=True) as con:
        columns = _columns(con)
        date = _report_date(con, report_date)
        order = [
            c for c in ("la_code", "section_order", "row_order", "indicator_id") if c in columns
        ]
        rows = con.execute(
            f"select {', '.join(columns)} from {PUBLISHED} where report_date = ? "
            f"order by {', '.join(order)}",
            [date],
        ).fetchall()
    target = out / date.isoformat() / FILE_NAME
    with outputs_common.owner_only():
        target.parent.mkdir(parents=True, exist_ok=True)
    outputs_common.write_csv(target, columns, rows)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database", type=Path, default=Path(os.environ.get("CSC_DUCKDB_PATH") or DEFAULT_DATABASE)
    )
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT))
    parser.add_argument("--report-date", default=None)
    args = parser.parse_args(argv)
    try:
        path = export(args.database, args.out, args.report_date)
    except ExportError as error:
        print(f"export_published: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
