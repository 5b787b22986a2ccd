"""The pseudonym map (models/staging/extracts/stg_extracts__pseudonyms.py), run outside dbt: a
stand-in for `dbt` hands it a small DuckDB relation as the person identifiers of every extract
(stg_extracts__person_identifiers, which lists them trimmed and once per namespace; the
corrupted run of tests/e2e/test_malformed_extracts.py checks that listing on a real build)."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
from pathlib import Path

import duckdb
import pytest

MODEL = (
    Path(__file__).resolve().parents[2]
    / "models"
    / "staging"
    / "extracts"
    / "stg_extracts__pseudonyms.py"
)
_spec = importlib.util.spec_from_file_location("stg_extracts__pseudonyms", MODEL)
pseudonyms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pseudonyms)

KEY = "k" * 40


class FakeDbt:
    """dbt.config() and dbt.ref(): the identifiers are the session's table `identifiers`."""

    def __init__(self, session: duckdb.DuckDBPyConnection):
        self.session = session

    def config(self, **_):
        pass

    def ref(self, name: str):
        assert name == "stg_extracts__person_identifiers"
        return self.session.table("identifiers")


@pytest.fixture()
def session():
    connection = duckdb.connect()
    connection.execute(
        "create table identifiers as select * from (values "
        "('council_person', 'C2'), ('council_person', 'C1'), ('council_person', 'C3'), "
        "('education_pupil', 'C1'), ('eclipse_family', 'F9')"
        ") t(identifier_namespace, identifier)"
    )
    yield connection
    connection.close()


def _hmac(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def test_a_childs_pseudonym_is_the_keyed_hash_of_the_identifier(session, monkeypatch):
    """council_person: HMAC-SHA256 under the key itself (the child_key of every build)."""
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    rows = pseudonyms.model(FakeDbt(session), session).fetchall()
    children = [(value, key) for namespace, value, key in rows if namespace == "council_person"]
    assert [value for value, _ in children] == ["C1", "C2", "C3"]
    for child_id, child_key in children:
        assert child_key == _hmac(KEY.encode(), child_id)


def test_one_pseudonym_per_identifier_and_namespace(session, monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    rows = pseudonyms.model(FakeDbt(session), session).fetchall()
    assert [(namespace, value) for namespace, value, _ in rows] == [
        ("council_person", "C1"),
        ("council_person", "C2"),
        ("council_person", "C3"),
        ("eclipse_family", "F9"),
        ("education_pupil", "C1"),
    ]
    assert all(len(key) == 64 for _, _, key in rows)
    assert len({key for _, _, key in rows}) == len(rows)


def test_another_namespace_never_gets_a_childs_pseudonym(session, monkeypatch):
    """A pupil_id equal to a child_id is another person: another pseudonym, under a key derived
    from the key and the namespace's name."""
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    keys = {
        (namespace, value): key
        for namespace, value, key in pseudonyms.model(FakeDbt(session), session).fetchall()
    }
    assert keys[("education_pupil", "C1")] != keys[("council_person", "C1")]
    derived = hmac.new(KEY.encode(), b"namespace:education_pupil", hashlib.sha256).digest()
    assert keys[("education_pupil", "C1")] == _hmac(derived, "C1")


def test_another_key_gives_other_pseudonyms(session, monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    first = {row[:2]: row[2] for row in pseudonyms.model(FakeDbt(session), session).fetchall()}
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", "z" * 40)
    second = {row[:2]: row[2] for row in pseudonyms.model(FakeDbt(session), session).fetchall()}
    assert first.keys() == second.keys()
    assert not set(first.values()) & set(second.values())


@pytest.mark.parametrize("key", [None, "", "short-key"])
def test_no_key_or_a_short_one_stops_the_build(session, monkeypatch, key):
    if key is None:
        monkeypatch.delenv("CSC_PSEUDONYMISATION_KEY", raising=False)
    else:
        monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", key)
    with pytest.raises(
        RuntimeError, match="CSC_PSEUDONYMISATION_KEY is not set or shorter than 32"
    ):
        pseudonyms.model(FakeDbt(session), session)


def test_no_extract_rows_gives_an_empty_typed_map(monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    connection = duckdb.connect()
    connection.execute(
        "create table identifiers (identifier_namespace varchar, identifier varchar)"
    )
    relation = pseudonyms.model(FakeDbt(connection), connection)
    assert relation.fetchall() == []
    assert [str(t) for t in relation.types] == ["VARCHAR", "VARCHAR", "VARCHAR"]
