"""Date helpers shared by the generator and the ground truth.

Working days follow docs/design.md, "Conventions used by every definition": Monday to Friday
except England and Wales bank holidays; the working days from d1 to d2 are the working days d
with d1 < d <= d2 (the day after d1 is day 1). Bank holidays come from the `holidays` package
(`holidays.country_holidays("GB", subdiv="ENG", years=...)`), weekdays only.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right

import holidays

ONE_DAY = dt.timedelta(days=1)


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def add_days(d: dt.date, n: int) -> dt.date:
    return d + dt.timedelta(days=n)


def add_months(d: dt.date, months: int) -> dt.date:
    """Calendar months: same day of the month, clipped to the month's last day
    (31 January + 1 month = 28/29 February)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(d.day, last))


def add_years(d: dt.date, years: int) -> dt.date:
    return add_months(d, 12 * years)


def month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def age_in_years(dob: dt.date, on: dt.date) -> int:
    """Whole years of age on a date (a birthday counts on the day)."""
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


def birthday(dob: dt.date, age: int) -> dt.date:
    """The date a child born on `dob` reaches `age` (29 February birthdays fall on 28 February)."""
    return add_years(dob, age)


class WorkingDays:
    """England and Wales working days over a fixed range of years, with O(1) counting."""

    def __init__(self, first_year: int = 1995, last_year: int = 2035) -> None:
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.bank_holidays = frozenset(d for d in bank if d.weekday() < 5)
        self._base = dt.date(first_year, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        cum = []
        n = 0
        for o in range(self._base, end + 1):
            d = dt.date.fromordinal(o)
            if d.weekday() < 5 and d not in self.bank_holidays:
                n += 1
            cum.append(n)
        self._cum = cum

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5 and d not in self.bank_holidays

    def between(self, d1: dt.date, d2: dt.date) -> int:
        """Working days d with d1 < d <= d2 (negative if d2 < d1)."""
        return self._cum[d2.toordinal() - self._base] - self._cum[d1.toordinal() - self._base]

    def add(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after d (n >= 1): the date e with between(d, e) == n."""
        target = self._cum[d.toordinal() - self._base] + n
        i = bisect_right(self._cum, target - 1)  # first index whose count reaches target
        return dt.date.fromordinal(self._base + i)

    def next_working_day(self, d: dt.date) -> dt.date:
        while not self.is_working_day(d):
            d += ONE_DAY
        return d

    def previous_working_day(self, d: dt.date) -> dt.date:
        while not self.is_working_day(d):
            d -= ONE_DAY
        return d


def academic_year_label(start_year: int) -> str:
    """The academic year starting 1 September `start_year`, as the extracts write it: 2015/16."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_start(d: dt.date) -> dt.date:
    """1 September of the academic year (1 September to 31 August) containing d."""
    return dt.date(d.year if d.month >= 9 else d.year - 1, 9, 1)


class SchoolDays:
    """The authority's school days (docs/design.md, "School days"): a Monday-Friday date within
    one of the half-terms of `seeds/reference/school_terms.csv` (first_day to last_day
    inclusive) that is not a bank holiday (WorkingDays' list, the `bank_holidays` seed's).
    `cum(d)` is the number of school days on or before d, so the school days from a first day
    a to a date b, a counted as day 1, are cum(b) - cum(a - 1 day)."""

    def __init__(self, terms_path: str, la_code: str, wd: WorkingDays) -> None:
        import csv

        self.half_terms: list[tuple[str, int, dt.date, dt.date]] = []
        with open(terms_path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["la_code"].strip() != str(la_code):
                    continue
                self.half_terms.append(
                    (
                        row["academic_year"],
                        int(row["half_term"]),
                        parse_date(row["first_day"]),
                        parse_date(row["last_day"]),
                    )
                )
        if not self.half_terms:
            raise ValueError(f"{terms_path}: no school terms for la_code {la_code}")
        self.half_terms.sort(key=lambda t: t[2])
        days = []
        for _, _, first, last in self.half_terms:
            d = first
            while d <= last:
                if wd.is_working_day(d):
                    days.append(d)
                d += ONE_DAY
        self.days: list[dt.date] = days
        self._set = frozenset(days)

    def is_school_day(self, d: dt.date) -> bool:
        return d in self._set

    def cum(self, d: dt.date) -> int:
        """School days on or before d."""
        return bisect_right(self.days, d)

    def day_number(self, first: dt.date, d: dt.date) -> int:
        """d's school-day number counting `first` (a school day) as day 1; a non-school day
        counts as the last school day before it."""
        return self.cum(d) - self.cum(first - ONE_DAY)

    def nth(self, first: dt.date, n: int) -> dt.date:
        """The n-th school day counting `first` as day 1 (n >= 1; first a school day)."""
        return self.days[self.cum(first - ONE_DAY) + n - 1]

    def in_year(self, start_year: int, until: dt.date | None = None) -> list[dt.date]:
        """The school days of the academic year starting 1 September start_year (to `until`)."""
        lo, hi = dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)
        if until is not None:
            hi = min(hi, until)
        return [d for d in self.days if lo <= d <= hi]
