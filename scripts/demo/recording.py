"""Fields an authority records only from a date (seeds/reference/field_recording.csv).

The seed says, per authority, which extract columns are recorded only from `recorded_from`
(the reason is the seed's). The demo authority leaves each such field empty on every record
whose own date is before `recorded_from`, so its extracts lack the data where the September 2016
document's own data lacked it. A record's own date is the date the field is filled in:

| extract | record date | why |
|---|---|---|
| carefirst_cp_visits | visit_date | the visit's flags are entered for that visit |
| carefirst_lac_visits | visit_date | likewise |
| carefirst_assessments | authorised_date | "child seen" and "seen alone" are recorded when the assessment is completed: the generator already leaves them empty on an assessment not yet authorised; an assessment started before the date but authorised on or after it has them, so every assessment counted in a window starting on or after the date has the field (a window is not_recorded exactly when it holds assessments without it) |
| carefirst_lac_reviews | review_date | the participation code is the review's |
| education_learning_plans | start_date | a plan's hours are recorded when it is set up; the demo makes no plan before the authority recorded them, so nothing is blanked |

A record with no date of its own (an assessment not yet authorised) is left as the simulation
made it. The fields are blanked after the whole simulation has drawn its values, so the random
sequence, and every other cell of the extracts, is the same as without the seed.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

from .records import EXTRACT_COLUMNS

# extract -> the column holding each record's own date (see the table above)
RECORD_DATE_COLUMNS: dict[str, str] = {
    "carefirst_cp_visits": "visit_date",
    "carefirst_lac_visits": "visit_date",
    "carefirst_assessments": "authorised_date",
    "carefirst_lac_reviews": "review_date",
    "education_learning_plans": "start_date",
}

SEED_COLUMNS = ("la_code", "extract_name", "column_name", "recorded_from", "reason")


class FieldRecordingError(ValueError):
    """A row of the field recording seed the generator cannot apply (file, line and rule)."""


@dataclass(frozen=True)
class FieldRecording:
    """One row of the seed: `extract_name.column_name` is recorded from `recorded_from`."""

    extract_name: str
    column_name: str
    recorded_from: dt.date
    reason: str
    line: int

    @property
    def field(self) -> str:
        """The field as the catalogue's fields_needed names it: `extract.column`."""
        return f"{self.extract_name}.{self.column_name}"


def load_field_recording(path: str, la_code: str) -> list[FieldRecording]:
    """The seed's rows for one authority, checked; raises FieldRecordingError naming the file,
    the line and the rule broken."""
    out: list[FieldRecording] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in SEED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise FieldRecordingError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            if row["la_code"].strip() != str(la_code):
                continue
            extract, column = row["extract_name"].strip(), row["column_name"].strip()
            rule = _broken_rule(extract, column, row["recorded_from"].strip(), seen)
            if rule:
                raise FieldRecordingError(f"{path}: line {line}: {extract}.{column}: {rule}")
            seen.add(f"{extract}.{column}")
            since = dt.date.fromisoformat(row["recorded_from"].strip())
            out.append(FieldRecording(extract, column, since, row["reason"].strip(), line))
    return out


def _broken_rule(extract: str, column: str, recorded_from: str, seen: set[str]) -> str | None:
    """The rule a seed row breaks for the generator, or None."""
    if extract not in EXTRACT_COLUMNS:
        return "extract_name is not one of the extracts the demo writes"
    if column not in EXTRACT_COLUMNS[extract]:
        return f"column_name is not a column of {extract}"
    if extract not in RECORD_DATE_COLUMNS:
        return (
            "the demo generator knows no record date for this extract "
            "(scripts/demo/recording.py, RECORD_DATE_COLUMNS)"
        )
    if column in (RECORD_DATE_COLUMNS[extract], EXTRACT_COLUMNS[extract][0]):
        return "the record's own date and identifier are always recorded"
    try:
        dt.date.fromisoformat(recorded_from)
    except ValueError:
        return f"recorded_from {recorded_from!r} is not a date (YYYY-MM-DD)"
    if f"{extract}.{column}" in seen:
        return "listed twice for this authority"
    return None


def recorded_from_by_field(recordings: list[FieldRecording]) -> dict[str, dt.date]:
    """`extract.column` -> the date from which it is recorded (absent: recorded throughout)."""
    return {r.field: r.recorded_from for r in recordings}


def blank_unrecorded(records: dict[str, list], recordings: list[FieldRecording]) -> dict[str, int]:
    """Empty each listed field on the records dated before its recorded_from (in place);
    returns the number of cells emptied per `extract.column`."""
    emptied: dict[str, int] = {}
    for r in recordings:
        date_column = RECORD_DATE_COLUMNS[r.extract_name]
        n = 0
        for rec in records[r.extract_name]:
            own_date = getattr(rec, date_column)
            if (
                own_date is not None
                and own_date < r.recorded_from
                and getattr(rec, r.column_name) is not None
            ):
                setattr(rec, r.column_name, None)
                n += 1
        emptied[r.field] = n
    return emptied
