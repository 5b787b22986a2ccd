"""Print, after a build, what happened to every extract's rows: read, staged, rejected by rule.

Reads marts.fct_extract_load_summary and, independently, counts the rows of each raw table
(what `dbt seed` loaded) so that a row lost between the file and staging shows even if the
build's own test was skipped. With --show N it also lists the first N rejected rows of each
extract with the rules they break (from internal.stg_extracts__rejects), named like the
validator names a cell: file, line, rule and column, never the value.

Usage: python scripts/rejects_summary.py [--database FILE] [--show N]
Exit status: 1 when an extract's rows read differ from rows staged + rejected, else 0 (rejected
rows do not fail the run: they are reported).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = os.environ.get(
    "CSC_DUCKDB_PATH", str(PROJECT_DIR / "build" / "csc_performance.duckdb")
)
RULE_PREFIX = "rejected_"


def summary(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    cursor = connection.execute("select * from marts.fct_extract_load_summary order by 1")
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    raw_tables = {
        name
        for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'"
        ).fetchall()
    }
    for row in rows:
        name = row["extract_name"]
        row["rows_loaded"] = (
            connection.execute(f'select count(*) from raw."{name}"').fetchone()[0]
            if name in raw_tables
            else None
        )
    return rows


# a raw value in a reason: a JSON string, a number or null after "column="
RAW_VALUE = re.compile(r'=("(?:[^"\\]|\\.)*"|null|-?[0-9][0-9.eE+-]*)')


def without_values(reasons: str) -> str:
    """The reasons with each raw value left out: the build's output (CI logs included) names
    the line, the column and the rule, never a child's value, which stays in the internal
    rejects table."""
    return RAW_VALUE.sub("", reasons)


REJECTS = "stg_extracts__rejects"


def rejected_examples(connection, limit: int) -> dict[str, list[tuple]]:
    """{extract: [(line, reasons without values)]}, the first `limit` rejected rows of each."""
    (exists,) = connection.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'internal' and table_name = ?",
        [REJECTS],
    ).fetchone()
    if not exists:
        return {}
    examples: dict[str, list[tuple]] = {}
    for extract_name, line_number, reasons in connection.execute(
        "select extract_name, line_number, reject_reasons from ("
        "select extract_name, line_number, reject_reasons, row_number() over ("
        "partition by extract_name order by line_number) as listed "
        f"from internal.{REJECTS}) as numbered where listed <= ? order by 1, 2",
        [limit],
    ).fetchall():
        examples.setdefault(extract_name, []).append((line_number, without_values(reasons)))
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="the built DuckDB file")
    parser.add_argument("--show", type=int, default=3, help="rejected rows listed per extract")
    args = parser.parse_args(argv)

    path = Path(args.database)
    if not path.exists():
        print(f"database not found: {path} (run the build first)", file=sys.stderr)
        return 1
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = summary(connection)
        examples = rejected_examples(connection, args.show) if args.show else {}

    lost = []
    print("Extract load summary (rows read = staged + rejected):")
    print(f"  {'extract':<32}{'read':>9}{'staged':>9}{'rejected':>9}  rejects by rule")
    for row in rows:
        rules = ", ".join(
            f"{key[len(RULE_PREFIX) :]} {value}"
            for key, value in row.items()
            if key.startswith(RULE_PREFIX) and value
        )
        print(
            f"  {row['extract_name']:<32}{row['rows_read']:>9}{row['rows_staged']:>9}"
            f"{row['rows_rejected']:>9}  {rules or '-'}"
        )
        if row["rows_loaded"] is not None and row["rows_loaded"] != row["rows_read"]:
            lost.append(
                f"{row['extract_name']}: {row['rows_loaded']} rows loaded but "
                f"{row['rows_read']} staged + rejected"
            )
    rejected_total = sum(row["rows_rejected"] for row in rows)
    if rejected_total:
        print(f"{rejected_total} row(s) rejected; listed with their values in internal.{REJECTS}:")
        for extract_name, listed in examples.items():
            for line_number, reasons in listed:
                print(f"  {extract_name}.csv: line {line_number}: {reasons}")
    for message in lost:
        print(f"ROWS LOST: {message}", file=sys.stderr)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
