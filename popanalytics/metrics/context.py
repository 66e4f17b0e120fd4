"""What one parameter state means on the prepared arrays, and how rows are built.

``Context`` holds the reference date R, the cycle bounds, the population and
its masks (new, long-term absent, eligible for coverage) and every employee's
group code. ``Rows`` collects figures per group as arrays and turns them into
the tidy figures frame in one go at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from popanalytics.metrics.params import NO_GROUP, TOTAL, Params
from popanalytics.metrics.prepare import Prepared

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

_EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> float:
    return float((day - _EPOCH).days)


def to_date(days: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(days))


@dataclass(frozen=True)
class Context:
    """Params resolved against the prepared arrays (see the module docstring)."""

    p: Prepared
    params: Params
    R: float  # the effective reference date as a day number
    cs: float  # cycle start
    ce: float  # cycle end
    in_pop: np.ndarray  # employee passes the filters and is in population(C, R)
    new: np.ndarray  # in_pop and new
    absent: np.ndarray  # in_pop, long-term absent on R and not new
    eligible: np.ndarray  # in_pop, not new, not absent: the coverage population
    group: np.ndarray  # group code per employee (0 when not grouped)
    group_labels: np.ndarray  # label per group code
    grouped: bool
    conv_group: np.ndarray  # group code of each conversation's employee
    agr_group: np.ndarray
    tn_group: np.ndarray
    conv_in_pop: np.ndarray  # the row's employee is in the (filtered) population
    agr_in_pop: np.ndarray
    tn_in_pop: np.ndarray
    conv_held_at_r: np.ndarray  # status held and held_date ≤ R
    pop_counts: np.ndarray  # population employees per group (float)

    @property
    def n_groups(self) -> int:
        return len(self.group_labels)

    @property
    def reference(self) -> dt.date:
        return to_date(self.R)

    def per_group(self, emp_mask: np.ndarray) -> np.ndarray:
        """Number of employees in ``emp_mask`` per group."""
        return self._sum(self.group, emp_mask)

    def count(
        self, row_group: np.ndarray, mask: np.ndarray, weights: np.ndarray | None = None
    ) -> np.ndarray:
        """Rows (or the sum of ``weights``) in ``mask`` per group of their employee
        (``row_group``: ctx.conv_group, ctx.agr_group or ctx.tn_group)."""
        return self._sum(row_group, mask, weights)

    def _sum(
        self, codes: np.ndarray, mask: np.ndarray, weights: np.ndarray | None = None
    ) -> np.ndarray:
        # A weighted bincount over all rows is ~3x faster than compressing the
        # mask first; without groups a plain count is faster still.
        if self.n_groups == 1:
            value = np.count_nonzero(mask) if weights is None else weights[mask].sum()
            return np.array([float(value)])
        w = mask if weights is None else np.where(mask, weights, 0.0)
        return np.bincount(codes, weights=w, minlength=self.n_groups).astype(float)

    def distinct(self, emp: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Distinct employees among the rows in ``mask``, per group."""
        return self.per_group(self.has_row(emp, mask))

    def has_row(self, emp: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Per employee: at least one row in ``mask``."""
        flags = np.zeros(self.p.n_emp, dtype=bool)
        flags[emp[mask]] = True
        return flags


def make_context(p: Prepared, params: Params, reference: dt.date | None = None) -> Context:
    """Resolve ``params`` (R = ``reference`` if given, else min(R, cycle end))."""
    cycle = params.cycle
    ref = reference if reference is not None else params.effective_reference
    R = day_number(ref)
    cs, ce = day_number(cycle.start), day_number(cycle.end)
    until = min(ce, R)

    passes = np.ones(p.n_emp, dtype=bool)
    for name, allowed in params.filters:
        codes = p.emp_fields[name]
        ok = np.isin(codes.labels.astype(str), list(allowed))
        # code -1 (no value) picks the appended entry: "(none)" selects those employees
        ok = np.append(ok, NO_GROUP in allowed)
        passes &= ok[codes.codes]

    start, end = p.emp_start, p.emp_end
    with np.errstate(invalid="ignore"):
        in_pop = passes & (start <= until) & (np.isnan(end) | (end >= cs))
        new = in_pop & ((until - start) < params.min_tenure_days)
        absent = in_pop & ~new & (p.emp_absent <= R)
    eligible = in_pop & ~new & ~absent
    with np.errstate(invalid="ignore"):
        conv_held_at_r = p.conv_held_status & (p.conv_held <= R)

    if params.group_by is None:
        group = np.zeros(p.n_emp, dtype=np.int64)
        labels = np.array([TOTAL], dtype=object)
        grouped = False
    else:
        codes = p.emp_fields[params.group_by]
        labels = np.append(codes.labels.astype(str).astype(object), NO_GROUP)
        group = np.where(codes.codes >= 0, codes.codes, len(labels) - 1)
        grouped = True
    return Context(
        p=p,
        params=params,
        R=R,
        cs=cs,
        ce=ce,
        in_pop=in_pop,
        new=new,
        absent=absent,
        eligible=eligible,
        group=group,
        group_labels=labels,
        grouped=grouped,
        conv_group=_row_groups(group, p.conv_emp, grouped),
        agr_group=_row_groups(group, p.agr_emp, grouped),
        tn_group=_row_groups(group, p.tn_emp, grouped),
        conv_in_pop=in_pop[p.conv_emp],
        agr_in_pop=in_pop[p.agr_emp],
        tn_in_pop=in_pop[p.tn_emp],
        conv_held_at_r=conv_held_at_r,
        pop_counts=np.bincount(group[in_pop], minlength=len(labels)).astype(float),
    )


def _row_groups(group: np.ndarray, emp: np.ndarray, grouped: bool) -> np.ndarray:
    """Group code of each row's employee (all 0 without grouping: no gather)."""
    return group[emp] if grouped else np.zeros(len(emp), dtype=np.int64)


@dataclass
class Rows:
    """Collects figures per group; ``frame()`` gives the tidy figures frame.

    Groups that hold no population employee are left out; the total row is
    the sum over the groups (numerators, denominators and distinct employees
    add up because every employee belongs to exactly one group) unless a
    non-additive total (a median) is passed explicitly.
    """

    ctx: Context
    shown: np.ndarray = field(init=False)
    blocks: list[dict[str, np.ndarray]] = field(default_factory=list)

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
            np.array([None], dtype=object),
            num[None, :],
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
    ) -> None:
        """A figure per breakdown value: ``num`` is (values x groups); ``den`` and
        ``employees`` are per group (or values x groups)."""
        k = len(values)
        n_groups = self.ctx.n_groups
        num = np.broadcast_to(np.asarray(num, dtype=float), (k, n_groups))
        den = np.broadcast_to(np.asarray(den, dtype=float), (k, n_groups))
        emp = np.broadcast_to(np.asarray(employees, dtype=float), (k, n_groups))
        if total is None:
            t_num, t_den, t_emp = num.sum(axis=1), den.sum(axis=1), emp.sum(axis=1)
        else:
            t_num = np.array([x[0] for x in total], dtype=float)
            t_den = np.array([x[1] for x in total], dtype=float)
            t_emp = np.array([x[2] for x in total], dtype=float)
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
        if rate:
            with np.errstate(divide="ignore", invalid="ignore"):
                rates = np.where(all_den > 0, all_num / np.where(all_den > 0, all_den, 1), np.nan)
        else:
            rates = np.full(all_num.shape, np.nan)
        self.blocks.append(
            {
                "metric": np.full(k * width, metric, dtype=object),
                "group": np.tile(groups, k),
                "breakdown_field": np.full(k * width, field_name, dtype=object),
                "breakdown": np.repeat(values.astype(object), width),
                "numerator": all_num.ravel(),
                "denominator": all_den.ravel(),
                "rate": rates.ravel(),
                "employees": all_emp.ravel(),
            }
        )

    def frame(self) -> pd.DataFrame:
        if not self.blocks:
            return empty_figures()
        data = {c: np.concatenate([b[c] for b in self.blocks]) for c in self.blocks[0]}
        # object columns keep None (not NaN) for "no breakdown"
        out = pd.DataFrame(
            {
                c: pd.Series(v, dtype=object if v.dtype == object else v.dtype)
                for c, v in data.items()
            }
        )
        out["employees"] = out["employees"].astype(np.int64)
        out["suppressed"] = False
        return out.loc[:, list(FIGURE_COLUMNS)]


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


