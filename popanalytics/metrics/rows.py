"""How the figures frame is built: ``Rows`` collects figures per group as arrays
and turns them into the tidy frame in one go at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from popanalytics.metrics.context import Context
from popanalytics.metrics.params import NO_GROUP, TOTAL

FIGURE_COLUMNS: tuple[str, ...] = (
    "metric",
    "group",
    "breakdown_field",
    "breakdown",
    "numerator",
    "denominator",
    "rate",
    "employees",
    "suppressed",
)


@dataclass
class Rows:
    """Collects figures per group; ``frame()`` gives the tidy figures frame.

    Groups that hold no population employee are left out; the total row is
    the sum over the groups (numerators, denominators and distinct employees
    add up because every employee belongs to exactly one group) unless a
    non-additive total (a median) is passed explicitly.

    ``add``/``add_breakdown`` only record their arrays: the totals, the shown
    groups, the rates and the label columns are built for all figures at once
    in ``frame()`` (a handful of numpy calls instead of a dozen per figure).
    """

    ctx: Context
    # Also record, per breakdown value, the distinct employees it covers (the
    # disclosure plan needs them; a normal query does not pay for them).
    with_distinct: bool = False
    shown: np.ndarray = field(init=False)
    _metrics: list[str] = field(default_factory=list)
    _fields: list[str | None] = field(default_factory=list)
    _values: list[np.ndarray] = field(default_factory=list)
    _num: list[np.ndarray] = field(default_factory=list)  # (values x groups) each
    _den: list[np.ndarray] = field(default_factory=list)
    _emp: list[np.ndarray] = field(default_factory=list)
    _dist: list[np.ndarray | None] = field(default_factory=list)
    _rate: list[bool] = field(default_factory=list)
    _totals: list[tuple[int, list[tuple[float, float, float]]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        present = np.flatnonzero(self.ctx.pop_counts > 0)
        # Groups alphabetically, the empty group "(none)" last.
        labels = self.ctx.group_labels[present].astype(str)
        order = np.lexsort((labels, labels == NO_GROUP))
        self.shown = present[order]

    def add(
        self,
        metric: str,
        num: np.ndarray,
        den: np.ndarray,
        employees: np.ndarray,
        *,
        rate: bool = True,
        total: tuple[float, float, float] | None = None,
    ) -> None:
        """One headline figure: arrays per group code."""
        self.add_breakdown(
            metric,
            None,
            _NO_BREAKDOWN,
            np.asarray(num, dtype=float)[None, :],
            den,
            employees,
            rate=rate,
            total=None if total is None else [total],
        )

    def add_breakdown(
        self,
        metric: str,
        field_name: str | None,
        values: np.ndarray,
        num: np.ndarray,
        den: np.ndarray,
        employees: np.ndarray,
        *,
        rate: bool = True,
        total: list[tuple[float, float, float]] | None = None,
        distinct: np.ndarray | None = None,
    ) -> None:
        """A figure per breakdown value: ``num`` is (values x groups); ``den`` and
        ``employees`` are per group (or values x groups). ``distinct`` (values x
        groups): the employees each value covers, given when ``with_distinct``."""
        shape = (len(values), self.ctx.n_groups)
        if total is not None:
            self._totals.append((sum(len(v) for v in self._values), total))
        self._metrics.append(metric)
        self._fields.append(field_name)
        self._values.append(values)
        self._num.append(_as_block(num, shape))
        self._den.append(_as_block(den, shape))
        self._emp.append(_as_block(employees, shape))
        self._dist.append(None if distinct is None else _as_block(distinct, shape))
        self._rate.append(rate)

    def per_group(self) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """The raw rows before totals: (keys, employees, distinct). ``keys`` has
        metric, breakdown_field, breakdown per row; ``employees`` is (rows x
        groups) of each figure's employees; ``distinct`` the employees a
        breakdown value covers (a headline row: its employees)."""
        sizes = [len(v) for v in self._values]
        keys = pd.DataFrame(
            {
                "metric": np.repeat(np.array(self._metrics, dtype=object), sizes),
                "breakdown_field": np.repeat(np.array(self._fields, dtype=object), sizes),
                "breakdown": np.concatenate(self._values).astype(object),
            }
        )
        emp = np.concatenate(self._emp)
        dist = np.concatenate(
            [e if d is None else d for e, d in zip(self._emp, self._dist, strict=True)]
        )
        return keys, emp, dist

    def frame(self) -> pd.DataFrame:
        if not self._metrics:
            return empty_figures()
        sizes = np.array([len(v) for v in self._values])
        num = np.concatenate(self._num)  # (rows x groups)
        den = np.concatenate(self._den)
        emp = np.concatenate(self._emp)
        t_num, t_den, t_emp = num.sum(axis=1), den.sum(axis=1), emp.sum(axis=1)
        for offset, totals in self._totals:  # non-additive totals (medians)
            stop = offset + len(totals)
            t_num[offset:stop] = [x[0] for x in totals]
            t_den[offset:stop] = [x[1] for x in totals]
            t_emp[offset:stop] = [x[2] for x in totals]
        if self.ctx.grouped:
            cols = self.shown
            all_num = np.column_stack([t_num, num[:, cols]])
            all_den = np.column_stack([t_den, den[:, cols]])
            all_emp = np.column_stack([t_emp, emp[:, cols]])
            groups = np.append(np.array([TOTAL], dtype=object), self.ctx.group_labels[cols])
        else:
            all_num, all_den, all_emp = t_num[:, None], t_den[:, None], t_emp[:, None]
            groups = np.array([TOTAL], dtype=object)
        width = len(groups)
        is_rate = np.repeat(np.array(self._rate, dtype=bool), sizes)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            ok = is_rate & (all_den > 0)
            rates = np.where(ok, all_num / np.where(ok, all_den, 1), np.nan)
        per_row = sizes * width
        n = int(per_row.sum())
        metric = np.repeat(np.array(self._metrics, dtype=object), per_row)
        field_name = np.repeat(np.array(self._fields, dtype=object), per_row)
        breakdown = np.repeat(np.concatenate(self._values).astype(object), width)
        # object columns keep None (not NaN) for "no breakdown"
        return pd.DataFrame(
            {
                "metric": pd.Series(metric, dtype=object),
                "group": pd.Series(np.tile(groups, len(num)), dtype=object),
                "breakdown_field": pd.Series(field_name, dtype=object),
                "breakdown": pd.Series(breakdown, dtype=object),
                "numerator": all_num.ravel(),
                "denominator": all_den.ravel(),
                "rate": rates.ravel(),
                "employees": all_emp.ravel().astype(np.int64),
                "suppressed": np.zeros(n, dtype=bool),
            },
            copy=False,  # every column is freshly built here
        )


_NO_BREAKDOWN = np.array([None], dtype=object)


def _as_block(values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """``values`` (per group, or values x groups) as a float (values x groups)
    block; the common shapes without np.broadcast_to's overhead."""
    values = np.asarray(values, dtype=float)
    if values.shape == shape:
        return values
    if values.ndim == 1 and shape[0] == 1:
        return values[None, :]
    return np.broadcast_to(values, shape)


def empty_figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric": pd.Series([], dtype=object),
            "group": pd.Series([], dtype=object),
            "breakdown_field": pd.Series([], dtype=object),
            "breakdown": pd.Series([], dtype=object),
            "numerator": pd.Series([], dtype=float),
            "denominator": pd.Series([], dtype=float),
            "rate": pd.Series([], dtype=float),
            "employees": pd.Series([], dtype=np.int64),
            "suppressed": pd.Series([], dtype=bool),
        }
    )
