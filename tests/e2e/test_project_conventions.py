"""The project held to its own conventions (after dbt-project-evaluator's rules).

Read from target/manifest.json, which `dbt build` writes. See
../shared/reference/dbt-conventions.md for the rules these follow.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

CATALOGUE_CSV = PROJECT_DIR / "seeds" / "reference" / "indicator_catalogue.csv"

LAYER_PREFIXES = {
    "staging": ("stg_",),
    "intermediate": ("int_",),
    "marts": ("fct_", "dim_", "rpt_"),
}


def _project_nodes(manifest: dict, resource_type: str) -> list[dict]:
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == resource_type and node["package_name"] == "csc_performance"
    ]


def _layer(model: dict) -> str:
    return Path(model["original_file_path"]).parts[1]


def test_models_sit_in_a_layer_folder_with_its_prefix(manifest):
    wrong = []
    for model in _project_nodes(manifest, "model"):
        layer = _layer(model)
        prefixes = LAYER_PREFIXES.get(layer)
        if prefixes is None or not model["name"].startswith(prefixes):
            wrong.append(model["original_file_path"])
    assert wrong == []


def test_staging_models_are_named_after_their_source_and_folder(manifest):
    wrong = []
    for model in _project_nodes(manifest, "model"):
        if _layer(model) != "staging":
            continue
        parts = Path(model["original_file_path"]).parts
        match = re.fullmatch(r"stg_([a-z0-9]+)__[a-z0-9_]+", model["name"])
        if not match or parts[2] != match.group(1):
            wrong.append(model["original_file_path"])
    assert wrong == []


# The one model a staging model may read besides its source: the map that swaps a person's
# source identifier for its pseudonym. The map is built from the extracts in two more steps,
# the only other reads between staging models: the Python model hashing the person
# identifiers that one SQL model lists from every source, and the children's view of the map
# that the internal marts join (models/staging/extracts/).
PSEUDONYM_MAP = "model.csc_performance.stg_extracts__pseudonyms"
PSEUDONYM_MAP_PARENTS = {
    PSEUDONYM_MAP: ["model.csc_performance.stg_extracts__person_identifiers"],
    "model.csc_performance.stg_extracts__child_pseudonyms": [PSEUDONYM_MAP],
}


def test_only_staging_reads_sources_and_staging_reads_only_sources(manifest):
    wrong = []
    for model in _project_nodes(manifest, "model"):
        parents = model["depends_on"]["nodes"]
        reads_sources = any(p.startswith("source.") for p in parents)
        reads_models = any(
            p.startswith(("model.", "seed.")) and p != PSEUDONYM_MAP for p in parents
        )
        if model["unique_id"] in PSEUDONYM_MAP_PARENTS:
            if parents != PSEUDONYM_MAP_PARENTS[model["unique_id"]]:
                wrong.append(f"{model['name']}: reads {parents}")
        elif _layer(model) == "staging":
            if reads_models or not reads_sources:
                wrong.append(f"{model['name']}: staging must read one source and nothing else")
        elif reads_sources:
            wrong.append(f"{model['name']}: reads a source directly")
    assert wrong == []


def test_every_source_is_used(manifest):
    used = {
        parent
        for model in _project_nodes(manifest, "model")
        for parent in model["depends_on"]["nodes"]
    }
    unused = [name for name in manifest["sources"] if name not in used]
    assert unused == []


def test_every_model_and_column_is_described(manifest):
    missing = []
    for model in _project_nodes(manifest, "model"):
        if not model["description"].strip():
            missing.append(model["name"])
        for column in model["columns"].values():
            if not column["description"].strip():
                missing.append(f"{model['name']}.{column['name']}")
    assert missing == []


def test_every_model_documents_the_columns_it_has(manifest, warehouse):
    undocumented = []
    for model in _project_nodes(manifest, "model"):
        if model["config"]["materialized"] == "ephemeral":
            continue
        columns = warehouse.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ?",
            [model["schema"], model["alias"]],
        ).fetchall()
        documented = set(model["columns"])
        undocumented += [f"{model['name']}.{name}" for (name,) in columns if name not in documented]
    assert undocumented == []


def test_every_model_is_tested(manifest):
    tested = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] in ("test", "unit_test"):
            tested.update(node["depends_on"]["nodes"])
    for unit_test in manifest.get("unit_tests", {}).values():
        tested.update(unit_test["depends_on"]["nodes"])
        tested.add(f"model.csc_performance.{unit_test['model']}")
    untested = [
        model["name"]
        for model in _project_nodes(manifest, "model")
        if model["unique_id"] not in tested
    ]
    assert untested == []


def test_every_model_has_a_primary_key_test(manifest):
    """unique + not_null on one column, or a unique_combination test (the grain); an extract's
    key is unique per authority (unique_per_authority: la_code with the column)."""
    keyed = set()
    tests_by_model: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or "test_metadata" not in node:
            continue
        name = node["test_metadata"]["name"]
        model = node.get("attached_node")
        if not model:
            continue
        if name == "unique_combination":
            keyed.add(model)
        column = node.get("column_name")
        if column and name in ("unique", "unique_per_authority", "not_null"):
            tests_by_model.setdefault(f"{model}:{column}", set()).add(name)
    for key, names in tests_by_model.items():
        if "not_null" in names and names & {"unique", "unique_per_authority"}:
            keyed.add(key.split(":")[0])
    missing = [
        model["name"]
        for model in _project_nodes(manifest, "model")
        if model["unique_id"] not in keyed
    ]
    assert missing == []


def test_public_models_have_enforced_contracts(manifest):
    wrong = [
        model["name"]
        for model in _project_nodes(manifest, "model")
        if model.get("access") == "public" and not model["config"]["contract"]["enforced"]
    ]
    assert wrong == []
    marts = [m for m in _project_nodes(manifest, "model") if _layer(m) == "marts"]
    # child-level marts (schema internal: exception lists) are protected, never published
    internal = [m for m in marts if m["schema"] == "internal"]
    published = [m for m in marts if m["schema"] != "internal"]
    assert published and all(m.get("access") == "public" for m in published)
    assert all(m.get("access") == "protected" for m in internal)


def _sql_models(manifest: dict) -> list[dict]:
    return [m for m in _project_nodes(manifest, "model") if m.get("language", "sql") == "sql"]


def test_models_end_with_select_star_from_a_cte(manifest):
    wrong = []
    for model in _sql_models(manifest):
        sql = (PROJECT_DIR / model["original_file_path"]).read_text(encoding="utf-8")
        if not re.search(r"select \* from [a-z_0-9]+\s*$", sql.strip()):
            wrong.append(model["name"])
    assert wrong == []


def test_refs_and_sources_sit_in_import_ctes(manifest):
    """Every ref()/source() is alone in a `select * from ...` import CTE."""
    wrong = []
    for model in _sql_models(manifest):
        sql = (PROJECT_DIR / model["original_file_path"]).read_text(encoding="utf-8")
        for line in sql.splitlines():
            if re.search(r"\{\{\s*(ref|source)\(", line) and not re.match(
                r"\s*select \* from \{\{\s*(ref|source)\([^)]*\)\s*\}\}\s*$", line
            ):
                wrong.append(f"{model['name']}: {line.strip()}")
    assert wrong == []


def test_every_computed_measure_has_a_doc_block_and_unit_tests(manifest, warehouse):
    computed = {
        row[0]
        for row in warehouse.execute(
            "select distinct indicator_id from marts.fct_indicator_values where state = 'computed'"
        ).fetchall()
    }
    assert computed, "no measure is computed"
    docs = {doc["name"] for doc in manifest["docs"].values()}
    unit_test_text = " ".join(
        str(unit_test.get("given", "")) + str(unit_test.get("expect", ""))
        for unit_test in manifest.get("unit_tests", {}).values()
    )
    no_doc = sorted(i for i in computed if f"indicator_{i}" not in docs)
    no_unit_test = sorted(i for i in computed if i not in unit_test_text)
    assert no_doc == [], f"measures without a doc block: {no_doc}"
    assert no_unit_test == [], f"measures without a unit test: {no_unit_test}"


@pytest.mark.parametrize("resource", ["seed"])
def test_seeds_are_described(manifest, resource):
    missing = [
        node["name"]
        for node in _project_nodes(manifest, resource)
        if not node["description"].strip()
    ]
    assert missing == []


def _read_models(manifest: dict, model_name: str, pattern: str) -> set[str]:
    """What `pattern`'s group names of the models `model_name` reads (its ref()s)."""
    node = manifest["nodes"][f"model.csc_performance.{model_name}"]
    names = [unique_id.split(".")[-1] for unique_id in node["depends_on"]["nodes"]]
    return {match.group(1) for name in names if (match := re.fullmatch(pattern, name))}


def test_the_registry_unions_read_every_family_and_area(manifest):
    """macros/registry_models.sql against the catalogue, the rule models and the disk."""
    catalogue = list(csv.DictReader(CATALOGUE_CSV.open(encoding="utf-8", newline="")))
    families = {row["family"] for row in catalogue if row["family"]}
    case_families = {
        row["family"] for row in catalogue if row["family"] and row["has_exception_list"] == "true"
    }
    models = {model["name"] for model in _project_nodes(manifest, "model")}
    areas = {
        match.group(1)
        for name in models
        if (match := re.fullmatch(r"int_data_quality_([a-z_]+)_failures_detected", name))
    }
    assert (
        _read_models(manifest, "fct_indicator_values", r"int_([a-z_]+)_indicators_computed")
        == families
    )
    assert (
        _read_models(manifest, "fct_indicator_exceptions", r"int_([a-z_]+)_cases_judged")
        == case_families
    )
    assert (
        _read_models(
            manifest,
            "int_data_quality_failures_detected",
            r"int_data_quality_([a-z_]+)_failures_detected",
        )
        == areas
    )
    assert {f"int_{family}_indicators_computed" for family in families} <= models
