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
  into internal.stg_extracts__rejects (their checks, which also cover duplicated identifiers,
  unknown codes, dates in the future and ends before starts, are the authority; this script
  only warns early).

      carefirst_lac_episodes.csv: line 4, column start_date: '31/02/2015' is not a date
      (YYYY-MM-DD): the row will be rejected

How a file is read: its bytes are checked for the encoding (UTF-16, NUL bytes, invalid UTF-8)
and its header record against the contract; then DuckDB reads it once, as `dbt seed` loads it
(comma-separated, RFC 4180 quoting, every column text), with `store_rejects` collecting each
row it cannot read (a wrong number of fields, broken quoting) by line. The cell rules are not
written here: the SQL of macros/extract_rows_checked.sql (extract_cell_fault, rendered with
jinja2) runs over the rows DuckDB read, so the warnings, the whole-column stop and the staging
rejects apply the same rules, and count lines as the rejects do.

On success it prints each file's row count: every row counted here is loaded by `dbt seed`, and
lands in staging or in the rejects (the rows_accounted_for tests check it on every build).

Large extracts (a region's: `dbt seed` parses every row in Python, about a minute and 1.7 GB
per million rows) are loaded here instead, with --load-into the build's DuckDB file: each file
that passes is written, from the very read that checked it, to raw.<extract>, the table
`dbt seed` would have made (text columns, file order); `make` then seeds only the reference
seeds (EXTRACTS_LOAD=duckdb). The staging models, their rejects and the row accounting read it
unchanged.

Usage: python scripts/validate_extracts.py [--extracts DIR] [--contract FILE] [--max-errors N]
    [--load-into DUCKDB_FILE]
Exit status: 0 when every extract can be loaded (row-level problems included), 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import jinja2
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CONTRACT = PROJECT_DIR / "seeds" / "_extracts__seeds.yml"
DEFAULT_EXTRACTS = os.environ.get("CSC_EXTRACTS_DIR", str(PROJECT_DIR / "demo" / "extracts"))
# the cell rules, and the dialect helpers they call (DuckDB bodies)
RULE_MACROS = [
    PROJECT_DIR / "macros" / "cross_database" / "raw_text.sql",
    PROJECT_DIR / "macros" / "extract_rows_checked.sql",
]
TYPED = ("date", "datetime", "integer", "bigint", "decimal", "academic_year")
# the rules that say a value is not of its column's type (date_before_1900 is a readable date)
UNREADABLE = (
    "invalid_date",
    "invalid_datetime",
    "invalid_integer",
    "invalid_decimal",
    "invalid_academic_year",
)
# what a value of each logical type is, in the "whole column of the wrong type" message
TYPE_WORDS = {
    "date": "date (YYYY-MM-DD)",
    "datetime": "date and time (YYYY-MM-DD HH:MM)",
    "integer": "whole number",
    "bigint": "whole number",
    "decimal": "number",
    "academic_year": "academic year (YYYY/YY)",
}
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "pipes"}
FIELD_COUNT_ERRORS = ("TOO MANY COLUMNS", "MISSING COLUMNS")
# the line of a row read, as the staging rejects number it (no extract column has this name)
LINE = '"__line"'


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
                # {column: namespace or None}: every key is personal
                personal_columns=frozenset(meta.get("personal_columns") or {}),
            )
        )
    return extracts


class _Adapter:
    """adapter.dispatch as dbt-duckdb resolves it: duckdb__<name>, else default__<name>."""

    def __init__(self, macros: dict):
        self.macros = macros

    def dispatch(self, name: str, _package: str | None = None):
        return self.macros.get(f"duckdb__{name}") or self.macros[f"default__{name}"]


class CellRules:
    """The cell rules of macros/extract_rows_checked.sql, rendered for DuckDB."""

    def __init__(self, paths: list[Path] = RULE_MACROS):
        environment = jinja2.Environment(extensions=["jinja2.ext.do"])
        shared: dict = {}
        # dbt's return(): the macros called here return text, which is their output
        shared["return"] = lambda value: value
        shared["adapter"] = _Adapter(shared)
        for path in paths:
            module = environment.from_string(
                path.read_text(encoding="utf-8"), globals=shared
            ).module
            shared.update(
                {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}
            )
        self.macros = shared

    def sql(self, macro: str, *arguments) -> str:
        return str(self.macros[macro](*arguments)).strip()

    def fault(self, column_sql: str, data_type: str) -> str:
        """A SQL expression: the rule the cell breaks (invalid_date, ...) or null."""
        return self.sql("extract_cell_fault", column_sql, data_type)

    def present(self, column_sql: str) -> str:
        return f"({self.sql('extract_text', column_sql)}) is not null"

    def phrase(self, rule: str) -> str:
        return self.sql("extract_rule_phrase", rule)

    def line_number(self) -> str:
        return f"cast({self.sql('file_line_number')} + 1 as bigint)"


