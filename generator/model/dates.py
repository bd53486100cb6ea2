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


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, month or day. Orders by its earliest possible day."""

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