def median_by_group(
    ctx: Context, emp: np.ndarray, mask: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float, float]]:
    """Median of ``values`` over the rows in ``mask``: per group the median, the
    number of rows and the distinct employees, plus the total of those three."""
    g = ctx.group[emp[mask]]
    v = values[mask]
    n_groups = ctx.n_groups
    counts = np.bincount(g, minlength=n_groups)
    total_med = float(np.median(v)) if len(v) else np.nan
    if n_groups == 1:
        med = np.array([total_med])
    else:
        # Day differences are whole numbers: sorting group * span + value
        # sorts by group, then value, in one np.sort (no argsort needed).
        low = v.min() if len(v) else 0.0
        span = float(v.max() - low) + 1 if len(v) else 1.0
        keys = np.sort(g * span + (v - low))
        ordered = keys - np.floor(keys / span) * span + low
        ends = np.cumsum(counts)
        starts = ends - counts
        has = counts > 0
        if len(v):
            lo = ordered[np.where(has, starts + (counts - 1) // 2, 0)]
            hi = ordered[np.where(has, starts + counts // 2, 0)]
        else:
            lo = hi = np.zeros(n_groups)
        med = np.where(has, (lo + hi) / 2, np.nan)
    emps = ctx.distinct(emp, mask)
    counts = counts.astype(float)
    return med, counts, emps, (total_med, float(len(v)), float(emps.sum()))
