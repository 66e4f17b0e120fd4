"""Suppression for the management audience that holds across queries.

A per-query rule (hide small cells, then one complement per row) can be undone
by combining queries: filter on a location, then group by department, and
subtract. Here the decision for a cell depends on the cell's *employee set*
only, never on the query it appears in, so no sequence of queries undoes it.

**Blocks.** For a cycle C and reference date R, the population (unfiltered)
is cut into *atoms*: employees with the same department, team, location and
contract type (a missing value is a value of its own). Atoms are merged
bottom-up along that hierarchy into *blocks* (``coarsen``): within each
parent, the children that are too small are merged together; if that union
is still too small, the smallest sibling that is not is added; if the parent
as a whole is too small it is carried up and merged one level higher; an
organisation that is too small as a whole shows nothing.

"Too small" is per metric: a unit is too small when it has fewer than k
population employees, or when the metric's own employees (the ones its
denominator covers: the eligible ones for coverage, those with an agreement
for completion...) number 1..k-1 in it. Metrics that cover the same employees
share one partition; counts over the population use the plain population
blocks.

**Headline cells.** A cell (any filter, any group, the total too) shows metric
m only when its population employees are a non-empty union of whole blocks of
m's partition and the metric covers at least k employees there. Every shown
figure is then a sum over blocks, each covering 0 or at least k of the
metric's employees, so any sum or difference of shown figures only isolates
unions of blocks: no figure about 1..k-1 employees can be worked out.

**Breakdown cells** (a value of a breakdown: theme, category, status...)
have a partition per family (metric and breakdown field), merged until each
value also covers 0 or at least k employees of a block where it can (a value
rare in the whole organisation cannot). Per block of it, value v is shown in
block b when it covers 0 or at least k distinct employees of b; if some value
of the family is hidden in b, the smallest value covering at least k is
hidden too (all values of the family when there is none), so the hidden
values of a block are never one value alone and together cover at least k
employees or all of the family. A breakdown cell is shown when its headline
cell is, it is a union of the family's blocks and v is shown in every one.

``refusal`` is the one rule for queries management may not make at all:
grouping or filtering by manager, and a job-title filter narrower than k.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from popanalytics.errors import PopError
from popanalytics.i18n import field_label, t
from popanalytics.metrics.collect import collect
from popanalytics.metrics.context import Context, filter_mask, make_context, regroup
from popanalytics.metrics.params import TOTAL, Params
from popanalytics.metrics.prepare import Prepared

# The fields management can address, coarse to fine: blocks follow them, so
# department, team and location views stay as useful as the data allows.
HIERARCHY: tuple[str, ...] = ("department", "team", "location", "contract_type")
_HIDDEN = ("numerator", "denominator", "rate", "employees")
_MEMO_SIZE = 16  # plans kept per prepared dataset (one per cycle, date and option set)


@dataclass(frozen=True)
class Plan:
    """The block decisions of one population (cycle, reference date, options, k).

    ``block`` is (partitions x employees): the block of every employee in each
    partition (-1: outside the population, or the whole partition too small);
    ``block_size`` the population employees per block. The first partitions are
    the headline ones (``metric_part``: the partition of each metric), then one
    per breakdown family. ``bkeys`` lists the breakdown rows (metric,
    breakdown_field, breakdown, part: its family's partition, pos) and
    ``bhidden[part]`` is a (rows of that family x blocks) matrix: the value is
    hidden in that block (``pos`` is the row of that matrix).
    """

    k: int
    population: np.ndarray  # bool per employee: in the unfiltered population
    block: np.ndarray  # (partitions x employees) block code, -1 outside / all hidden
    block_size: list[np.ndarray]  # per partition: population employees per block
    metric_part: dict[str, int]
    bkeys: pd.DataFrame
    bhidden: dict[int, np.ndarray]  # per family partition: (its rows x blocks) hidden

    @property
    def n_parts(self) -> int:
        return len(self.block_size)


def plan_for(data: Prepared, params: Params) -> Plan:
    """The plan of ``params``' population (filters and grouping play no part),
    computed once per prepared dataset and option set."""
    key = (
        "disclosure",
        params.cycle,
        params.effective_reference,
        params.k,
        params.min_tenure_days,
        params.grace_days,
        params.window_months,
    )
    plan = data.memo.get(key)
    if plan is None:
        if len(data.memo) >= _MEMO_SIZE:
            data.memo.pop(next(iter(data.memo)))
        plan = data.memo[key] = build_plan(data, params)
    return plan  # type: ignore[no-any-return]


def atoms(data: Prepared, population: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(atom per employee, -1 outside ``population``; hierarchy codes per atom,
    (atoms x HIERARCHY) with a missing value as a code of its own)."""
    codes = np.stack([data.employees.fields[f].codes[population] + 1 for f in HIERARCHY], axis=1)
    paths, inverse = np.unique(codes, axis=0, return_inverse=True)
    atom = np.full(data.n_emp, -1, dtype=np.int64)
    atom[population] = inverse.reshape(-1)
    return atom, paths.astype(np.int64)


def coarsen(
    paths: np.ndarray, weights: np.ndarray, k: int, strict: int | None = None
) -> np.ndarray:
    """Merge items into units along the hierarchy of ``paths`` (items x levels,
    coarse to fine; column 0 is never merged across) until no unit is too
    small: a weight (column of ``weights``) of 1..k-1. Returns the unit of each
    item (an item's index stands for its unit), -1 where even the whole
    top-level group stays too small in one of the first ``strict`` weights
    (all by default); too small in another weight only, it stays one unit.

    Per level, within each parent: the too-small children are merged; while
    that union is too small, units of the other children are added, from the
    smallest child (by the first weight) up and within it from the smallest
    unit up (ties: index); a parent that stays too small goes up a level.
    """
    n, depth = paths.shape
    unit = np.arange(n)
    prefix = _prefix_codes(paths)
    for level in range(depth - 1, 0, -1):
        parent = prefix[level]
        # units: representative item, its parent and summed weights
        reps, inv = np.unique(unit, return_inverse=True)
        w = _unit_weights(inv, weights, len(reps))
        small = _too_small(w, k)
        if not small.any():
            break
        upar = parent[reps]
        has_small = np.bincount(upar, weights=small, minlength=upar.max() + 1) > 0
        # the size of each unit's child node (its items share that prefix)
        child = prefix[level + 1]
        node_w = np.bincount(child, weights=weights[:, 0])[child[reps]]
        # smalls first, then the others from the smallest child node up (within
        # it the smallest unit first): the merge stays in one sibling if it can
        order = np.lexsort((reps, w[:, 0], node_w, ~small, upar))
        upar_o, w_o, small_o = upar[order], w[order], small[order]
        starts = np.flatnonzero(np.r_[True, upar_o[1:] != upar_o[:-1]])
        group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
        cum = np.cumsum(w_o, axis=0)
        before = cum - w_o - np.where(starts[group][:, None] > 0, cum[starts[group] - 1], 0)
        # a child joins the merge when small, or when what was merged before it
        # in its parent is still too small (adding children that are not too
        # small never makes a weight too small again)
        joins = has_small[upar_o] & (small_o | _too_small(before, k))
        target = reps[order][starts][group]  # first unit of the parent: a small one
        new_rep = np.where(joins, target, reps[order])
        remap = np.empty(len(reps), dtype=np.int64)
        remap[order] = new_rep
        unit = remap[inv]
    reps, inv = np.unique(unit, return_inverse=True)
    w = _unit_weights(inv, weights, len(reps))[:, :strict]
    return np.where(_too_small(w, k)[inv], -1, unit)


def _unit_weights(inv: np.ndarray, weights: np.ndarray, n_units: int) -> np.ndarray:
    return np.stack(
        [
            np.bincount(inv, weights=weights[:, c], minlength=n_units)
            for c in range(weights.shape[1])
        ],
        axis=1,
    )


def _too_small(w: np.ndarray, k: int) -> np.ndarray:
    return np.asarray(((w > 0) & (w < k)).any(axis=1), dtype=bool)


def _prefix_codes(paths: np.ndarray) -> list[np.ndarray]:
    """Per level l (0..columns): a dense code of each item's first l path entries."""
    code = np.zeros(len(paths), dtype=np.int64)
    codes = [code]
    for c in range(paths.shape[1]):
        code = code * (int(paths[:, c].max()) + 1) + paths[:, c]
        code = np.unique(code, return_inverse=True)[1].reshape(-1)
        codes.append(code)
    return codes


def build_plan(data: Prepared, params: Params) -> Plan:
    """Blocks and breakdown decisions for ``params``' unfiltered population."""
    k = params.k
    base = make_context(data, params.with_(filters=(), group_by=None))
    population = base.in_pop
    if not population.any():  # nobody to show: every cell is hidden
        empty = pd.DataFrame(columns=["metric", "breakdown_field", "breakdown", "part", "pos"])
        return Plan(k, population, np.zeros((0, data.n_emp), dtype=np.int64), [], {}, empty, {})
    atom, paths = atoms(data, population)
    n_atoms = len(paths)
    ctx = regroup(base, np.where(atom >= 0, atom, n_atoms), n_atoms + 1)
    keys, emp, dist = collect(ctx, breakdowns=True, with_distinct=True).per_group()
    emp, dist = emp[:, :n_atoms], dist[:, :n_atoms]
    pop_w = np.bincount(atom[population], minlength=n_atoms).astype(float)

    # Headline partitions: one per distinct "employees covered" vector.
    headline = keys.drop_duplicates("metric")  # a metric's first row: its headline
    vectors, part_of = np.unique(emp[headline.index.to_numpy()], axis=0, return_inverse=True)
    metric_part = dict(zip(headline["metric"], part_of.reshape(-1).tolist(), strict=True))
    weights = [np.column_stack([pop_w, v]) for v in vectors]

    # Breakdown partitions, one per family (metric, field) with distinct counts:
    # also merged until every value covers 0 or >= k employees of a block, so
    # that a breakdown stays visible on the coarser cells. A value rare in the
    # whole organisation cannot be, and is left to the per-block decisions.
    is_bd = keys["breakdown_field"].notna().to_numpy()
    bkeys = keys[is_bd].reset_index(drop=True)
    bdist = dist[is_bd]
    fam = pd.factorize(pd.MultiIndex.from_frame(bkeys[["metric", "breakdown_field"]]))[0]
    n_fams = int(fam.max()) + 1 if len(fam) else 0
    fam_parts: dict[bytes, int] = {}
    fam_part = np.zeros(n_fams, dtype=np.int64)
    for f in range(n_fams):
        rows = np.flatnonzero(fam == f)
        covered = vectors[metric_part[str(bkeys["metric"].iat[rows[0]])]]
        w = np.column_stack([pop_w, covered, bdist[rows].T])
        key = w.tobytes()  # the three training sums share their counts: one partition
        if key not in fam_parts:
            fam_parts[key] = len(weights)
            weights.append(w)
        fam_part[f] = fam_parts[key]
    bkeys["part"] = fam_part[fam] if n_fams else np.zeros(0, dtype=np.int64)
    bkeys["pos"] = bkeys.groupby(["metric", "breakdown_field"]).cumcount().to_numpy()

    codes = _partitions(paths, weights, k)
    block = np.full((len(codes), data.n_emp), -1, dtype=np.int64)
    block[:, population] = codes[:, atom[population]]
    block_size = [
        np.bincount(c[c >= 0], weights=pop_w[c >= 0], minlength=int(c.max()) + 1) for c in codes
    ]
    bhidden: dict[int, np.ndarray] = {}
    for f in range(n_fams):
        rows = np.flatnonzero(fam == f)
        part = int(fam_part[f])
        c = codes[part]
        ok = c >= 0
        nb = len(block_size[part])
        # distinct employees per (value, block): atoms summed into their blocks
        d = np.stack([np.bincount(c[ok], weights=bdist[r][ok], minlength=nb) for r in rows])
        hidden = _hidden_values(d, k)
        if part in bhidden:  # a family sharing the partition: the same decisions
            bhidden[part] = np.vstack([bhidden[part], hidden])
            bkeys.loc[rows, "pos"] += len(bhidden[part]) - len(rows)
        else:
            bhidden[part] = hidden
    return Plan(k, population, block, block_size, metric_part, bkeys, bhidden)


def _partitions(paths: np.ndarray, weights: list[np.ndarray], k: int) -> np.ndarray:
    """(partitions x atoms) block codes: the weight sets of one width coarsened
    in one call (the partition is the top of the path); -1 where a partition
    is too small in its first two weights (population and covered employees)."""
    n_atoms = len(paths)
    codes = np.full((len(weights), n_atoms), -1, dtype=np.int64)
    widths = np.array([w.shape[1] for w in weights])
    for width in np.unique(widths):
        same = np.flatnonzero(widths == width)
        items_path = np.concatenate(
            [np.column_stack([np.full(n_atoms, i), paths]) for i in range(len(same))]
        )
        items_w = np.concatenate([weights[i] for i in same])
        unit = coarsen(items_path, items_w, k, strict=2).reshape(len(same), n_atoms)
        for i, u in zip(same, unit, strict=True):
            ok = u >= 0
            codes[i, ok] = np.unique(u[ok], return_inverse=True)[1].reshape(-1)
    return codes


def _hidden_values(d: np.ndarray, k: int) -> np.ndarray:
    """(values x blocks) hidden: a value covering 1..k-1 employees of a block;
    where one is, also the smallest value covering >= k (so the hidden ones
    are never one value alone and cover >= k together), else all values."""
    h = (d > 0) & (d < k)
    if not d.shape[1]:
        return h
    some = h.any(axis=0)
    cand = np.where(~h & (d >= k), d, np.inf)
    has_cand = np.isfinite(cand).any(axis=0)
    pick = np.argmin(cand, axis=0)
    cols = np.flatnonzero(some & has_cand)
    h[pick[cols], cols] = True
    h[:, some & ~has_cand] = True
    return h


def apply_plan(frame: pd.DataFrame, ctx: Context, plan: Plan) -> pd.DataFrame:
    """``frame`` (the figures of ``ctx``) with every cell the plan does not allow
    hidden: numerator, denominator, rate and employees NaN, ``suppressed`` True."""
    if frame.empty:
        out = frame.copy()
        out["suppressed"] = pd.Series([], dtype=bool)
        return out
    # without filters the query's values are the population's: nothing to add
    out = full_vocabulary(frame, plan) if ctx.params.filters else frame.copy()
    # cells: the groups of ctx (codes 0..n_groups-1), then the total
    n_groups = ctx.n_groups if ctx.grouped else 0
    n_cells = n_groups + 1
    emp = np.flatnonzero(ctx.in_pop)
    group = ctx.group[emp] if ctx.grouped else None
    views = [
        _cell_view(plan.block[i][emp], plan.block_size[i], group, n_groups)
        for i in range(plan.n_parts)
    ]
    union = np.array([v.union for v in views], dtype=bool).reshape(plan.n_parts, n_cells)

    labels = np.append(ctx.group_labels[:n_groups], TOTAL) if ctx.grouped else np.array([TOTAL])
    cell, is_total = _row_cells(out["group"].to_numpy(dtype=object), labels, n_groups)
    part = out["metric"].map(plan.metric_part).fillna(-1).to_numpy(dtype=np.int64)
    known = (cell >= 0) & (part >= 0)
    with np.errstate(invalid="ignore"):
        enough = out["employees"].to_numpy(dtype=float) >= plan.k
    shown = known & enough
    shown[known] &= union[part[known], cell[known]]

    is_bd = out["breakdown_field"].notna().to_numpy()
    rows = np.flatnonzero(is_bd & shown)
    if len(rows):
        # A figure's rows are its total then its groups: one key per total row
        # (a few hundred), looked up once, instead of one per row.
        key_of_row = np.cumsum(is_total) - 1
        names = ["metric", "breakdown_field", "breakdown"]
        firsts = out.loc[is_total, names].astype(str)
        lookup = pd.MultiIndex.from_frame(plan.bkeys[names].astype(str))
        brow = lookup.get_indexer(pd.MultiIndex.from_frame(firsts))[key_of_row[rows]]
        bpart = plan.bkeys["part"].to_numpy()
        bpos = plan.bkeys["pos"].to_numpy()
        ok = np.zeros(len(rows), dtype=bool)
        for i, matrix in plan.bhidden.items():
            at = (brow >= 0) & (bpart[np.maximum(brow, 0)] == i)
            if not at.any():
                continue
            hidden = views[i].any_hidden(matrix, n_cells)
            c = cell[rows[at]]
            # the cell is a union of the family's blocks and the value is shown
            # in every one of them
            ok[at] = union[i, c] & ~hidden[bpos[brow[at]], c]
        shown[rows] = ok

    hide = ~shown
    for col in _HIDDEN:
        out[col] = np.where(hide, np.nan, out[col].to_numpy(dtype=float))
    out["suppressed"] = hide
    return out


def _row_cells(
    groups: np.ndarray, labels: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray]:
    """(cell code, is the total) per row. Every figure of a frame has the same
    rows (the total, then the same groups in the same order), so the codes of
    the first figure's rows are tiled; the general lookup when that fails."""
    index = pd.Index(labels.astype(str))
    head = groups[: n_groups + 2]
    starts = np.flatnonzero(head == TOTAL)
    width = int(starts[1]) if len(starts) > 1 else len(groups)
    if len(starts) and starts[0] == 0 and len(groups) % max(width, 1) == 0:
        first = index.get_indexer(head[:width].astype(str))
        cell = np.tile(first, len(groups) // width)
        tiled = np.tile(np.arange(width) == 0, len(groups) // width)
        return cell, tiled
    return index.get_indexer(groups.astype(str)), groups == TOTAL


@dataclass(frozen=True)
class _CellView:
    """How the cells of one query lie on the blocks of one partition."""

    union: np.ndarray  # per cell (groups, then the total): a non-empty union of blocks
    block_cell: np.ndarray  # per block: the one group holding it whole, else -1
    touched: np.ndarray  # per block: holds an employee of the query

    def any_hidden(self, hidden: np.ndarray, n_cells: int) -> np.ndarray:
        """(rows x cells): ``hidden`` (rows x blocks) in some block of the cell;
        meaningful for cells that are unions."""
        out = np.zeros((len(hidden), n_cells), dtype=bool)
        whole = np.flatnonzero(self.block_cell >= 0)
        if len(whole):
            order = whole[np.argsort(self.block_cell[whole], kind="stable")]
            cells = self.block_cell[order]
            starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
            out[:, cells[starts]] = np.logical_or.reduceat(hidden[:, order], starts, axis=1)
        out[:, n_cells - 1] = hidden[:, self.touched].any(axis=1)
        return out


def _cell_view(
    blocks: np.ndarray, size: np.ndarray, group: np.ndarray | None, n_groups: int
) -> _CellView:
    """Cells of a query (the employees' ``blocks`` and ``group`` codes) against a
    partition: a cell is a union when every block it touches is complete in it.
    Counts per block only (no sort): a block lies in one group when the sum of
    the group codes squared times its count equals the squared sum."""
    nb = len(size)
    valid = blocks >= 0
    b = blocks[valid]
    count = np.bincount(b, minlength=nb).astype(float)
    touched = count > 0
    complete = (count == size) | ~touched
    total = bool(len(blocks)) and bool(valid.all()) and bool(complete.all())
    if group is None:
        return _CellView(np.array([total]), np.full(nb, -1), touched)
    g = group[valid].astype(float)
    s1 = np.bincount(b, weights=g, minlength=nb)
    s2 = np.bincount(b, weights=g * g, minlength=nb)
    good = touched & complete & (count * s2 == s1 * s1)
    block_cell = np.where(good, np.round(s1 / np.maximum(count, 1)), -1).astype(np.int64)
    bad_emp = np.ones(len(blocks), dtype=bool)
    bad_emp[valid] = ~good[b]
    bad = np.bincount(group, weights=bad_emp, minlength=n_groups) > 0
    has = np.bincount(group, minlength=n_groups) > 0
    return _CellView(np.append(has & ~bad, total), block_cell, touched)


def full_vocabulary(frame: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """``frame`` with a row for every value a breakdown has in the unfiltered
    population (count 0 where it does not occur in the query), so that the
    rows a query has say nothing about who is in it: without this, a value
    missing from a filtered query would be a known 0, and a single hidden value
    the family total minus nothing. Families of the frame only; the order of
    the plan (values alphabetically, "(none)" last)."""
    keys = ["metric", "breakdown_field"]
    field = frame["breakdown_field"]
    run = (frame[keys].ne(frame[keys].shift()) & frame[keys].notna()).any(axis=1).cumsum()
    groups = frame["group"].drop_duplicates().to_numpy()
    parts = []
    for _, segment in frame.groupby(run, sort=False):
        first = segment.iloc[0]
        if not isinstance(first["breakdown_field"], str):
            parts.append(segment)
            continue
        vocab = plan.bkeys.loc[
            (plan.bkeys["metric"] == first["metric"])
            & (plan.bkeys["breakdown_field"] == first["breakdown_field"]),
            "breakdown",
        ].to_numpy()
        present = segment["breakdown"].drop_duplicates().to_numpy()
        if len(vocab) == len(present) or not np.isin(present, vocab).all():
            parts.append(segment)  # nothing to add (or a value the plan lacks: keep as is)
            continue
        # the family's denominator and employees per group: the same on every value
        per_group = segment.drop_duplicates("group").set_index("group")
        grid = pd.DataFrame(
            {
                "metric": first["metric"],
                "group": np.tile(groups, len(vocab)),
                "breakdown_field": first["breakdown_field"],
                "breakdown": np.repeat(vocab, len(groups)),
            }
        )
        full = grid.merge(
            segment, how="left", on=["metric", "group", "breakdown_field", "breakdown"]
        )
        absent = full["numerator"].isna().to_numpy()
        same = per_group.reindex(full["group"])
        full["numerator"] = np.where(absent, 0.0, full["numerator"])
        for col in ("denominator", "employees"):
            full[col] = np.where(absent, same[col].to_numpy(dtype=float), full[col])
        with np.errstate(divide="ignore", invalid="ignore"):
            zero_rate = np.where(same["rate"].notna().to_numpy(), 0.0, np.nan)
        full["rate"] = np.where(absent, zero_rate, full["rate"])
        full["suppressed"] = full["suppressed"].fillna(False).astype(bool)
        parts.append(full[frame.columns])
    del field
    out = pd.concat(parts, ignore_index=True)
    out["employees"] = out["employees"].astype(frame["employees"].dtype)
    return out


def refusal(data: Prepared, params: Params) -> PopError | None:
    """Why management may not make this query at all, or None: grouping or
    filtering by manager (a group named after a person), or a job-title filter
    whose unfiltered population at R is smaller than k. One rule for the CLI,
    the Excel overview and the dashboard."""
    if params.audience != "management":
        return None
    fields = {name for name, _ in params.filters}
    if params.group_by == "manager_id" or "manager_id" in fields:
        return _refuse("privacy.refused.manager", field="manager_id")
    for name, allowed in params.filters:
        if name != "job_title":
            continue
        population = make_context(data, params.with_(filters=(), group_by=None)).in_pop
        if np.count_nonzero(population & filter_mask(data, name, allowed)) < params.k:
            return _refuse("privacy.refused.job_title", field=name, k=params.k)
    return None


def _refuse(key: str, field: str, **values: object) -> PopError:
    return PopError(
        # the field's name inside a sentence: lower case
        t(key, "nl", field=field_label(field, "nl").lower(), **values),
        t(key, "en", field=field_label(field, "en").lower(), **values),
        code="refused",
    )


def check_query(data: Prepared, params: Params) -> None:
    """Raise the ``refusal`` of ``params``, if any."""
    error = refusal(data, params)
    if error is not None:
        raise error


__all__ = [
    "HIERARCHY",
    "Plan",
    "apply_plan",
    "atoms",
    "build_plan",
    "check_query",
    "coarsen",
    "plan_for",
    "refusal",
]
