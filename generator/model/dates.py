"""Partial dates: a year, a month or a day, stated by a source or inferred.

Why: the subject is full of "from April 2013" and "in 2016"; forcing a day would
invent precision the sources do not have.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, month or day.

    Not ordered with `<`: there are two honest orders (earliest possible day, for "in force on"
    checks; `sort_key`, for lists of events), and a made-up 1 January is neither.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `2019`, `2019-03` or `2019-03-21`; raise ValueError with a hint otherwise."""
        match = _DATE_PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-03 or 2019-03-21")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if not 1900 <= year <= 2100:
            raise ValueError(f"year {year} is out of range: use a year between 1900 and 2100")
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist: use 01 to 12")
        if match.group(3):
            last_day = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last_day:
                raise ValueError(f"day {day:02d} does not exist in {year}-{month:02d}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Where this date goes in a list of events: "2021" after every dated event of 2021, and
        "March 2025" after every dated day of March 2025 (it may be any of them, so it is never
        shown before them as a made-up 1st)."""
        unknown_month, unknown_day = 13, 32
        return (
            self.year,
            self.month if self.precision != "year" else unknown_month,
            self.day if self.precision == "day" else unknown_day,
        )

    @property
    def latest(self) -> tuple[int, int, int]:
        """The last day this date could mean, for 'is A before B?' checks."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    @property
    def earliest(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """'21 March 2019', 'March 2019' or '2019'."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)
