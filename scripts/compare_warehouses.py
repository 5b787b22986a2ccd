#!/usr/bin/env python3
"""Compare the tables of two builds, row for row: the check behind a refactor that must not
change what the marts hold.

For every table or view of the chosen schemas in either DuckDB file, prints its row count in
each, the columns only one of them has, and the rows of each side missing from the other
(``except all`` both ways, over the columns both have, so a duplicated row counts). Exits 1
when any table differs (rows, or a table or column missing from the second file), else 0.

Usage:
    python scripts/compare_warehouses.py --before /tmp/before.duckdb --after build/csc_performance.duckdb
    python scripts/compare_warehouses.py --before a.duckdb --after b.duckdb --schemas marts internal
    python scripts/compare_warehouses.py ... --ignore-table marts.fct_indicator_values

Both files are opened read-only. A table that only the second file has is listed as added,
and is not a difference; a column the second file adds is listed, and the rows are compared
over the columns both have. The children's pseudonyms are compared as values: build both
with the same CSC_PSEUDONYMISATION_KEY.

Standard library and duckdb only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

DEFAULT_SCHEMAS = ("marts", "internal")


def relations(
    con: duckdb.DuckDBPyConnection, catalog: str, schemas: list[str]
) -> dict[str, list[str]]:
    """{schema.table: [columns in order]} for the schemas' tables and views."""
    rows = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = ? and table_schema in (select unnest(?)) "
        "order by table_schema, table_name, ordinal_position",
        [catalog, schemas],
    ).fetchall()
    found: dict[str, list[str]] = {}
    for schema, table, column in rows:
        found.setdefault(f"{schema}.{table}", []).append(column)
    return found


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def compare(before: Path, after: Path, schemas: list[str], ignored: set[str]) -> int:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as before_build (read_only)")
    con.execute(f"attach '{after}' as after_build (read_only)")
    old = relations(con, "before_build", schemas)
    new = relations(con, "after_build", schemas)
    differing = 0
    for name in sorted(set(old) | set(new)):
        if name in ignored:
            print(f"{name}: ignored")
            continue
        if name not in new:
            print(f"{name}: MISSING from {after}")
            differing += 1
            continue
        if name not in old:
            print(f"{name}: added ({len(new[name])} columns)")
            continue
        common = [c for c in old[name] if c in new[name]]
        removed = [c for c in old[name] if c not in new[name]]
        added = [c for c in new[name] if c not in old[name]]
        columns = ", ".join(quoted(c) for c in common)
        schema, table = name.split(".")
        left = f"before_build.{quoted(schema)}.{quoted(table)}"
        right = f"after_build.{quoted(schema)}.{quoted(table)}"
        (count_before,) = con.execute(f"select count(*) from {left}").fetchone()
        (count_after,) = con.execute(f"select count(*) from {right}").fetchone()
        (only_before,) = con.execute(
            f"select count(*) from (select {columns} from {left} except all select {columns} from {right})"
        ).fetchone()
        (only_after,) = con.execute(
            f"select count(*) from (select {columns} from {right} except all select {columns} from {left})"
        ).fetchone()
        same = only_before == 0 and only_after == 0 and not removed
        differing += 0 if same else 1
        notes = []
        if added:
            notes.append(f"added columns {', '.join(added)}")
        if removed:
            notes.append(f"REMOVED columns {', '.join(removed)}")
        print(
            f"{name}: {'identical' if same else 'DIFFERS'} "
            f"(rows {count_before} / {count_after}; only before {only_before}, only after {only_after}"
            + (f"; {'; '.join(notes)}" if notes else "")
            + ")"
        )
    print(f"{differing} relation(s) differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--schemas", nargs="+", default=list(DEFAULT_SCHEMAS))
    parser.add_argument("--ignore-table", action="append", default=[], help="schema.table to skip")
    args = parser.parse_args(argv)
    for path in (args.before, args.after):
        if not path.exists():
            print(f"{path} does not exist", file=sys.stderr)
            return 2
    return compare(args.before, args.after, args.schemas, set(args.ignore_table))


if __name__ == "__main__":
    sys.exit(main())
