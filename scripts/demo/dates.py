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
