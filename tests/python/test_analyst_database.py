"""scripts/analyst_database.py: the analysts' copy keeps reference, intermediate and marts only."""

from __future__ import annotations

import importlib.util
import stat
from pathlib import Path

import duckdb
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "analyst_database.py"
_spec = importlib.util.spec_from_file_location("analyst_database", SCRIPT)
analyst_database = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(analyst_database)


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        for schema in ("raw", "staging", "internal", "intermediate", "marts", "reference"):
            connection.execute(f"create schema {schema}")
        connection.execute("create table raw.children as select 'C1' as child_id")
        connection.execute(
            "create table internal.map as select 'C1' as child_id, 'k1' as child_key"
        )
        connection.execute("create view staging.children as select 'k1' as child_key")
        # a view on a view of another schema, as dbt builds them
        connection.execute("create view intermediate.journeys as select * from staging.children")
        connection.execute("create table marts.values as select 1 as numerator")
        connection.execute("create table reference.population as select 100 as population")
    return path


def test_copies_the_analysts_schemas_as_tables_and_nothing_else(warehouse: Path, tmp_path: Path):
    out = tmp_path / "out" / "analytics.duckdb"
    copied = analyst_database.copy_analyst_schemas(warehouse, out)
    assert copied == {
        "intermediate.journeys": 1,
        "marts.values": 1,
        "reference.population": 1,
    }
    with duckdb.connect(str(out), read_only=True) as connection:
        kinds = connection.execute(
            "select table_schema, table_name, table_type from information_schema.tables order by 1, 2"
        ).fetchall()
    assert kinds == [
        ("intermediate", "journeys", "BASE TABLE"),
        ("marts", "values", "BASE TABLE"),
        ("reference", "population", "BASE TABLE"),
    ]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_second_run_replaces_the_copy(warehouse: Path, tmp_path: Path):
    out = tmp_path / "analytics.duckdb"
    analyst_database.copy_analyst_schemas(warehouse, out)
    assert len(analyst_database.copy_analyst_schemas(warehouse, out)) == 3


def test_a_missing_database_or_the_same_file_is_refused(warehouse: Path, tmp_path: Path):
    with pytest.raises(analyst_database.CopyError, match="database not found"):
        analyst_database.copy_analyst_schemas(tmp_path / "nothing.duckdb", tmp_path / "a.duckdb")
    with pytest.raises(analyst_database.CopyError, match="must differ"):
        analyst_database.copy_analyst_schemas(warehouse, warehouse)
