"""What the scripts writing the project's outputs share (render_report.py, export_published.py,
export_exceptions.py): choosing the report date and the authority among those a mart holds,
creating files readable by their owner only, and writing CSV files that a spreadsheet opens
without running anything in them.

Standard library only. Each script passes its own exception class, so that its callers and
tests keep catching what they caught.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

# A text cell beginning with one of these is read as a formula by Excel, LibreOffice and
# Google Sheets (OWASP, "CSV Injection"): "=", "+", "-", "@", and the tab and carriage return
# that some of them skip before looking.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def choose_report_date(
    available: Sequence[dt.date], requested: str | None, mart: str, error: type[Exception]
) -> dt.date:
    """The requested report date (YYYY-MM-DD), or the latest when none is requested."""
    if not available:
        raise error(f"{mart} has no rows: run `dbt build` first")
    if requested is None:
        return max(available)
    try:
        wanted = dt.date.fromisoformat(requested)
    except ValueError as exc:
        raise error(f"--report-date must be YYYY-MM-DD, got {requested!r}") from exc
    if wanted not in available:
        known = ", ".join(d.isoformat() for d in sorted(available))
        raise error(f"report date {wanted.isoformat()} is not in {mart} (it has: {known})")
    return wanted


def choose_la_code(
    available: Sequence[str],
    requested: str | None,
    report_date: dt.date,
    mart: str,
    error: type[Exception],
) -> str:
    """The requested authority, or the only one at the report date."""
    if requested is not None:
        if requested not in available:
            raise error(
                f"la_code {requested!r} has no rows in {mart} for {report_date.isoformat()} "
                f"(authorities: {', '.join(map(str, available))})"
            )
        return requested
    if len(available) != 1:
        raise error(
            f"{mart} holds several authorities for {report_date.isoformat()} "
            f"({', '.join(map(str, available))}); choose one with --la-code"
        )
    return available[0]


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only (umask 077)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def spreadsheet_cell(value: Any) -> str:
    """One CSV cell: empty for None, ISO dates, numbers as written, and text that a
    spreadsheet would read as a formula prefixed with an apostrophe, so that it shows as the
    text it is (OWASP's advice for CSV injection). Numbers are never prefixed: a negative
    number is data, not a formula."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    return str(value)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows as UTF-8 CSV, every cell through spreadsheet_cell, readable by
    its owner only (an existing file is rewritten with those permissions)."""
    with owner_only(), open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_cell(name) for name in header])
        writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    os.chmod(path, 0o600)
