"""Check a folder of extracts against the contract before anything is loaded.

The contract's machine-readable form is seeds/_extracts__seeds.yml: for each extract, the
columns it must have (`meta.required_columns`) and each column's logical type
(`meta.logical_types`; every column is loaded as text, see that file's header).

Two kinds of problem, each message naming the file, the line (the header is line 1), the
column and the rule:

- STRUCTURAL problems stop the run (exit status 1, messages on stderr): a missing file, an
  empty file, a file that is not UTF-8, a wrong delimiter, a missing, renamed, duplicated or
  space-padded column, a row whose number of fields differs from the header's, a blank line
  inside the file, broken quoting, or a whole column of the wrong type (every value of a date
  or whole-number column unreadable: the column is in another format, not a few bad cells).

      carefirst_referrals.csv: line 1: missing column(s) referral_date required by the contract

- ROW-LEVEL problems do not stop the run (messages on stdout): a cell that is not of its
  column's type, a date before 1900. The staging models reject those rows, with the reason,
  into staging.stg_carefirst__<entity>s__rejects (their checks, which also cover duplicated
  identifiers, unknown codes, dates in the future and ends before starts, are the authority;
  this script only warns early).

      carefirst_lac_episodes.csv: line 4, column start_date: '31/02/2015' is not a date
      (YYYY-MM-DD): the row will be rejected

On success it prints each file's row count: the file is also loaded as `dbt seed` loads it
(DuckDB's COPY into varchar columns), and a file it cannot load, or loads with another number
of rows, is structural. Every row counted here is loaded by `dbt seed`,
and lands in staging or in the rejects (the rows_accounted_for tests check it on every build).

Usage: python scripts/validate_extracts.py [--extracts DIR] [--contract FILE] [--max-errors N]
Exit status: 0 when every extract can be loaded (row-level problems included), 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTRACT = PROJECT_DIR / "seeds" / "_extracts__seeds.yml"
DEFAULT_EXTRACTS = os.environ.get("CSC_EXTRACTS_DIR", str(PROJECT_DIR / "demo" / "extracts"))
TYPED = ("date", "integer", "bigint")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INTEGER_PATTERN = re.compile(r"[+-]?[0-9]+")
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "pipes"}


@dataclass
class Extract:
    """One extract's declared shape."""

    name: str
    logical_types: dict[str, str]
    required_columns: list[str]
    personal_columns: frozenset[str] = frozenset()


@dataclass
class Findings:
    """Problems found, capped per file so one bad column does not flood the output."""

    max_per_file: int
    messages: list[str] = field(default_factory=list)
    suppressed: dict[str, int] = field(default_factory=dict)
    per_file: dict[str, int] = field(default_factory=dict)

    def add(self, file_name: str, message: str) -> None:
        count = self.per_file.get(file_name, 0) + 1
        self.per_file[file_name] = count
        if count <= self.max_per_file:
            self.messages.append(f"{file_name}: {message}")
        else:
            self.suppressed[file_name] = self.suppressed.get(file_name, 0) + 1

    def report(self, stream) -> None:
        for message in self.messages:
            print(f"  {message}", file=stream)
        for file_name, count in self.suppressed.items():
            print(f"  {file_name}: {count} more problem(s) not shown", file=stream)


@dataclass
class FileResult:
    """What one file gave: data rows read (None when it cannot be loaded) and cell problems."""

    rows: int | None
    cell_problems: int = 0


def load_contract(path: Path) -> list[Extract]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    extracts = []
    for seed in document["seeds"]:
        config = seed.get("config", {})
        meta = config.get("meta", {})
        types = {k: str(v).lower() for k, v in meta.get("logical_types", {}).items()}
        # a contract that still declares typed columns in column_types is honoured too
        for name, data_type in config.get("column_types", {}).items():
            if str(data_type).lower() in TYPED:
                types.setdefault(name, str(data_type).lower())
        extracts.append(
            Extract(
                name=seed["name"],
                logical_types=types,
                required_columns=list(meta.get("required_columns", [])),
                personal_columns=frozenset(meta.get("personal_columns", [])),
            )
        )
    return extracts


