"""The analysis behind the commentary (analyses/commentary_figures.sql): compiled by dbt, run
against the built warehouse, and held to the commentary it stands for.

The analysis returns one row per figure of seeds/reference/commentary_figures.csv (the
commentary file, its line, the figure as the report shows it). Every figure must be on its line
of the file, and every number of the file must be one of the figures of its line, bar the
prose's own numbers (PROSE_NUMBERS). So a figure that changes in the marts, or a number added
to the commentary without its row, fails.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT_DIR

ANALYSES_DIR = PROJECT_DIR / "analyses"
COMMENTARY_DIR = PROJECT_DIR / "commentary"
FIGURES_CSV = PROJECT_DIR / "seeds" / "reference" / "commentary_figures.csv"
DBT = Path(sys.executable).parent / "dbt"

# numbers the commentary's prose uses that are not figures of the marts: the measures' own
# definitions and dates (never a bare year, which could be a count)
PROSE_NUMBERS = (
    r"\b12 months\b",
    r"\bsection 47\b",
    r"\b\d+ working days\b",
    r"\bfewer than 3 placements\b",
    r"\b10,000\b",  # "per 10,000": the rates' unit
    # a measure's own time limit ("within 20 weeks", "within 20 school days", "within 72 hours")
    r"\bwithin \d+ (?:school )?(?:days|weeks|hours)\b",
    (
        r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
        r"|November|December)(?: (?:19|20)\d\d)?\b"
    ),
)
NUMBER = re.compile(r"(?<![\w/.,])\d+(?:[.,]\d+)*(?![\w/])")


def numbers_of(line: str) -> list[str]:
    """The numbers of a commentary line that must be figures (prose numbers removed)."""
    for pattern in PROSE_NUMBERS:
        line = re.sub(pattern, " ", line)
    return NUMBER.findall(line)


def quotes(line: str, figure: str) -> bool:
    """Whether a commentary line shows the figure as the commentary prints it (a number as a
    whole token: 4 is not in 46, 90.4% not in 190.4%; words in any case)."""
    if not re.match(r"\d", figure):
        return figure.lower() in line.lower()
    return re.search(rf"(?<![\w.,]){re.escape(figure)}(?![\w]|[.,]\d)", line) is not None


def figure_number(figure: str) -> str:
    return figure.rstrip("%")


def test_the_checks_can_fail():
    line = "rose to **90.4%** in the 12 months to July (782.4 per 10,000), 4 at 31 March 2016"
    assert numbers_of(line) == ["90.4", "782.4", "4"]
    assert quotes(line, "90.4%") and quotes(line, "782.4") and quotes(line, "4")
    assert not quotes(line, "0.4%") and not quotes(line, "190.4%")
    assert not quotes(line, "82.4") and not quotes(line, "78") and not quotes(line, "12.0")
    assert quotes("is not yet available for", "not yet available")
    assert not quotes("is 72.6%", "not yet available")
    assert numbers_of("was 1990 at the end of July") == ["1990"]


@pytest.fixture(scope="module")
def compiled(database_path, tmp_path_factory) -> dict[str, str]:
    """Every analysis compiled by `dbt compile`, into a folder of its own: the project's target/
    and logs/ are untouched, and dbt opens an empty DuckDB file named like the warehouse (the
    compiled SQL names the warehouse's catalogue) rather than the warehouse itself."""
    work = tmp_path_factory.mktemp("analyses")
    env = dict(
        os.environ,
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        CSC_DUCKDB_PATH=str(work / database_path.name),
    )
    completed = subprocess.run(
        [str(DBT), "compile", "--select", "resource_type:analysis"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    out_dir = work / "target" / "compiled" / "csc_performance" / "analyses"
    compiled_sql = {path.stem: path.read_text(encoding="utf-8") for path in out_dir.rglob("*.sql")}
    sources = {path.stem for path in ANALYSES_DIR.rglob("*.sql")}
    assert sources, "analyses/ has no analysis"
    assert set(compiled_sql) == sources
    return compiled_sql


@pytest.fixture(scope="module")
def figures(warehouse, compiled) -> dict[str, list[tuple[int, str, str]]]:
    """commentary file -> [(line, figure, analysis)], from running each compiled analysis."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    for name, sql in sorted(compiled.items()):
        cursor = warehouse.execute(sql)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        assert rows, f"{name} returns no figure"
        for row in rows:
            assert row["figure"] is not None, f"{name}: no figure for {row}"
            out.setdefault(row["commentary_file"], []).append(
                (int(row["commentary_line"]), row["figure"], name)
            )
    return out


def test_every_commentary_file_has_its_figures(figures):
    files = {str(path.relative_to(PROJECT_DIR)) for path in COMMENTARY_DIR.glob("*/*.md")}
    assert files, "no commentary"
    assert set(figures) == files


def test_every_figure_is_of_its_files_report_date():
    """A commentary file's folder is its report date; its figures are the cells of that date."""
    with FIGURES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    wrong = [row for row in rows if Path(row["commentary_file"]).parent.name != row["report_date"]]
    assert wrong == []


def test_every_figure_is_on_its_line(figures):
    missing = []
    for commentary_file, rows in figures.items():
        lines = (PROJECT_DIR / commentary_file).read_text(encoding="utf-8").splitlines()
        for line, figure, name in rows:
            if not (1 <= line <= len(lines)) or not quotes(lines[line - 1], figure):
                missing.append(f"{commentary_file}:{line}: {figure!r} ({name}) is not on the line")
    assert not missing, "\n".join(missing)


def test_every_number_of_the_commentary_is_an_analysed_figure(figures):
    unexplained = []
    for commentary_file, rows in figures.items():
        lines = (PROJECT_DIR / commentary_file).read_text(encoding="utf-8").splitlines()
        for number_of_line, text in enumerate(lines, start=1):
            on_line = {figure_number(f) for line, f, _ in rows if line == number_of_line}
            for number in numbers_of(text):
                if number not in on_line:
                    unexplained.append(
                        f"{commentary_file}:{number_of_line}: {number} is not a figure of its line in commentary_figures.csv"
                    )
    assert not unexplained, "\n".join(unexplained)
