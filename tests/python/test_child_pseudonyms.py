"""The pseudonym map (models/staging/carefirst/stg_carefirst__child_pseudonyms.py), run outside
dbt: a stand-in for `dbt` hands it small DuckDB relations as the extracts."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
from pathlib import Path

import duckdb
import pytest

MODEL = (
    Path(__file__).resolve().parents[2]
    / "models" / "staging" / "carefirst" / "stg_carefirst__child_pseudonyms.py"
)
_spec = importlib.util.spec_from_file_location("stg_carefirst__child_pseudonyms", MODEL)
pseudonyms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pseudonyms)

KEY = "k" * 40


class FakeDbt:
    """dbt.config() and dbt.source(): every extract is the same small table but children's."""

    def __init__(self, session: duckdb.DuckDBPyConnection):
        self.session = session

    def config(self, **_):
        pass

    def source(self, _source: str, table: str):
        name = "children" if table == "carefirst_children" else "others"
        return self.session.table(name)


@pytest.fixture()
def session():
    connection = duckdb.connect()
    connection.execute(
        "create table children as select * from (values ('C1'), (' C2 '), (''), (null)) t(child_id)"
    )
    connection.execute("create table others as select * from (values ('C2'), ('C3')) t(child_id)")
    yield connection
    connection.close()


def test_one_pseudonym_per_identifier_of_any_extract(session, monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    rows = pseudonyms.model(FakeDbt(session), session).fetchall()
    assert [child_id for child_id, _ in rows] == ["C1", "C2", "C3"]
    for child_id, child_key in rows:
        assert child_key == hmac.new(KEY.encode(), child_id.encode(), hashlib.sha256).hexdigest()


def test_another_key_gives_other_pseudonyms(session, monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    first = dict(pseudonyms.model(FakeDbt(session), session).fetchall())
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", "z" * 40)
    second = dict(pseudonyms.model(FakeDbt(session), session).fetchall())
    assert first.keys() == second.keys()
    assert not set(first.values()) & set(second.values())


@pytest.mark.parametrize("key", [None, "", "short-key"])
def test_no_key_or_a_short_one_stops_the_build(session, monkeypatch, key):
    if key is None:
        monkeypatch.delenv("CSC_PSEUDONYMISATION_KEY", raising=False)
    else:
        monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", key)
    with pytest.raises(RuntimeError, match="CSC_PSEUDONYMISATION_KEY is not set or shorter than 32"):
        pseudonyms.model(FakeDbt(session), session)


def test_no_extract_rows_gives_an_empty_typed_map(monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYMISATION_KEY", KEY)
    connection = duckdb.connect()
    connection.execute("create table children (child_id varchar)")
    connection.execute("create table others (child_id varchar)")
    relation = pseudonyms.model(FakeDbt(connection), connection)
    assert relation.fetchall() == []
    assert [str(t) for t in relation.types] == ["VARCHAR", "VARCHAR"]