WITHHELD = "the value (withheld: personal data)"


def check_value(value: str, data_type: str, personal: bool = False) -> str | None:
    """The rule a non-empty cell breaks, or None (the staging models apply the same rules).

    The message quotes the cell, except in a personal column (meta.personal_columns: a date of
    birth, an identifier), whose value is never printed: the line and column find it.
    """
    shown = WITHHELD if personal else repr(value)
    if data_type == "date":
        parsed = None
        if DATE_PATTERN.fullmatch(value):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None:
            return f"{shown} is not a date (YYYY-MM-DD)"
        if parsed.year < 1900:
            return f"{shown} is before 1900"
        return None
    if data_type in ("integer", "bigint"):
        if not INTEGER_PATTERN.fullmatch(value) or not -(2**31) <= int(value) < 2**31:
            return f"{shown} is not a whole number"
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes, file_name: str, findings: Findings) -> str | None:
    """The file's text, or None with a structural finding."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        findings.add(file_name, "line 1: the file is UTF-16; the contract needs UTF-8")
        return None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        findings.add(
            file_name,
            f"line {_line_of(data, offset)}: NUL byte at byte {offset}; "
            "the contract needs UTF-8 text",
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex().upper()
        findings.add(
            file_name,
            f"line {_line_of(data, error.start)}: not UTF-8 (byte 0x{byte} at byte "
            f"{error.start}: {error.reason}); save the file as UTF-8",
        )
        return None


def _check_header(
    header: list[str], extract: Extract, file_name: str, findings: Findings
) -> bool:
    """True when the header lets the file be loaded."""
    if len(header) == 1:
        for delimiter, name in OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                findings.add(
                    file_name,
                    f"line 1: the header has one column and contains {name}; "
                    "the file must be comma-separated",
                )
                return False
    ok = True
    padded = [name for name in header if name != name.strip()]
    if padded:
        findings.add(
            file_name,
            "line 1: column name(s) with surrounding spaces: "
            + ", ".join(repr(name) for name in padded),
        )
        ok = False
    unnamed = [str(index + 1) for index, name in enumerate(header) if not name.strip()]
    if unnamed:
        findings.add(file_name, f"line 1: column(s) {', '.join(unnamed)} have no name")
        ok = False
    duplicated = sorted({c for c in header if c.strip() and header.count(c) > 1})
    if duplicated:
        findings.add(file_name, f"line 1: duplicated column(s) {', '.join(duplicated)}")
        ok = False
    missing = [c for c in extract.required_columns if c not in header]
    if missing:
        findings.add(
            file_name, f"line 1: missing column(s) {', '.join(missing)} required by the contract"
        )
        ok = False
    return ok


def _rows_loaded(path: Path, header: list[str], file_name: str, findings: Findings) -> int | None:
    """The rows `dbt seed` loads from the file (its DuckDB COPY into varchar columns), or None
    with a structural finding when it cannot load it."""
    columns = ", ".join('"{}" varchar'.format(name.replace('"', '""')) for name in header)
    location = str(path).replace("'", "''")
    try:
        with duckdb.connect() as connection:
            connection.execute(f"create table extract ({columns})")
            connection.execute(
                f"copy extract from '{location}' (format csv, header true, delimiter ',')"
            )
            return connection.execute("select count(*) from extract").fetchone()[0]
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        findings.add(file_name, f"dbt seed (DuckDB) cannot load the file: {first_line}")
        return None


def check_extract(
    extract: Extract, folder: Path, findings: Findings, warnings: Findings
) -> FileResult:
    """Check one file: structural problems go to `findings`, row-level ones to `warnings`."""
    file_name = f"{extract.name}.csv"
    path = folder / file_name
    if not path.is_file():
        findings.add(file_name, f"missing: the contract needs this extract in {folder}")
        return FileResult(None)
    data = path.read_bytes()
    if not data.strip():
        findings.add(file_name, "line 1: the file is empty (a header row is required)")
        return FileResult(None)
    text = _decode(data, file_name, findings)
    if text is None:
        return FileResult(None)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = []
        start_line = 1
        for record in reader:
            records.append((start_line, record))
            start_line = reader.line_num + 1
    except csv.Error as error:
        findings.add(file_name, f"line {reader.line_num}: unreadable CSV ({error})")
        return FileResult(None)
    # blank lines at the end are not rows (dbt seed skips them too); inside the file they are
    # refused, as they would shift every later line number
    while records and records[-1][1] == []:
        records.pop()
    if not records or not any(cell.strip() for cell in records[0][1]):
        findings.add(file_name, "line 1: the file is empty (a header row is required)")
        return FileResult(None)
    header = records[0][1]
    if not _check_header(header, extract, file_name, findings):
        return FileResult(None)

    structural = 0
    rows = records[1:]
    for line_number, row in rows:
        if row == []:
            findings.add(file_name, f"line {line_number}: blank line inside the file")
            structural += 1
        elif len(row) != len(header):
            findings.add(
                file_name,
                f"line {line_number}: {len(row)} fields where the header has {len(header)}",
            )
            structural += 1
    if structural:
        return FileResult(None)

    loaded = _rows_loaded(path, header, file_name, findings)
    if loaded is None:
        return FileResult(None)
    if loaded != len(rows):
        findings.add(
            file_name,
            f"{len(rows)} rows read here but {loaded} loaded by dbt seed (DuckDB); check the "
            "quoting and the line endings (one kind throughout)",
        )
        return FileResult(None)

    result = FileResult(len(rows))
    for index, name in enumerate(header):
        data_type = extract.logical_types.get(name)
        if data_type not in TYPED:
            continue
        filled = 0
        problems = []
        for line_number, row in rows:
            value = row[index].strip()
            if value:
                filled += 1
                rule = check_value(value, data_type, name in extract.personal_columns)
                if rule:
                    problems.append((line_number, rule))
        unreadable = [p for p in problems if "before 1900" not in p[1]]
        if filled and len(unreadable) == filled:
            first_line, first_rule = unreadable[0]
            findings.add(
                file_name,
                f"column {name}: the whole column is of the wrong type: none of its {filled} "
                f"value(s) is a {'date (YYYY-MM-DD)' if data_type == 'date' else 'whole number'}"
                f" (line {first_line}: {first_rule})",
            )
            result.rows = None
            continue
        for line_number, rule in problems:
            warnings.add(
                file_name,
                f"line {line_number}, column {name}: {rule}: the row will be rejected",
            )
        result.cell_problems += len(problems)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extracts", default=DEFAULT_EXTRACTS, help="folder of extract CSVs")
    parser.add_argument("--contract", default=str(DEFAULT_CONTRACT), help="seed properties YAML")
    parser.add_argument("--max-errors", type=int, default=20, help="messages shown per file")
    args = parser.parse_args(argv)

    folder = Path(args.extracts)
    if not folder.is_dir():
        print(f"extracts folder not found: {folder}", file=sys.stderr)
        return 1
    findings = Findings(max_per_file=args.max_errors)
    warnings = Findings(max_per_file=args.max_errors)
    extracts = load_contract(Path(args.contract))
    results = {
        extract.name: check_extract(extract, folder, findings, warnings) for extract in extracts
    }

    if findings.messages:
        print(f"Extracts in {folder} break the contract:", file=sys.stderr)
        findings.report(sys.stderr)
        return 1
    total_rows = sum(result.rows or 0 for result in results.values())
    print(f"Extracts OK: {len(extracts)} files, {total_rows} rows in {folder}")
    for name, result in results.items():
        note = f", {result.cell_problems} cell problem(s)" if result.cell_problems else ""
        print(f"  {name}.csv: {result.rows} rows{note}")
    if warnings.messages:
        print("Row-level problems (these rows go to the staging rejects; the run continues):")
        warnings.report(sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
