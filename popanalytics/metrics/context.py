"""What one parameter state means on the prepared arrays.

``Context`` holds the reference date R, the cycle bounds, the population and
its masks (new, long-term absent, eligible for coverage) and every employee's
group code, with the per-group counting the figures use. The rows of the
figures frame are collected by ``popanalytics.metrics.rows.Rows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np

from popanalytics.metrics.params import NO_GROUP, TOTAL, Params
from popanalytics.metrics.prepare import Codes, Prepared, compress

_EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> float:
    return float((day - _EPOCH).days)


def to_date(days: float) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(days))


@dataclass(frozen=True)
class Context:
    """Params resolved against the prepared arrays (see the module docstring)."""

    data: Prepared
    params: Params
    reference: float  # R, the effective reference date, as a day number
    cycle_start: float  # the cycle's first day, as a day number
    cycle_end: float  # the cycle's last day
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

    def in_cycle_to_r(self, days: np.ndarray) -> np.ndarray:
        """Day numbers in the cycle on or before R (a missing day is False): the
        window of everything "in C up to R" (agreed, requested, held)."""
        with np.errstate(invalid="ignore"):
            return (days >= self.cycle_start) & (days <= min(self.cycle_end, self.reference))

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
        if weights is None:
            if self.n_groups == 1:
                return np.array([float(np.count_nonzero(mask))])
            return np.bincount(codes, weights=mask, minlength=self.n_groups).astype(float)
        # Sum the picked weights themselves (same terms, same order as
        # weights[mask]): cheaper than weighting every row with zeros.
        rows = np.flatnonzero(mask)
        picked = weights.take(rows)
        if self.n_groups == 1:
            return np.array([float(picked.sum())])
        return np.bincount(codes.take(rows), weights=picked, minlength=self.n_groups)

    def distinct(self, emp: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Distinct employees among the rows in ``mask``, per group."""
        return self.per_group(self.has_row(emp, mask))

    def has_row(self, emp: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Per employee: at least one row in ``mask``."""
        flags = np.zeros(self.data.n_emp, dtype=bool)
        flags[compress(emp, mask)] = True
        return flags


def make_context(data: Prepared, params: Params) -> Context:
    """Resolve ``params`` against ``data`` (R = min(reference date, cycle end))."""
    cycle = params.cycle
    reference = day_number(params.effective_reference)
    cycle_start, cycle_end = day_number(cycle.start), day_number(cycle.end)
    until = min(cycle_end, reference)

    passes = np.ones(data.n_emp, dtype=bool)
    for name, allowed in params.filters:
        passes &= filter_mask(data, name, allowed)

    start, end = data.employees.start, data.employees.end
    with np.errstate(invalid="ignore"):
        in_pop = passes & (start <= until) & (np.isnan(end) | (end >= cycle_start))
        new = in_pop & ((until - start) < params.min_tenure_days)
        absent = in_pop & ~new & (data.employees.absent <= reference)
    eligible = in_pop & ~new & ~absent
    with np.errstate(invalid="ignore"):
        conv_held_at_r = data.conversations.held_at <= reference  # NaN unless status held

    if params.group_by is None:
        group = np.zeros(data.n_emp, dtype=np.int64)
        labels = np.array([TOTAL], dtype=object)
        grouped = False
    else:
        codes = data.employees.fields[params.group_by]
        labels = np.append(codes.labels.astype(str).astype(object), NO_GROUP)
        group = np.where(codes.codes >= 0, codes.codes, len(labels) - 1)
        grouped = True
    return Context(
        data=data,
        params=params,
        reference=reference,
        cycle_start=cycle_start,
        cycle_end=cycle_end,
        in_pop=in_pop,
        new=new,
        absent=absent,
        eligible=eligible,
        group=group,
        group_labels=labels,
        grouped=grouped,
        conv_group=_row_groups(group, data.conversations.emp, grouped),
        agr_group=_row_groups(group, data.agreements.emp, grouped),
        tn_group=_row_groups(group, data.needs.emp, grouped),
        conv_in_pop=in_pop[data.conversations.emp],
        agr_in_pop=in_pop[data.agreements.emp],
        tn_in_pop=in_pop[data.needs.emp],
        conv_held_at_r=conv_held_at_r,
        pop_counts=(
            np.bincount(group, weights=in_pop, minlength=len(labels))
            if grouped
            else np.array([float(np.count_nonzero(in_pop))])
        ),
    )


def filter_mask(data: Prepared, name: str, allowed: tuple[str, ...]) -> np.ndarray:
    """Per employee: the field ``name`` has one of the ``allowed`` values
    (``"(none)"`` selects the employees without a value)."""
    codes = data.employees.fields[name]
    ok = np.isin(codes.labels.astype(str), list(allowed))
    # code -1 (no value) picks the appended entry: "(none)" selects those employees
    ok = np.append(ok, NO_GROUP in allowed)
    result: np.ndarray = ok[codes.codes]
    return result


def regroup(ctx: Context, codes: np.ndarray, n_groups: int) -> Context:
    """``ctx`` grouped by arbitrary group ``codes`` (one per employee, 0..n_groups-1)
    instead of a field: the disclosure plan counts per atom this way."""
    data = ctx.data
    return replace(
        ctx,
        group=codes,
        group_labels=np.arange(n_groups).astype(str).astype(object),
        grouped=True,
        conv_group=codes[data.conversations.emp],
        agr_group=codes[data.agreements.emp],
        tn_group=codes[data.needs.emp],
        pop_counts=np.bincount(codes, weights=ctx.in_pop, minlength=n_groups),
    )


def _row_groups(group: np.ndarray, emp: np.ndarray, grouped: bool) -> np.ndarray:
    """Group code of each row's employee (all 0 without grouping: no gather)."""
    return group[emp] if grouped else np.zeros(len(emp), dtype=np.int64)


def value_distinct(ctx: Context, emp: np.ndarray, cls: np.ndarray, n_values: int) -> np.ndarray:
    """(values x groups): distinct employees per value class ``cls`` (0..n_values-1)
    of rows whose employee is ``emp``: the (employee, value) pairs flagged in
    one grid (a scatter, cheaper than a sort of the pairs)."""
    seen = np.zeros(ctx.data.n_emp * n_values, dtype=bool)
    seen[emp.astype(np.int64) * n_values + cls] = True
    e, v = np.divmod(np.flatnonzero(seen), n_values)
    cell = v * ctx.n_groups + ctx.group[e]
    return (
        np.bincount(cell, minlength=n_values * ctx.n_groups)
        .astype(float)
        .reshape(n_values, ctx.n_groups)
    )


def breakdown_counts(
    ctx: Context,
    row_group: np.ndarray,
    codes: Codes,
    weights: np.ndarray | None = None,
    emp: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(values, sums) of a coded column over its rows, per group of the row's
    employee (``row_group``): sums is (values x groups) of row counts, or with
    2-d ``weights`` (w x rows) (w x values x groups). A missing value is its
    own class ``(none)``, shown only when it occurs; values alphabetically,
    ``(none)`` last. With ``emp`` (each row's employee) also the distinct
    employees per (value, group), else None."""
    n_values = len(codes.labels)
    cls = np.where(codes.codes < 0, n_values, codes.codes)
    cell = cls * ctx.n_groups + row_group if ctx.n_groups > 1 else cls
    size = (n_values + 1) * ctx.n_groups
    sums: np.ndarray
    if weights is None:
        sums = np.bincount(cell, minlength=size).astype(float).reshape(n_values + 1, ctx.n_groups)
        present = sums.sum(axis=1) > 0
    else:
        sums = np.stack([np.bincount(cell, weights=w, minlength=size) for w in weights]).reshape(
            len(weights), n_values + 1, ctx.n_groups
        )
        present = np.bincount(cls, minlength=n_values + 1) > 0
    values = np.append(codes.labels.astype(object), NO_GROUP)
    order = np.append(np.argsort(values[:-1].astype(str), kind="stable"), n_values)
    keep = order[present[order]]
    distinct = None if emp is None else value_distinct(ctx, emp, cls, n_values + 1)[keep]
    return values[keep], sums[..., keep, :], distinct


def median_by_group(
    ctx: Context, emp: np.ndarray, mask: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float, float]]:
    """Median of ``values`` over the rows in ``mask``: per group the median, the
    number of rows and the distinct employees, plus the total of those three."""
    rows = np.flatnonzero(mask)
    emp_rows = emp.take(rows)
    v = values.take(rows)
    n_groups = ctx.n_groups
    g = ctx.group.take(emp_rows) if n_groups > 1 else np.zeros(len(rows), dtype=np.int64)
    counts = np.bincount(g, minlength=n_groups)
    total_med = float(whole_medians(np.zeros(len(v), dtype=np.int64), v, 1)[0])
    med = np.array([total_med]) if n_groups == 1 else whole_medians(g, v, n_groups)
    flags = np.zeros(ctx.data.n_emp, dtype=bool)
    flags[emp_rows] = True
    emps = ctx.per_group(flags)
    counts = counts.astype(float)
    return med, counts, emps, (total_med, float(len(v)), float(emps.sum()))


def whole_medians(g: np.ndarray, v: np.ndarray, n_groups: int) -> np.ndarray:
    """Median of the whole-number values ``v`` per group code ``g`` (NaN for a
    group without values); the same numbers as np.median per group.

    Day differences are whole numbers in a limited range, so a (group x value)
    histogram finds the middle ranks in O(n + groups * span) without sorting;
    with too many cells it falls back to one sort of group * span + value.
    """
    counts = np.bincount(g, minlength=n_groups)
    has = counts > 0
    if not len(v):
        return np.full(n_groups, np.nan)
    lo_rank = np.where(has, (counts - 1) // 2, 0)
    hi_rank = np.where(has, counts // 2, 0)
    low = v.min()
    span = int(v.max() - low) + 1
    offsets = (v - low).astype(np.int64)
    if n_groups * span <= max(4 * len(v), 1 << 16):
        hist = np.bincount(g * span + offsets, minlength=n_groups * span)
        cum = np.cumsum(hist.reshape(n_groups, span), axis=1)
        # the value at rank r is the first one whose cumulative count exceeds r
        lo = (cum <= lo_rank[:, None]).sum(axis=1) + low
        hi = (cum <= hi_rank[:, None]).sum(axis=1) + low
    else:
        ordered = np.sort(g * span + offsets) % span + low
        starts = np.cumsum(counts) - counts
        lo = ordered[np.where(has, starts + lo_rank, 0)]
        hi = ordered[np.where(has, starts + hi_rank, 0)]
    return np.where(has, (lo + hi) / 2, np.nan)
