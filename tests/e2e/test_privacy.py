"""Children's data: what leaves staging, what leaves the building, and who can read the files.

Issue 4, item 4: child identifiers are pseudonymised (a keyed hash, the key from the
environment) in every model analysts query; the source identifier survives only in the
`internal` schema; no exact date of birth, UPN or full postcode after staging; the published
outputs carry no child-level rows; the DuckDB file and the exports are readable by their owner
only. The personal columns are those the extract contract marks (meta.personal_columns in
seeds/_extracts__seeds.yml).

Runs on the built warehouse (`make build`), as `make test` does.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
import subprocess
from pathlib import Path

import duckdb
import pytest

from .conftest import PROJECT_DIR

# the schemas where a child is a pseudonym (the analysts' copy, build/csc_analytics.duckdb,
# takes reference, intermediate and marts from them); `raw` holds the extracts as delivered,
# `internal` the lists teams use to find and correct records
PSEUDONYMISED_SCHEMAS = ("staging", "intermediate", "marts", "reference")
# schemas after staging: no exact date of birth or death, no personal column of any kind
DOWNSTREAM_SCHEMAS = ("intermediate", "marts", "reference")
PUBLISHED_MODELS = ("rpt_performance_framework", "rpt_performance_framework_published")
KEY_VARIABLE = "CSC_PSEUDONYMISATION_KEY"
# columns that would name or address a person, whatever the extract calls them
PERSON_COLUMN = re.compile(
    r"(child_|first_|last_|full_|given_|family_)?names?|forenames?|surname|upn|uln|nhs_number"
    r"|address(_line_?[0-9])?|date_of_(birth|death)|postcode"
)
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}")
MONTHS = [
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
]


def _seed_meta(manifest: dict) -> dict[str, dict]:
    return {
        node["name"]: node["config"].get("meta", {})
        for node in manifest["nodes"].values()
        if node["resource_type"] == "seed" and "required_columns" in node["config"].get("meta", {})
    }


@pytest.fixture(scope="module")
def personal_columns(manifest) -> dict[str, list[str]]:
    columns = {
        name: meta.get("personal_columns", []) for name, meta in _seed_meta(manifest).items()
    }
    assert columns["carefirst_children"], "the contract marks no personal column"
    return columns


@pytest.fixture(scope="module")
def scratch(database_path: Path):
    """An in-memory connection with the warehouse attached read-only under its own name (the
    views refer to it by that name) and room for temporary tables."""
    connection = duckdb.connect()
    connection.execute(f"attach '{database_path}' as \"{database_path.stem}\" (read_only)")
    connection.execute(f'use "{database_path.stem}"')
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def identifying_values(scratch, personal_columns) -> set[str]:
    """Every child identifier, UPN and full postcode in the raw extracts."""
    values: set[str] = set()
    for table, columns in personal_columns.items():
        for column in columns:
            if "date" in column:
                continue
            values.update(
                value
                for (value,) in scratch.execute(
                    f'select distinct trim("{column}") from raw."{table}" '
                    f"where nullif(trim(\"{column}\"), '') is not null"
                ).fetchall()
            )
    assert len(values) > 1000, "too few identifiers: are the extracts loaded?"
    return values


def _columns(connection, schemas) -> list[tuple[str, str, str, str]]:
    placeholders = ", ".join("?" for _ in schemas)
    return connection.execute(
        "select table_schema, table_name, column_name, data_type "
        f"from information_schema.columns where table_schema in ({placeholders}) "
        "order by 1, 2, ordinal_position",
        list(schemas),
    ).fetchall()


def _identifiers_found(connection, schemas, identifying_values: set[str]) -> list[str]:
    """Text columns of the schemas' tables and views holding any of the values."""
    connection.execute(
        "create or replace temp table identifying as "
        "select unnest(cast($values as varchar[])) as value",
        {"values": sorted(identifying_values)},
    )
    found = []
    for schema, table, column, data_type in _columns(connection, schemas):
        if data_type != "VARCHAR":
            continue
        (count,) = connection.execute(
            f'select count(*) from {schema}."{table}" '
            f'where trim("{column}") in (select value from identifying)'
        ).fetchone()
        if count:
            found.append(f"{schema}.{table}.{column}: {count} row(s)")
    return found


