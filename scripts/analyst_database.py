"""Write the analysts' copy of the warehouse: the schemas analysts query, and nothing else.

The build's DuckDB file holds every layer, the raw extracts and the `internal` schema (source
identifiers, rejected rows, child-level lists) included: it is the pipeline's, readable by its
owner only. Analysts get this copy instead: `reference`, `intermediate` and `marts` as tables
(views materialised), where a child is a pseudonym (`child_key`) and no model carries a name, a
UPN, a full postcode or an exact date of birth. `raw`, `staging` and `internal` are not copied.
The file is created readable by its owner only; share it as the council shares such files.

Usage: python scripts/analyst_database.py [--database FILE] [--out FILE]
Defaults: --database $CSC_DUCKDB_PATH or build/csc_performance.duckdb;
--out build/csc_analytics.duckdb (replaced if present).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs_common  # noqa: E402  (beside this script)

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = os.environ.get("CSC_DUCKDB_PATH") or "build/csc_performance.duckdb"
DEFAULT_OUT = "build/csc_analytics.duckdb"
ANALYST_SCHEMAS = ("reference", "intermediate", "marts")


class CopyError(Exception):
    """A problem the user can fix (no database, ...)."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_analyst_schemas(database: Path, out: Path) -> dict[str, int]:
    """Copy the analysts' schemas to ``out``; return rows per copied table."""
    if not database.is_file():
        raise CopyError(f"database not found: {database} (run the build first)")
    if out.resolve() == database.resolve():
        raise CopyError("--out must differ from --database")
    source = database.stem  # dbt qualifies views with the file's catalog name
    copied: dict[str, int] = {}
    with outputs_common.owner_only():
        out.parent.mkdir(parents=True, exist_ok=True)
        for stale in (out, out.with_name(out.name + ".wal")):
            stale.unlink(missing_ok=True)
        connection = duckdb.connect(str(out))
        try:
            connection.execute(f"attach '{database}' as {_quoted(source)} (read_only)")
            relations = connection.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = ? and table_schema in (?, ?, ?) order by 1, 2",
                [source, *ANALYST_SCHEMAS],
            ).fetchall()
            for schema in ANALYST_SCHEMAS:
                connection.execute(f"create schema if not exists {_quoted(schema)}")
            for schema, table in relations:
                target = f"{_quoted(schema)}.{_quoted(table)}"
                connection.execute(
                    f"create table {target} as "
                    f"select * from {_quoted(source)}.{_quoted(schema)}.{_quoted(table)}"
                )
                copied[f"{schema}.{table}"] = connection.execute(
                    f"select count(*) from {target}"
                ).fetchone()[0]
            connection.execute(f"detach {_quoted(source)}")
        finally:
            connection.close()
    out.chmod(0o600)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path(DEFAULT_DATABASE))
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT))
    args = parser.parse_args(argv)
    try:
        copied = copy_analyst_schemas(args.database, args.out)
    except (CopyError, duckdb.Error) as error:
        print(f"analyst_database: {error}", file=sys.stderr)
        return 1
    schemas = sorted({name.split(".")[0] for name in copied})
    print(
        f"{args.out}: {len(copied)} tables of {', '.join(schemas)} "
        f"({sum(copied.values())} rows); raw, staging and internal left out"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
