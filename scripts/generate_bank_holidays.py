"""Write seeds/reference/bank_holidays.csv: England and Wales bank holidays on weekdays.

The working-day calendar (docs/design.md, "Working days") counts Monday to Friday except these
dates. The list comes from the `holidays` package (pinned in requirements.txt), subdivision
England of the United Kingdom, which England and Wales share:

    holidays.country_holidays("GB", subdiv="ENG", years=range(1995, 2031))

It includes the substitute ("observed") days given when a holiday falls on a weekend and the
one-off days (royal weddings, jubilees, the 2020 VE Day move, the 2022 state funeral, the 2023
coronation). Holidays that fall on a Saturday or Sunday are dropped: they are not working days
anyway, and their substitute weekday is in the list.

Run from anywhere:  .venv/bin/python scripts/generate_bank_holidays.py
The output is deterministic: running it again with the same `holidays` version reproduces the
committed CSV byte for byte (`--check` exits non-zero if it would not).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import holidays

FIRST_YEAR = 1995
LAST_YEAR = 2030
OUTPUT = Path(__file__).resolve().parent.parent / "seeds" / "reference" / "bank_holidays.csv"


def bank_holiday_rows() -> list[tuple[str, str]]:
    """(ISO date, name) for every England and Wales bank holiday on a weekday, in date order."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return [(day.isoformat(), name) for day, name in sorted(calendar.items()) if day.weekday() < 5]


def render_csv(rows: list[tuple[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["holiday_date", "holiday_name"])
    writer.writerows(rows)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the committed CSV differs from what would be written",
    )
    args = parser.parse_args()

    text = render_csv(bank_holiday_rows())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if current != text:
            print(f"{OUTPUT} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} holidays)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
