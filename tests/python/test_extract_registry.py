"""The per-extract plumbing generated from the contract (scripts/generate_extract_registry.py):
the committed files are what the contract and the staging models give, and a contract that
does not fit the staging models is refused with the extract named."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "generate_extract_registry", PROJECT_DIR / "scripts" / "generate_extract_registry.py"
)
generator = importlib.util.module_from_spec(_spec)
sys.modules["generate_extract_registry"] = generator
_spec.loader.exec_module(generator)


def test_the_generated_files_are_up_to_date(capsys):
    assert generator.main(["--check"]) == 0, capsys.readouterr().err


def test_every_extract_of_the_contract_is_listed_with_its_staging_model():
    entries = generator.registry_entries(
        generator.yaml.safe_load(generator.CONTRACT.read_text(encoding="utf-8"))
    )
    by_name = {entry["name"]: entry for entry in entries}
    assert by_name["carefirst_private_fostering"]["staging_model"] == (
        "stg_carefirst__private_fostering_arrangements"
    )
    assert by_name["carefirst_children"]["person_identifiers"] == {"child_id": "council_person"}
    # personal columns that are no identifier (dates of birth, UPN, postcodes) are not listed
    assert by_name["carefirst_lac_episodes"]["person_identifiers"] == {"child_id": "council_person"}
    assert by_name["carefirst_foster_households"]["person_identifiers"] == {}


def _contract(name: str, personal: dict) -> dict:
    return {
        "seeds": [
            {
                "name": name,
                "config": {
                    "meta": {
                        "required_columns": ["pupil_id", "date_of_birth"],
                        "optional_columns": ["la_code"],
                        "personal_columns": personal,
                    }
                },
            }
        ]
    }


def test_a_new_system_needs_its_staging_model(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "STAGING", tmp_path)
    with pytest.raises(generator.ContractError, match="education_pupils: 0 staging models"):
        generator.registry_entries(_contract("education_pupils", {"pupil_id": "education_pupil"}))
    (tmp_path / "education").mkdir()
    (tmp_path / "education" / "stg_education__pupils.sql").write_text(
        "select * from {{ source('education', 'education_pupils') }}", encoding="utf-8"
    )
    (entry,) = generator.registry_entries(
        _contract("education_pupils", {"pupil_id": "education_pupil", "date_of_birth": None})
    )
    assert entry == {
        "name": "education_pupils",
        "system": "education",
        "staging_model": "stg_education__pupils",
        "person_identifiers": {"pupil_id": "education_pupil"},
    }
    sources = generator.sources_text("education", [entry])
    assert "- name: education\n" in sources and "staged: ref('stg_education__pupils')" in sources


def test_a_person_identifier_must_be_a_column_named_id(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "STAGING", tmp_path)
    (tmp_path / "education").mkdir()
    (tmp_path / "education" / "stg_education__pupils.sql").write_text(
        "select * from {{ source('education', 'education_pupils') }}", encoding="utf-8"
    )
    with pytest.raises(generator.ContractError, match="date_of_birth .* must be named <name>_id"):
        generator.registry_entries(_contract("education_pupils", {"date_of_birth": "people"}))
    with pytest.raises(generator.ContractError, match="upn is not a column"):
        generator.registry_entries(_contract("education_pupils", {"upn": "education_pupil"}))
