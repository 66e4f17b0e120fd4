"""The one frozen parameters object every metric takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

Audience = Literal["hr", "management"]

# Fields one can filter or group by (employee attributes).
GROUP_FIELDS: tuple[str, ...] = (
    "department",
    "team",
    "location",
    "job_title",
    "manager_id",
    "contract_type",
)
CONVERSATION_TYPES_ANY: tuple[str, ...] = ("development", "performance", "appraisal", "any")
DEFAULT_K = 5  # the default suppression threshold: groups under k people are hidden
TOTAL = "all"  # the group value of the ungrouped total row
NO_GROUP = "(none)"  # the group of employees with an empty grouping field


@dataclass(frozen=True)
class Cycle:
    """A cycle: ``year`` is the calendar year it starts in."""

    year: int
    start_month: int = 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.start_month, 1)

    @property
    def end(self) -> dt.date:
        if self.start_month == 1:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year + 1, self.start_month, 1) - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return str(self.year) if self.start_month == 1 else f"{self.year}-{self.year + 1}"

    def previous(self, n: int = 1) -> Cycle:
        return Cycle(self.year - n, self.start_month)

    @classmethod
    def containing(cls, day: dt.date, start_month: int = 1) -> Cycle:
        year = day.year if day.month >= start_month else day.year - 1
        return cls(year, start_month)


@dataclass(frozen=True)
class Params:
    """Cycle, reference date, filters, grouping, audience and options.

    ``filters`` is a tuple of (field, allowed values) pairs so the object stays
    hashable (the dashboard caches on it). ``cycle_year`` None means the cycle
    containing the reference date; ``reference_date`` None means today.
    """

    cycle_year: int | None = None
    cycle_start_month: int = 1
    reference_date: dt.date | None = None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    group_by: str | None = None
    audience: Audience = "hr"
    k: int = DEFAULT_K
    min_tenure_days: int = 90
    grace_days: int = 60
    window_months: int | None = None
    conversation_type: str = "any"  # the type for "lags" and the dashboard's focus
    trend_cycles: int = 3

    def __post_init__(self) -> None:
        if self.k < 3:
            raise ValueError("k must be at least 3")
        if self.group_by is not None and self.group_by not in GROUP_FIELDS:
            raise ValueError(f"cannot group by {self.group_by!r}")
        for name, _ in self.filters:
            if name not in GROUP_FIELDS:
                raise ValueError(f"cannot filter on {name!r}")
        if not 1 <= self.cycle_start_month <= 12:
            raise ValueError("cycle_start_month must be 1..12")

    @property
    def reference(self) -> dt.date:
        return self.reference_date or dt.date.today()

    @property
    def cycle(self) -> Cycle:
        if self.cycle_year is None:
            return Cycle.containing(self.reference, self.cycle_start_month)
        return Cycle(self.cycle_year, self.cycle_start_month)

    @property
    def effective_reference(self) -> dt.date:
        """Figures of a past cycle are as of its end: min(R, cycle end)."""
        return min(self.reference, self.cycle.end)

    def with_(self, **changes: object) -> Params:
        return replace(self, **changes)  # type: ignore[arg-type]

    def filter_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filters)
