"""Check a folder of extracts against the contract before anything is loaded.

The contract's machine-readable form is seeds/_extracts__seeds.yml: for each extract, its
column types (`config.column_types`) and which columns it must have (`meta.required_columns`).
This script reads every extract and stops the run with one message per problem, each naming
the file, the row (the line number in the file, the header being line 1), the column and the
rule broken:

    carefirst_referrals.csv: line 12, column referral_date: 'not a date' is not a date (YYYY-MM-DD)

Usage: python scripts/validate_extracts.py [--extracts DIR] [--contract FILE] [--max-errors N]
Exit status: 0 when every extract is readable and typed as declared, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTRACT = PROJECT_DIR / "seeds" / "_extracts__seeds.yml"
DEFAULT_EXTRACTS = os.environ.get("CSC_EXTRACTS_DIR", str(PROJECT_DIR / "demo" / "extracts"))


@dataclass
class Extract:
    """One extract's declared shape."""

    name: str
    column_types: dict[str, str]
    required_columns: list[str]


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


def load_contract(path: Path) -> list[Extract]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    extracts = []
    for seed in document["seeds"]:
        config = seed.get("config", {})
        extracts.append(
            Extract(
                name=seed["name"],
                column_types={k: v.lower() for k, v in config.get("column_types", {}).items()},
                required_columns=list(config.get("meta", {}).get("required_columns", [])),
            )
        )
    return extracts


def check_value(value: str, data_type: str) -> str | None:
    """The rule a non-empty cell breaks, or None."""
    if data_type == "date":
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
        if len(value) != 10:
            return f"{value!r} is not a date (YYYY-MM-DD)"
        if parsed.year < 1900:
            return f"{value!r} is before 1900"
        return None
    if data_type in ("integer", "bigint"):
        try:
            int(value)
        except ValueError:
            return f"{value!r} is not a whole number"
    return None


def check_extract(extract: Extract, folder: Path, findings: Findings) -> int:
    """Check one file; returns the number of data rows read."""
    file_name = f"{extract.name}.csv"
    path = folder / file_name
    if not path.exists():
        findings.add(file_name, f"missing: the contract needs this extract in {folder}")
        return 0
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or not any(cell.strip() for cell in header):
                findings.add(file_name, "line 1: the file is empty (a header row is required)")
                return 0
            header = [cell.strip().lstrip("\ufeff") for cell in header]
            if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
                findings.add(
                    file_name,
                    "line 1: the header has one column; the file must be comma-separated",
                )
                return 0
            duplicated = sorted({c for c in header if header.count(c) > 1})
            if duplicated:
                findings.add(file_name, f"line 1: duplicated column(s) {', '.join(duplicated)}")
            missing = [c for c in extract.required_columns if c not in header]
            if missing:
                findings.add(
                    file_name,
                    f"line 1: missing column(s) {', '.join(missing)} required by the contract",
                )
                return 0
            typed = [
                (index, name, extract.column_types[name])
                for index, name in enumerate(header)
                if extract.column_types.get(name) in ("date", "integer", "bigint")
            ]
            rows = 0
            for line_number, row in enumerate(reader, start=2):
                rows += 1
                if len(row) != len(header):
                    findings.add(
                        file_name,
                        f"line {line_number}: {len(row)} fields where the header has "
                        f"{len(header)}",
                    )
                    continue
                for index, name, data_type in typed:
                    value = row[index].strip()
                    if value:
                        rule = check_value(value, data_type)
                        if rule:
                            findings.add(file_name, f"line {line_number}, column {name}: {rule}")
            return rows
    except UnicodeDecodeError as error:
        findings.add(file_name, f"not UTF-8 ({error.reason} at byte {error.start})")
        return 0


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
    total_rows = 0
    extracts = load_contract(Path(args.contract))
    for extract in extracts:
        total_rows += check_extract(extract, folder, findings)

    if findings.messages:
        print(f"Extracts in {folder} break the contract:", file=sys.stderr)
        for message in findings.messages:
            print(f"  {message}", file=sys.stderr)
        for file_name, count in findings.suppressed.items():
            print(f"  {file_name}: {count} more problem(s) not shown", file=sys.stderr)
        return 1
    print(f"Extracts OK: {len(extracts)} files, {total_rows} rows in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
