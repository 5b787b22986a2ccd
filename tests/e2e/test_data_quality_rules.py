"""Every data-quality rule of seeds/reference/data_quality_rules.csv is checked, tested and cited.

Read from target/manifest.json (which `dbt build` writes) and the rule models' SQL.
"""

from __future__ import annotations

import csv
import re

from .conftest import PROJECT_DIR

RULES_CSV = PROJECT_DIR / "seeds" / "reference" / "data_quality_rules.csv"
RULE_MODELS = PROJECT_DIR / "models" / "intermediate" / "data_quality"


def _rules() -> list[dict]:
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_at_least_thirty_rules_each_with_a_source():
    rules = _rules()
    assert len(rules) >= 30
    for rule in rules:
        if rule["return"] == "contract":
            assert rule["source"].startswith("contract "), rule["rule_id"]
        elif rule["return"] in ("SSDA903", "CIN"):
            assert rule["dfe_rule_code"], rule["rule_id"]
            assert f"rule_{rule['dfe_rule_code']}.py" in rule["source"], rule["rule_id"]
        else:
            # SEN2's and Eclipse's rules carry no DfE rule number: the source names the
            # return or the system whose rule it is
            assert not rule["dfe_rule_code"], rule["rule_id"]
            assert rule["return"] in rule["source"], rule["rule_id"]


# A rule's CTE names its rule_id in plain SQL (`'<rule_id>' as rule_id`), as the first
# argument of a rule macro of macros/data_quality_rules.sql
# (`{{ code_not_in_list_failures(rule_id='<rule_id>', ...`) or as the first argument of the
# macro of a rule's common columns (`{{ data_quality_failure_columns('<rule_id>', ...`).
PLAIN_RULE = re.compile(r"'([a-z0-9_]+)' as rule_id")
MACRO_RULE = re.compile(r"\{\{\s*[a-z_]+_failures\(\s*rule_id='([a-z0-9_]+)'")
COLUMNS_RULE = re.compile(r"\{\{\s*data_quality_failure_columns\(\s*'([a-z0-9_]+)'")


def test_every_rule_is_checked_by_a_cte_and_every_cte_rule_is_in_the_seed():
    sql = " ".join(path.read_text(encoding="utf-8") for path in RULE_MODELS.glob("*.sql"))
    checked = (
        set(PLAIN_RULE.findall(sql)) | set(MACRO_RULE.findall(sql)) | set(COLUMNS_RULE.findall(sql))
    )
    assert checked == {rule["rule_id"] for rule in _rules()}


def test_every_rule_is_in_the_compiled_rule_models(manifest):
    """The macros render each rule's `'<rule_id>' as rule_id`, as dbt ran it."""
    models = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/intermediate/data_quality/")
    ]
    assert models and all(node.get("compiled_code") for node in models), "run dbt build first"
    compiled = " ".join(node["compiled_code"] for node in models)
    assert set(PLAIN_RULE.findall(compiled)) == {rule["rule_id"] for rule in _rules()}


def test_every_rule_has_a_warning_test_and_a_failing_unit_test_row(manifest):
    warned = {
        node["test_metadata"]["kwargs"]["rule_id"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata", {}).get("name") == "has_no_failures"
        and node["config"]["severity"].lower() == "warn"
    }
    expected = {
        row["rule_id"]
        for unit_test in manifest.get("unit_tests", {}).values()
        if unit_test["model"].startswith("int_data_quality_")
        for row in unit_test["expect"]["rows"]
    }
    rules = {rule["rule_id"] for rule in _rules()}
    assert rules - warned == set()
    assert rules - expected == set()
