#!/usr/bin/env python3
"""Export the exception lists: one CSV per measure of the cases that fail it, for teams.

Reads ``internal.fct_indicator_exceptions`` (child-level, with CareFirst identifiers: not for
publication) from the DuckDB file, opened read-only, and writes, for the report date's Latest
period, ``<out>/<report_date>/<indicator_id>.csv`` for every timeliness and completeness
measure: a header row, then one row per failing case (a measure counting children can list
several records for one child), sorted by child, date and record (a pupil's records that
name no child last). A measure with no failing
case gets a file with the header only. One summary line per measure is printed, then the
folder's path as the last line.

The files and folders are created readable by their owner only (umask 077; files 0600,
folders 0700), and an existing file is rewritten with those permissions.

Usage:
    python scripts/export_exceptions.py --database build/csc_performance.duckdb
    python scripts/export_exceptions.py --report-date 2016-07-31 --la-code 336 --out /secure/x

Defaults: ``--database`` from ``CSC_DUCKDB_PATH``, else ``build/csc_performance.duckdb``;
``--out`` ``build/exports/exceptions``; ``--report-date`` the latest ``report_date`` in the
model; ``--la-code`` the only authority at that date (required when there are several).
Relative paths are taken from the current directory, as dbt does for ``CSC_DUCKDB_PATH``.

Standard library and duckdb only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_common  # noqa: E402  (beside this script)

EXCEPTIONS = "internal.fct_indicator_exceptions"
VALUES = "marts.fct_indicator_values"
DEFAULT_DATABASE = "build/csc_performance.duckdb"
DEFAULT_OUT = "build/exports/exceptions"

# The measures with an exception list: each gets a file, even with no failing case. The
# indicator catalogue says which (has_exception_list), in catalogue order.
CATALOGUE = "reference.indicator_catalogue"
MEASURES_SQL = (
    f"select indicator_id from {CATALOGUE} where has_exception_list "
    "order by section_order, row_order, indicator_id"
)

# The columns written, in order (the model's columns less the repeated keys of the file).
COLUMNS = (
    "la_code",
    "indicator_id",
    "report_date",
    "period_label",
    "window_start_date",
    "window_end_date",
    "child_id",
    "record_type",
    "record_id",
    "event_date",
    "due_date",
    "working_days",
    "days_elapsed",
    "reason_code",
    "reason",
)

ORDER_BY = "child_id nulls last, coalesce(event_date, due_date), record_type, record_id"


class ExportError(Exception):
    """A problem the user can fix (no such table, date or authority)."""


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not database.exists():
        raise ExportError(f"{database} does not exist: run `make build` first")
    return duckdb.connect(str(database), read_only=True)


def _scalars(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return [row[0] for row in con.execute(sql, list(params)).fetchall()]


def check_table(con: duckdb.DuckDBPyConnection) -> None:
    schema, table = EXCEPTIONS.split(".")
    found = _scalars(
        con,
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    )
    if not found or not found[0]:
        raise ExportError(f"{EXCEPTIONS} is not in the database: run `dbt build` first")


def resolve_report_date(con: duckdb.DuckDBPyConnection, requested: str | None) -> dt.date:
    dates = _scalars(con, f"select distinct report_date from {VALUES} order by 1")
    return outputs_common.choose_report_date(dates, requested, VALUES, ExportError)


def resolve_la_code(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, requested: str | None
) -> str:
    codes = _scalars(
        con,
        f"select distinct la_code from {VALUES} where report_date = ? order by 1",
        [report_date],
    )
    return outputs_common.choose_la_code(codes, requested, report_date, VALUES, ExportError)


def load_cases(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str, indicator_id: str
) -> list[tuple[Any, ...]]:
    return con.execute(
        f"select {', '.join(COLUMNS)} from {EXCEPTIONS} "
        "where report_date = ? and la_code = ? and indicator_id = ? and period_key = 'latest' "
        f"order by {ORDER_BY}",
        [report_date, la_code, indicator_id],
    ).fetchall()


def load_latest_value(
    con: duckdb.DuckDBPyConnection, report_date: dt.date, la_code: str, indicator_id: str
) -> tuple[Any, ...] | None:
    return con.execute(
        f"select state, numerator, denominator from {VALUES} "
        "where report_date = ? and la_code = ? and indicator_id = ? and period_key = 'latest'",
        [report_date, la_code, indicator_id],
    ).fetchone()


def summary_line(
    indicator_id: str, rows: list[tuple[Any, ...]], value: tuple[Any, ...] | None
) -> str:
    children = len({row[COLUMNS.index("child_id")] for row in rows})
    line = f"{indicator_id}: {len(rows)} case(s), {children} child(ren)"
    if value is None:
        return line + "; not in fct_indicator_values"
    state, numerator, denominator = value
    if state == "computed" and denominator is not None:
        return line + f"; Latest {int(numerator)} of {int(denominator)} pass"
    return line + f"; Latest state {state}"


def make_private_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def export(
    database: Path, out: Path, report_date: str | None = None, la_code: str | None = None
) -> Path:
    with connect(database) as con:
        check_table(con)
        date = resolve_report_date(con, report_date)
        code = resolve_la_code(con, date, la_code)
        catalogued = _scalars(con, MEASURES_SQL)
        measures = catalogued + sorted(
            set(_scalars(con, f"select distinct indicator_id from {EXCEPTIONS}")) - set(catalogued)
        )
        folder = out / date.isoformat()
        with outputs_common.owner_only():
            make_private_dir(out)
            make_private_dir(folder)
            for indicator_id in measures:
                rows = load_cases(con, date, code, indicator_id)
                outputs_common.write_csv(folder / f"{indicator_id}.csv", COLUMNS, rows)
                print(
                    summary_line(
                        indicator_id, rows, load_latest_value(con, date, code, indicator_id)
                    )
                )
    return folder


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("CSC_DUCKDB_PATH") or DEFAULT_DATABASE),
        help="the DuckDB file (default: CSC_DUCKDB_PATH, else %(default)s)",
    )
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help="default %(default)s")
    parser.add_argument("--report-date", help="YYYY-MM-DD (default: the latest in the database)")
    parser.add_argument("--la-code", help="the authority (default: the only one)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        folder = export(args.database, args.out, args.report_date, args.la_code)
    except ExportError as error:
        print(f"export_exceptions: {error}", file=sys.stderr)
        return 1
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