WITHHELD = "the value (withheld: personal data)"


def _shown(value: str, personal: bool) -> str:
    """The cell as a message quotes it, except in a personal column (meta.personal_columns: a
    date of birth, an identifier), whose value is never printed: the line and column find it."""
    return WITHHELD if personal else repr(value)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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


def _check_header(header: list[str], extract: Extract, file_name: str, findings: Findings) -> bool:
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


def _header(text: str, file_name: str, findings: Findings) -> list[str] | None:
    """The header record (the file's first CSV record), or None with a structural finding."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        findings.add(file_name, f"line {reader.line_num}: unreadable CSV ({error})")
        return None
    if not any(cell.strip() for cell in header):
        findings.add(file_name, "line 1: the file is empty (a header row is required)")
        return None
    return header


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _blank_lines_inside(text: str) -> list[int]:
    """The empty lines outside quoted cells before the file's last record. Blank lines at the
    end are not rows (dbt seed skips them too); inside the file DuckDB skips them as well, and
    every later line number (the rejects', the warnings') would be wrong."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the file's final line break
    blank = []
    last_record = 0
    in_quotes = False
    for number, line in enumerate(lines, start=1):
        if line or in_quotes:
            last_record = number
        else:
            blank.append(number)
        if line.count('"') % 2:
            in_quotes = not in_quotes
    return [number for number in blank if number < last_record]


def _fields_counted(csv_line: str | None) -> str:
    """The fields of a rejected line as DuckDB quotes it back ("7 fields"); a line Python's
    csv module cannot split either (a stray quote, a newline inside it) is "a number of
    fields other than the header's" rather than a crash."""
    try:
        rows = list(csv.reader(io.StringIO(csv_line or "", newline=""), strict=True))
    except csv.Error:
        return "a number of fields"
    return f"{sum(len(row) for row in rows[:1])} fields" if len(rows) == 1 else "a number of fields"


def _rows_read(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    header: list[str],
    rules: CellRules,
    file_name: str,
    findings: Findings,
) -> int | None:
    """Read the file once with DuckDB as `dbt seed` loads it, into table `extract` (a column
    per header field, text, plus line_number); the rows read, or None with a structural
    finding for each row DuckDB cannot read."""
    columns = (
        "{" + ", ".join("'{}': 'VARCHAR'".format(name.replace("'", "''")) for name in header) + "}"
    )
    location = str(path).replace("'", "''")
    try:
        connection.execute(
            f"create table extract as select {rules.line_number()} as {LINE}, * "
            f"from read_csv('{location}', header = true, delim = ',', quote = '\"', "
            f"escape = '\"', columns = {columns}, auto_detect = false, all_varchar = true, "
            "strict_mode = true, null_padding = false, store_rejects = true, "
            "rejects_table = 'extract_rejects', rejects_scan = 'extract_scans')"
        )
        rejected = connection.execute(
            "select line, error_type, any_value(csv_line), min(error_message) "
            "from extract_rejects group by all order by line, error_type"
        ).fetchall()
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        findings.add(file_name, f"dbt seed (DuckDB) cannot load the file: {first_line}")
        return None
    for line, error_type, csv_line, message in rejected:
        if error_type in FIELD_COUNT_ERRORS:
            findings.add(
                file_name,
                f"line {line}: {_fields_counted(csv_line)} where the header has {len(header)}",
            )
        else:
            findings.add(
                file_name, f"line {line}: unreadable CSV ({error_type.lower()}: {message})"
            )
    if rejected:
        return None
    if _rows_with_other_field_counts(path, header, file_name, findings):
        return None
    return connection.execute("select count(*) from extract").fetchone()[0]


def _rows_with_other_field_counts(
    path: Path, header: list[str], file_name: str, findings: Findings
) -> bool:
    """Rows DuckDB reads but `dbt seed` cannot: DuckDB takes a trailing delimiter (an extra
    empty field) as the end of the row, while agate, which dbt seed reads the file with first,
    stops on a row longer than the header. A finding for each such row; whether there was one."""
    found = False
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            if row and len(row) != len(header):
                findings.add(
                    file_name,
                    f"line {reader.line_num}: {len(row)} fields where the header has {len(header)}",
                )
                found = True
    return found