def test_no_model_after_staging_has_a_personal_column(warehouse, personal_columns):
    personal = {column for columns in personal_columns.values() for column in columns}
    wrong = [
        f"{schema}.{table}.{column}"
        for schema, table, column, _ in _columns(warehouse, DOWNSTREAM_SCHEMAS)
        if column in personal
        or "postcode" in column
        and not column.endswith("_district")
        or PERSON_COLUMN.fullmatch(column)
    ]
    assert wrong == []


def test_staging_keeps_only_the_date_of_birth_and_the_pseudonym(warehouse, personal_columns):
    """Staging swaps child_id for child_key, drops the UPN and cuts postcodes to districts; the
    exact dates of birth and death stay (ages are computed from them downstream)."""
    allowed_in_staging = {"date_of_birth", "date_of_death"}
    personal = {column for columns in personal_columns.values() for column in columns}
    wrong = [
        f"{table}.{column}"
        for _, table, column, _ in _columns(warehouse, ("staging",))
        if column in personal - allowed_in_staging
        or "postcode" in column
        and not column.endswith("_district")
    ]
    assert wrong == []


def test_no_identifier_value_in_any_model_analysts_query(scratch, identifying_values):
    """Not one child identifier, UPN or full postcode of the extracts, in any text column of
    any table or view of the analysts' schemas, whatever the column is called."""
    assert _identifiers_found(scratch, PSEUDONYMISED_SCHEMAS, identifying_values) == []


@pytest.fixture(scope="module")
def analyst_database(database_path: Path) -> Path:
    path = database_path.with_name("csc_analytics.duckdb")
    assert path.is_file(), f"{path} does not exist: run `make build` (scripts/analyst_database.py)"
    return path


def test_the_analysts_copy_holds_only_their_schemas(analyst_database, identifying_values):
    """build/csc_analytics.duckdb: reference, intermediate and marts, with no identifier."""
    with duckdb.connect(str(analyst_database), read_only=True) as connection:
        schemas = {
            name
            for (name,) in connection.execute(
                "select schema_name from information_schema.schemata "
                "where catalog_name = current_database()"
            ).fetchall()
        } - {"main", "information_schema", "pg_catalog"}
        assert schemas == {"reference", "intermediate", "marts"}
        assert _identifiers_found(connection, tuple(sorted(schemas)), identifying_values) == []
        (tables,) = connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'marts'"
        ).fetchone()
        assert tables >= 5


def test_month_of_birth_is_the_most_after_staging(warehouse):
    birth_columns = [
        (schema, table, column)
        for schema, table, column, _ in _columns(warehouse, DOWNSTREAM_SCHEMAS)
        if "birth" in column
    ]
    assert birth_columns, "no month of birth downstream: has the snapshot model changed?"
    for schema, table, column in birth_columns:
        assert column.endswith("birth_month"), f"{schema}.{table}.{column}"
        (not_first,) = warehouse.execute(
            f'select count(*) from {schema}."{table}" where day("{column}") <> 1'
        ).fetchone()
        assert not_first == 0, f"{schema}.{table}.{column} holds exact dates"


def test_pseudonyms_are_the_keyed_hash_of_the_identifier(warehouse):
    rows = warehouse.execute(
        "select child_id, child_key from internal.stg_extracts__child_pseudonyms"
    ).fetchall()
    assert rows
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for _, key in rows)
    assert not {child_id for child_id, _ in rows} & {key for _, key in rows}
    key = os.environ.get(KEY_VARIABLE)
    if not key:
        pytest.skip(f"{KEY_VARIABLE} is not set here (make test sets it)")
    wrong = [
        child_id
        for child_id, child_key in rows
        if hmac.new(key.encode(), child_id.encode(), hashlib.sha256).hexdigest() != child_key
    ]
    assert wrong == []


# staging models whose child is optional (the contract's optional child_id: a pupil known to
# social care), with their raw extract: every child_id given has its pseudonym
OPTIONAL_CHILD = {
    "stg_education__census_registrations": "education_school_census",
    "stg_yot__young_people": "yot_young_people",
}


def test_every_staged_child_has_a_pseudonym(warehouse):
    tables = [
        table for _, table, column, _ in _columns(warehouse, ("staging",)) if column == "child_key"
    ]
    assert len(tables) >= 10
    for table in tables:
        if table in OPTIONAL_CHILD:
            (given,) = warehouse.execute(
                f'select count(*) from raw."{OPTIONAL_CHILD[table]}" '
                "where nullif(trim(child_id), '') is not null"
            ).fetchone()
            (keyed,) = warehouse.execute(
                f'select count(child_key) from staging."{table}"'
            ).fetchone()
            assert given > 0 and keyed == given, table
            continue
        (missing,) = warehouse.execute(
            f'select count(*) from staging."{table}" where child_key is null'
        ).fetchone()
        assert missing == 0, table


