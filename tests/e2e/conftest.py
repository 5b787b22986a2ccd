"""Shared fixtures: the built DuckDB file, the project's folders, the dbt manifest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


def _path_from_env(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    if not value:
        return default
    path = Path(value)
    return path if path.is_absolute() else PROJECT_DIR / path


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR


@pytest.fixture(scope="session")
def database_path() -> Path:
    path = _path_from_env("CSC_DUCKDB_PATH", PROJECT_DIR / "build" / "csc_performance.duckdb")
    assert path.exists(), f"{path} does not exist: run `make build` first"
    return path


@pytest.fixture(scope="session")
def warehouse(database_path: Path):
    connection = duckdb.connect(str(database_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def extracts_dir() -> Path:
    return _path_from_env("CSC_EXTRACTS_DIR", PROJECT_DIR / "demo" / "extracts")


@pytest.fixture(scope="session")
def manifest() -> dict:
    path = PROJECT_DIR / "target" / "manifest.json"
    assert path.exists(), "target/manifest.json does not exist: run `make build` first"
    return json.loads(path.read_text(encoding="utf-8"))