def _check_cells(
    connection: duckdb.DuckDBPyConnection,
    extract: Extract,
    header: list[str],
    rules: CellRules,
    file_name: str,
    findings: Findings,
    warnings: Findings,
) -> tuple[bool, int]:
    """The cell rules over each typed column read: (whether every typed column is readable,
    the cells breaking a rule). A column none of whose filled cells is of its type is
    structural (it is in another format); otherwise each bad cell is a row-level warning."""
    readable = True
    problems_found = 0
    for name in header:
        data_type = extract.logical_types.get(name)
        if data_type not in TYPED:
            continue
        column = _quoted(name)
        (filled,) = connection.execute(
            f"select count(*) from extract where {rules.present(column)}"
        ).fetchone()
        problems = connection.execute(
            f"select {LINE}, trim({column}) as value, fault from ("
            f"select {LINE}, {column}, {rules.fault(column, data_type)} as fault "
            f"from extract) as cells where fault is not null order by {LINE}"
        ).fetchall()
        personal = name in extract.personal_columns
        unreadable = [p for p in problems if p[2] in UNREADABLE]
        if filled and len(unreadable) == filled:
            line, value, rule = unreadable[0]
            findings.add(
                file_name,
                f"column {name}: the whole column is of the wrong type: none of its {filled} "
                f"value(s) is a {TYPE_WORDS[data_type]}"
                f" (line {line}: {_shown(value, personal)} {rules.phrase(rule)})",
            )
            readable = False
            continue
        for line, value, rule in problems:
            warnings.add(
                file_name,
                f"line {line}, column {name}: {_shown(value, personal)} {rules.phrase(rule)}: "
                "the row will be rejected",
            )
        problems_found += len(problems)
    return readable, problems_found


def _loaded(connection: duckdb.DuckDBPyConnection, extract: Extract, database: Path) -> None:
    """Write the rows read (table `extract`) to raw.<extract> of the build's DuckDB file, in file
    order, every column text: the table `dbt seed` would have made from the file, so the
    sources, staging models, rejects and row accounting read it unchanged."""
    location = str(database).replace("'", "''")
    connection.execute(f"attach '{location}' as build_database")
    try:
        connection.execute("create schema if not exists build_database.raw")
        connection.execute(
            f"create or replace table build_database.raw.{_quoted(extract.name)} as "
            f"select * exclude ({LINE}) from extract order by {LINE}"
        )
    finally:
        connection.execute("detach build_database")


def check_extract(
    extract: Extract,
    folder: Path,
    findings: Findings,
    warnings: Findings,
    rules: CellRules,
    load_into: Path | None = None,
) -> FileResult:
    """Check one file: structural problems go to `findings`, row-level ones to `warnings`.
    With load_into, a file with no structural problem is loaded there (_loaded)."""
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
    header = _header(text, file_name, findings)
    if header is None or not _check_header(header, extract, file_name, findings):
        return FileResult(None)
    blank = _blank_lines_inside(text)
    for line in blank:
        findings.add(file_name, f"line {line}: blank line inside the file")
    if blank:
        return FileResult(None)

    with duckdb.connect() as connection:
        rows = _rows_read(connection, path, header, rules, file_name, findings)
        if rows is None:
            return FileResult(None)
        readable, cell_problems = _check_cells(
            connection, extract, header, rules, file_name, findings, warnings
        )
        if readable and load_into is not None:
            _loaded(connection, extract, load_into)
    return FileResult(rows if readable else None, cell_problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extracts", default=DEFAULT_EXTRACTS, help="folder of extract CSVs")
    parser.add_argument("--contract", default=str(DEFAULT_CONTRACT), help="seed properties YAML")
    parser.add_argument("--max-errors", type=int, default=20, help="messages shown per file")
    parser.add_argument(
        "--load-into",
        type=Path,
        help="DuckDB file to load the checked extracts into (schema raw), instead of dbt seed",
    )
    args = parser.parse_args(argv)

    folder = Path(args.extracts)
    if not folder.is_dir():
        print(f"extracts folder not found: {folder}", file=sys.stderr)
        return 1
    findings = Findings(max_per_file=args.max_errors)
    warnings = Findings(max_per_file=args.max_errors)
    extracts = load_contract(Path(args.contract))
    rules = CellRules()
    results = {
        extract.name: check_extract(extract, folder, findings, warnings, rules, args.load_into)
        for extract in extracts
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