def _files_holding_secrets_or_data() -> list[Path]:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    ).stdout.split()
    files = [PROJECT_DIR / name for name in tracked]
    for folder in ("target", "logs", "build/report", "build/exports"):
        files += [p for p in (PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return [p for p in files if p.is_file()]


def test_the_key_is_written_nowhere(database_path):
    """Not in the repository, dbt's compiled SQL, manifest or logs, the report, the exports,
    or the DuckDB file (view definitions included)."""
    key = os.environ.get(KEY_VARIABLE)
    if not key:
        pytest.skip(f"{KEY_VARIABLE} is not set here (make test sets it)")
    needle = key.encode()
    holding = [
        str(path.relative_to(PROJECT_DIR))
        for path in _files_holding_secrets_or_data() + [database_path]
        if needle in path.read_bytes()
    ]
    assert holding == []


def _published_texts(project_dir: Path) -> dict[str, str]:
    texts = {}
    for path in sorted((project_dir / "build" / "exports" / "published").rglob("*.csv")):
        texts[str(path.relative_to(project_dir))] = path.read_text(encoding="utf-8")
    for path in sorted((project_dir / "build" / "report").glob("*.html")):
        texts[str(path.relative_to(project_dir))] = path.read_text(encoding="utf-8")
    for path in sorted((project_dir / "build" / "report").glob("*.pdf")):
        texts[str(path.relative_to(project_dir))] = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return texts


@pytest.fixture(scope="module")
def published_texts(project_dir) -> dict[str, str]:
    texts = _published_texts(project_dir)
    kinds = {Path(name).suffix for name in texts}
    assert {".csv", ".html", ".pdf"} <= kinds, f"build the report and the export first: {texts}"
    return texts


def test_published_models_have_no_child_level_column(warehouse):
    for model in PUBLISHED_MODELS:
        columns = [
            name
            for (name,) in warehouse.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'marts' and table_name = ?",
                [model],
            ).fetchall()
        ]
        assert columns, model
        child_level = [c for c in columns if c.startswith(("child", "record", "counted_unit"))]
        assert child_level == [], model


def test_published_outputs_name_no_child(published_texts, identifying_values, warehouse):
    pseudonyms = {
        key
        for (key,) in warehouse.execute(
            "select child_key from internal.stg_extracts__child_pseudonyms"
        ).fetchall()
    }
    for name, text in published_texts.items():
        tokens = set(re.findall(r"[A-Za-z0-9]+", text))
        assert not tokens & identifying_values, name
        assert not tokens & pseudonyms, name
        assert not [p for p in POSTCODE.findall(text) if p in identifying_values], name


def _dates_in(text: str) -> list[tuple[int, int, int]]:
    dates = [
        (int(y), int(m), int(d)) for y, m, d in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    ]
    dates += [
        (int(y), int(m), int(d)) for d, m, y in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text)
    ]
    for day, month, year in re.findall(r"\b(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})\b", text):
        number = next((i for i, m in enumerate(MONTHS, 1) if m.startswith(month[:3])), None)
        if number and (month in MONTHS or len(month) == 3):
            dates.append((int(year), number, int(day)))
    return dates


def test_published_outputs_carry_period_dates_only(published_texts):
    """Every full date in the report and the exports is a period's first or last day: no date
    of birth (or any other child's date) can hide among them."""
    import calendar

    assert any(_dates_in(text) for text in published_texts.values())
    for name, text in published_texts.items():
        for year, month, day in _dates_in(text):
            last = calendar.monthrange(year, month)[1]
            assert day in (1, last), f"{name}: {year}-{month:02}-{day:02} is not a period date"


def _owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_the_database_the_key_and_the_outputs_are_readable_by_their_owner_only(
    database_path, analyst_database
):
    paths = [database_path, analyst_database, PROJECT_DIR / "build" / "pseudonymisation.key"]
    for folder in ("build/report", "build/exports"):
        paths += sorted((PROJECT_DIR / folder).rglob("*"))
    existing = [p for p in paths if p.exists()]
    assert database_path in existing
    wrong = [f"{p} ({oct(stat.S_IMODE(p.stat().st_mode))})" for p in existing if not _owner_only(p)]
    assert wrong == []
