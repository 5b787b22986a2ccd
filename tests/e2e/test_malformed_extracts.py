"""Bad input: structural faults stop the run with a clear message; row-level faults are rejected.

Structural faults (a missing or renamed column, an empty file, a wrong delimiter or encoding,
a whole column of the wrong type) stop scripts/validate_extracts.py with a message naming the
file, the line, the column and the rule. Row-level faults (a bad cell, a duplicated identifier,
an end before its start, a date in the future or before 1900, an unknown code) do not stop the
run: a corrupted copy of the demo extracts goes through the load (validator, dbt seed, and dbt
build of the sources, the staging models and the load summary with their tests, into a separate
DuckDB file), and each faulty row lands in the rejects of its
extract (internal.stg_extracts__rejects) with the right rules, while every other row arrives
in staging.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from .conftest import PROJECT_DIR

VALIDATOR = PROJECT_DIR / "scripts" / "validate_extracts.py"
REJECTS_SUMMARY = PROJECT_DIR / "scripts" / "rejects_summary.py"
DBT = Path(sys.executable).parent / "dbt"
EXTRACTION_DATE = "2016-07-31"

# The corrupted run's files, inside the project (dbt seed refuses a folder outside it), one
# folder per test process so that concurrent runs do not share a DuckDB file.
CORRUPTED_ROOT = Path("build") / f"test_corrupted_{os.getpid()}"
CORRUPTED_DIR = CORRUPTED_ROOT / "extracts"
CORRUPTED_DATABASE = CORRUPTED_ROOT / "corrupted.duckdb"
CORRUPTED_TARGET = CORRUPTED_ROOT / "target"

REJECTS = "internal.stg_extracts__rejects"


def _staging_models(manifest: dict) -> dict[str, str]:
    """extract -> its staging model: the model of models/staging/<system>/ that reads the
    extract's source (the contract's extracts are the seeds with meta.required_columns)."""
    extracts = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "seed"
        and node["config"].get("meta", {}).get("required_columns")
    }
    models = {}
    for node in manifest["nodes"].values():
        path = Path(node.get("original_file_path", ""))
        if node["resource_type"] != "model" or path.parts[:2] != ("models", "staging"):
            continue
        sources = [p for p in node["depends_on"]["nodes"] if p.startswith("source.")]
        if len(sources) == 1 and sources[0].split(".")[2] == path.parts[2]:
            models[sources[0].split(".")[-1]] = node["name"]
    assert set(models) == extracts, "an extract without its one staging model"
    return models


def _validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(VALIDATOR), "--extracts", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _rewrite(path: Path, edit) -> None:
    _write(path, edit(_read(path)))


def _set(rows: list[list[str]], line: int, column: str, value: str) -> None:
    """Set a cell by its line in the file (the header is line 1)."""
    rows[line - 1][rows[0].index(column)] = value


@pytest.fixture()
def extracts_copy(tmp_path, extracts_dir) -> Path:
    target = tmp_path / "extracts"
    shutil.copytree(extracts_dir, target)
    return target


# --- structural faults: the validator stops the run ---------------------------------------


def test_the_demo_extracts_pass(extracts_copy):
    result = _validate(extracts_copy)
    assert result.returncode == 0, result.stderr
    assert "Extracts OK" in result.stdout
    assert "carefirst_private_fostering.csv: 15 rows" in result.stdout


def test_a_missing_column_names_the_file_and_the_column(extracts_copy):
    def drop_referral_date(rows):
        index = rows[0].index("referral_date")
        return [row[:index] + row[index + 1 :] for row in rows]

    _rewrite(extracts_copy / "carefirst_referrals.csv", drop_referral_date)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert (
        "carefirst_referrals.csv: line 1: missing column(s) referral_date required by the contract"
        in result.stderr
    )


def test_a_renamed_column_names_the_file_and_the_column(extracts_copy):
    def rename(rows):
        rows[0][rows[0].index("start_date")] = "StartDate"
        return rows

    _rewrite(extracts_copy / "carefirst_cp_plans.csv", rename)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_cp_plans.csv: line 1: missing column(s) start_date" in result.stderr


def test_a_missing_file_is_named(extracts_copy):
    (extracts_copy / "carefirst_cp_plans.csv").unlink()
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_cp_plans.csv: missing" in result.stderr


def test_an_empty_file_is_named(extracts_copy):
    (extracts_copy / "carefirst_lac_reviews.csv").write_bytes(b"")
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_lac_reviews.csv: line 1: the file is empty" in result.stderr


def test_a_semicolon_delimited_file_is_named(extracts_copy):
    path = extracts_copy / "carefirst_children.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_children.csv: line 1" in result.stderr
    assert "comma-separated" in result.stderr


def test_a_file_not_in_utf8_names_the_line_and_the_byte(extracts_copy):
    def accent(rows):
        _set(rows, 5, "home_postcode", "Wolverhampton caf\u00e9")
        return rows

    path = extracts_copy / "carefirst_lac_episodes.csv"
    rows = accent(_read(path))
    with path.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_lac_episodes.csv: line 5: not UTF-8 (byte 0xE9" in result.stderr


def test_a_whole_column_of_the_wrong_type_stops_the_run(extracts_copy):
    def day_first(rows):
        index = rows[0].index("review_date")
        for row in rows[1:]:
            year, month, day = row[index].split("-")
            row[index] = f"{day}/{month}/{year}"
        return rows

    _rewrite(extracts_copy / "carefirst_lac_reviews.csv", day_first)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert (
        "carefirst_lac_reviews.csv: column review_date: the whole column is of the wrong type"
        in result.stderr
    )
    assert "(line 2: '" in result.stderr


def test_a_ragged_row_names_the_line(extracts_copy):
    def extra_field(rows):
        rows[6].append("surplus")
        return rows

    _rewrite(extracts_copy / "carefirst_cp_visits.csv", extra_field)
    result = _validate(extracts_copy)
    assert result.returncode == 1
    assert "carefirst_cp_visits.csv: line 7: 8 fields where the header has 7" in result.stderr


def test_a_bad_cell_is_a_row_level_warning_not_a_stop(extracts_copy):
    def corrupt_third_row(rows):
        _set(rows, 4, "start_date", "31/02/2015")
        return rows

    _rewrite(extracts_copy / "carefirst_lac_episodes.csv", corrupt_third_row)
    result = _validate(extracts_copy)
    assert result.returncode == 0, result.stderr
    assert (
        "carefirst_lac_episodes.csv: line 4, column start_date: '31/02/2015' is not a date "
        "(YYYY-MM-DD): the row will be rejected" in result.stdout
    )


def test_a_personal_value_is_never_printed(extracts_copy):
    """A bad date of birth is found by line and column; the value itself (a child's) is not
    printed (meta.personal_columns in the contract)."""

    def corrupt_birth_date(rows):
        _set(rows, 5, "date_of_birth", "14/03/2009")
        return rows

    _rewrite(extracts_copy / "carefirst_children.csv", corrupt_birth_date)
    result = _validate(extracts_copy)
    assert result.returncode == 0, result.stderr
    assert (
        "carefirst_children.csv: line 5, column date_of_birth: the value (withheld: personal "
        "data) is not a date (YYYY-MM-DD): the row will be rejected" in result.stdout
    )
    assert "14/03/2009" not in result.stdout + result.stderr


# --- row-level faults: the whole pipeline runs, the rows land in the rejects --------------

# extract -> {line in the file: rules the row breaks}; filled by _corrupt
EXPECTED_REJECTS: dict[str, dict[int, str]] = {}
ONLY_IN_A_REJECTED_ROW = "ONLY-IN-A-REJECTED-ROW"
PADDED_LINE = 8  # of carefirst_referrals: staged, with its child_id padded
UNAFFECTED = [
    "carefirst_section47_enquiries",
    "carefirst_cp_visits",
    "carefirst_lac_visits",
    "carefirst_foster_households",
    "carefirst_private_fostering",
]


def _corrupt(folder: Path) -> dict[str, dict[int, str]]:
    """Put each row-level fault in the copy at least once; return the rejects expected."""
    expected: dict[str, dict[int, str]] = {}

    def edit(extract: str, faults: dict[int, tuple[dict[str, str], str]], extra=None):
        path = folder / f"{extract}.csv"
        rows = _read(path)
        for line, (cells, _) in faults.items():
            for column, value in cells.items():
                _set(rows, line, column, value)
        expected[extract] = {line: rules for line, (_, rules) in faults.items()}
        if extra:
            extra(rows, expected[extract])
        _write(path, rows)

    def identifiers_to_pseudonymise(rows, _rejects):
        # a child known only from a rejected row, and an identifier padded with spaces: the
        # pseudonym map lists both as staging reads them (trimmed)
        _set(rows, 6, "child_id", ONLY_IN_A_REJECTED_ROW)
        padded = rows[PADDED_LINE - 1][rows[0].index("child_id")]
        _set(rows, PADDED_LINE, "child_id", f"  {padded} ")

    edit(
        "carefirst_referrals",
        {
            6: ({"referral_date": "31/02/2015"}, "invalid_date"),
            7: ({"referral_date": "2015-06-10", "closure_date": "2015-06-01"}, "end_before_start"),
        },
        extra=identifiers_to_pseudonymise,
    )
    edit(
        "carefirst_children",
        {
            4: ({"sex": "7"}, "unknown_code"),
            5: ({"date_of_birth": "1899-12-31"}, "date_before_1900"),
            6: ({"date_of_birth": "2017-01-15"}, "date_after_extraction"),
            7: (
                {"date_of_birth": "not a date", "sex": "X", "is_uasc": "maybe"},
                "invalid_date,unknown_code",
            ),
        },
    )
    edit(
        "carefirst_cp_plans",
        {
            3: ({"visit_interval_days": "fourteen"}, "invalid_integer"),
            4: ({"initial_category": "ABC"}, "unknown_code"),
        },
    )
    edit("carefirst_cp_conferences", {3: ({"conference_type": "ICPC2"}, "unknown_code")})
    edit(
        "carefirst_lac_reviews",
        {
            3: ({"participation_code": "PN9"}, "unknown_code"),
            4: ({"review_date": "2016-08-15"}, "date_after_extraction"),
        },
    )
    edit(
        "carefirst_assessments",
        {
            3: ({"assessment_id": ""}, "missing_identifier"),
            4: ({"is_child_seen": "X"}, "unknown_code"),
        },
    )

    def duplicate_line_11(rows, rejects):
        rows.append(list(rows[10]))
        rejects[11] = "duplicate_identifier"
        rejects[len(rows)] = "duplicate_identifier"

    edit(
        "carefirst_lac_episodes",
        {
            4: ({"reason_new_episode": "Z"}, "unknown_code"),
            5: ({"legal_status": "X9"}, "unknown_code"),
            6: ({"placement_provider": "PR9"}, "unknown_code"),
        },
        extra=duplicate_line_11,
    )
    return expected


@pytest.fixture(scope="session")
def corrupted_run(extracts_dir):
    """Validator, dbt seed and dbt build over a corrupted copy, into a separate DuckDB file."""
    root = PROJECT_DIR / CORRUPTED_ROOT
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(extracts_dir, PROJECT_DIR / CORRUPTED_DIR)
    EXPECTED_REJECTS.update(_corrupt(PROJECT_DIR / CORRUPTED_DIR))
    env = dict(
        os.environ,
        CSC_EXTRACTS_DIR=str(CORRUPTED_DIR),
        CSC_DUCKDB_PATH=str(CORRUPTED_DATABASE),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
    )
    dbt_options = [
        "--target-path",
        str(CORRUPTED_TARGET),
        "--log-path",
        str(CORRUPTED_DIR.parent / "logs"),
        "--vars",
        f"{{extraction_date: '{EXTRACTION_DATE}'}}",
    ]
    steps = {
        "validate": [sys.executable, str(VALIDATOR), "--extracts", str(CORRUPTED_DIR)],
        "seed": [str(DBT), "seed", "--full-refresh", *dbt_options],
        # the load layer the tests read, with its tests: every source (rows_accounted_for),
        # every staging model and the load summary (the marts downstream of staging are built
        # and tested from the clean extracts by make test's own build)
        "build": [
            str(DBT),
            "build",
            "--select",
            "source:*",
            "staging",
            "+fct_extract_load_summary",
            "--exclude",
            "resource_type:seed",
            *dbt_options,
        ],
        "summary": [
            sys.executable,
            str(REJECTS_SUMMARY),
            "--database",
            str(CORRUPTED_DATABASE),
        ],
    }
    results = {}
    for name, command in steps.items():
        results[name] = subprocess.run(
            command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
        )
        if results[name].returncode != 0:
            break
    yield results
    shutil.rmtree(root, ignore_errors=True)


def _step(corrupted_run, name: str) -> subprocess.CompletedProcess:
    assert name in corrupted_run, f"an earlier step failed: {list(corrupted_run)}"
    result = corrupted_run[name]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="session")
def corrupted_warehouse(corrupted_run):
    _step(corrupted_run, "build")
    connection = duckdb.connect(str(PROJECT_DIR / CORRUPTED_DATABASE), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def staging_models(corrupted_warehouse) -> dict[str, str]:
    """extract -> staging model, from the corrupted run's own manifest."""
    path = PROJECT_DIR / CORRUPTED_TARGET / "manifest.json"
    return _staging_models(json.loads(path.read_text(encoding="utf-8")))


def test_row_level_faults_do_not_stop_the_validator(corrupted_run):
    result = _step(corrupted_run, "validate")
    assert "carefirst_referrals.csv: line 6, column referral_date: '31/02/2015'" in result.stdout
    assert "carefirst_cp_plans.csv: line 3, column visit_interval_days: 'fourteen'" in result.stdout


def test_the_corrupted_extracts_build(corrupted_run):
    _step(corrupted_run, "seed")
    _step(corrupted_run, "build")


def test_each_faulty_row_is_rejected_once_with_its_rules(corrupted_warehouse, staging_models):
    for extract in staging_models:
        rejected = corrupted_warehouse.execute(
            f"select line_number, reject_rules, reject_reasons from {REJECTS} "
            "where extract_name = ?",
            [extract],
        ).fetchall()
        assert {line: rules for line, rules, _ in rejected} == EXPECTED_REJECTS.get(extract, {}), (
            extract
        )
        assert all(reasons for _, _, reasons in rejected)


def test_the_reasons_name_the_column_and_the_raw_value(corrupted_warehouse):
    (reasons, raw_values) = corrupted_warehouse.execute(
        f"select reject_reasons, raw_values from {REJECTS} "
        "where extract_name = 'carefirst_children' and line_number = 7"
    ).fetchone()
    assert 'date_of_birth="not a date"' in reasons
    assert 'sex="X"' in reasons
    assert 'is_uasc="maybe"' in reasons
    # the whole row as in the file, every column of the contract
    row = json.loads(raw_values)
    assert row["date_of_birth"] == "not a date" and row["sex"] == "X" and row["is_uasc"] == "maybe"
    assert list(row)[:2] == ["child_id", "date_of_birth"] and "la_code" in row


def test_the_pseudonym_map_lists_identifiers_as_staging_reads_them(corrupted_warehouse):
    """Every person identifier of every extract, accepted or rejected rows, trimmed, in its
    namespace: a child known only from a rejected row has a pseudonym, a padded identifier is
    its trimmed self, and no identifier is empty or padded."""
    listed = corrupted_warehouse.execute(
        "select identifier_namespace, identifier, pseudonym from internal.stg_extracts__pseudonyms"
    ).fetchall()
    contract = yaml.safe_load((PROJECT_DIR / "seeds" / "_extracts__seeds.yml").read_text())
    namespaces = {
        namespace
        for seed in contract["seeds"]
        for namespace in (seed["config"]["meta"].get("personal_columns") or {}).values()
        if namespace
    }
    assert {namespace for namespace, _, _ in listed} == namespaces
    identifiers = {identifier for _, identifier, _ in listed}
    assert ONLY_IN_A_REJECTED_ROW in identifiers
    assert all(identifier and identifier == identifier.strip() for identifier in identifiers)
    rows = _read(PROJECT_DIR / CORRUPTED_DIR / "carefirst_referrals.csv")
    referral_id = rows[PADDED_LINE - 1][rows[0].index("referral_id")]
    padded = rows[PADDED_LINE - 1][rows[0].index("child_id")]
    assert padded != padded.strip()
    (staged_key,) = corrupted_warehouse.execute(
        "select child_key from staging.stg_carefirst__referrals where referral_id = ?",
        [referral_id],
    ).fetchone()
    (mapped_key,) = corrupted_warehouse.execute(
        "select child_key from internal.stg_extracts__child_pseudonyms where child_id = ?",
        [padded.strip()],
    ).fetchone()
    assert staged_key == mapped_key


def _personal_namespace(extract: str, column: str) -> str | None:
    """The pseudonym namespace the contract gives a personal identifier column, or None."""
    seeds = yaml.safe_load((PROJECT_DIR / "seeds" / "_extracts__seeds.yml").read_text("utf-8"))
    for seed in seeds["seeds"]:
        if seed["name"] == extract:
            return (seed["config"]["meta"].get("personal_columns") or {}).get(column)
    return None


def test_nothing_is_lost(corrupted_warehouse, extracts_dir, staging_models):
    summary = {
        row[0]: row[1:]
        for row in corrupted_warehouse.execute(
            "select extract_name, rows_read, rows_staged, rows_rejected "
            "from marts.fct_extract_load_summary"
        ).fetchall()
    }
    assert set(summary) == set(staging_models)
    for extract, model in staging_models.items():
        in_file = len(_read(PROJECT_DIR / CORRUPTED_DIR / f"{extract}.csv")) - 1
        rejected = len(EXPECTED_REJECTS.get(extract, {}))
        staged = corrupted_warehouse.execute(f"select count(*) from staging.{model}").fetchone()[0]
        assert summary[extract] == (in_file, in_file - rejected, rejected), extract
        assert staged == in_file - rejected, extract
        # the good rows all arrive: every row of the clean file not corrupted is staged
        clean_rows = _read(extracts_dir / f"{extract}.csv")
        key = clean_rows[0][1] if clean_rows[0][0] == "la_code" else clean_rows[0][0]
        index = clean_rows[0].index(key)
        expected_ids = {
            row[index]
            for line, row in enumerate(clean_rows[1:], start=2)
            if line not in EXPECTED_REJECTS.get(extract, {})
        }
        # staging holds the child's pseudonym: the internal map gives the source identifier back
        # (a person identifier of another namespace, e.g. YOIS's young_person_id, likewise)
        namespace = _personal_namespace(extract, key)
        if key == "child_id":
            staged_key = (
                f"child_pseudonyms.child_id from staging.{model} as staged "
                "inner join internal.stg_extracts__child_pseudonyms as child_pseudonyms "
                "using (child_key)"
            )
        elif namespace:
            pseudonym = key.removesuffix("_id") + "_key"
            staged_key = (
                f"pseudonyms.identifier from staging.{model} as staged "
                "inner join internal.stg_extracts__pseudonyms as pseudonyms "
                f"on pseudonyms.pseudonym = staged.{pseudonym} "
                f"and pseudonyms.identifier_namespace = '{namespace}'"
            )
        else:
            staged_key = f"{key} from staging.{model}"
        staged_ids = {
            row[0] for row in corrupted_warehouse.execute(f"select {staged_key}").fetchall()
        }
        assert staged_ids == expected_ids, extract


def test_unaffected_extracts_give_the_clean_figures(corrupted_warehouse, warehouse):
    query = (
        "select * from marts.fct_extract_load_summary where extract_name in ({}) order by 1"
    ).format(", ".join(f"'{name}'" for name in UNAFFECTED))
    corrupted = corrupted_warehouse.execute(query).fetchall()
    assert corrupted and all(row[3] == 0 for row in corrupted)
    try:
        clean = warehouse.execute(query).fetchall()
    except duckdb.CatalogException:
        pytest.skip("the clean build has no fct_extract_load_summary yet")
    assert corrupted == clean


def test_the_rejects_summary_is_printed(corrupted_run):
    result = _step(corrupted_run, "summary")
    assert "Extract load summary" in result.stdout
    assert "carefirst_lac_episodes" in result.stdout
    assert "duplicate_identifier 2" in result.stdout
    assert "unknown_code 3" in result.stdout
    # the rejected rows are named by line, column and rule; a child's values are never printed
    assert "carefirst_children.csv: line 5: date_before_1900: date_of_birth is before 1900" in (
        result.stdout
    )


def test_no_childs_value_reaches_the_build_output(corrupted_run):
    printed = "".join(
        _step(corrupted_run, step).stdout + _step(corrupted_run, step).stderr
        for step in ("validate", "summary")
    )
    # line 7's date of birth, quoted as the validator (repr) or the rejects (JSON) would
    for birth_date in ("1899-12-31", "2017-01-15", "'not a date'", '"not a date"'):
        assert birth_date not in printed
