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
are decided once per block of the metric's partition: value v is shown in
block b when it covers 0 or at least k distinct employees of b; if some value
of a family (metric and breakdown field) is hidden in b, the smallest value
covering at least k is hidden too (all values of the family when there is
none), so the hidden values of a block are never one value alone and together
cover at least k employees or all of the family. A breakdown cell is shown
when its headline cell is and v is shown in every block of the cell.

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
    partition (-1: outside the population, or the whole
    partition too small); ``metric_part`` the partition of each metric;
    ``bkeys`` the breakdown rows (metric, breakdown_field, breakdown, part, pos)
    and ``bhidden`` per partition a (its breakdown rows x blocks) matrix: the
    value is hidden in that block (``pos`` is the row of that matrix).
    """

    k: int
    population: np.ndarray  # bool per employee: in the unfiltered population
    block: np.ndarray  # (partitions x employees) block code, -1 outside / all hidden
    block_size: list[np.ndarray]  # per partition: population employees per block
    metric_part: dict[str, int]
    bkeys: pd.DataFrame
    bhidden: list[np.ndarray]  # per partition: (its breakdown rows x blocks) hidden

    @property
    def n_parts(self) -> int:
        return len(self.block_size)


def plan_for(p: Prepared, params: Params) -> Plan:
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
    plan = p.memo.get(key)
    if plan is None:
        if len(p.memo) >= _MEMO_SIZE:
            p.memo.pop(next(iter(p.memo)))
        plan = p.memo[key] = build_plan(p, params)
    return plan  # type: ignore[no-any-return]


def atoms(p: Prepared, population: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(atom per employee, -1 outside ``population``; hierarchy codes per atom,
    (atoms x HIERARCHY) with a missing value as a code of its own)."""
    codes = np.stack([p.emp_fields[f].codes[population] + 1 for f in HIERARCHY], axis=1)
    paths, inverse = np.unique(codes, axis=0, return_inverse=True)
    atom = np.full(p.n_emp, -1, dtype=np.int64)
    atom[population] = inverse.reshape(-1)
    return atom, paths.astype(np.int64)


def coarsen(paths: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """Merge items into units along the hierarchy of ``paths`` (items x levels,
    coarse to fine; column 0 is never merged across) until no unit is too
    small: a weight (column of ``weights``) of 1..k-1. Returns the unit of each
    item (an item's index stands for its unit), -1 where even the whole
    top-level group stays too small.

    Per level, within each parent: the too-small children are merged; while
    that union is too small, units of the other children are added, from the
    smallest child (by the first weight) up and within it from the smallest
    unit up (ties: index); a parent that stays too small goes up a level.
    """
    n, depth = paths.shape
    unit = np.arange(n)
    for level in range(depth - 1, 0, -1):
        parent = _prefix_codes(paths, level)
        # units: representative item, its parent and summed weights
        reps, inv = np.unique(unit, return_inverse=True)
        w = np.stack(
            [
                np.bincount(inv, weights=weights[:, c], minlength=len(reps))
                for c in range(weights.shape[1])
            ],
            axis=1,
        )
        small = _too_small(w, k)
        if not small.any():
            break
        upar = parent[reps]
        has_small = np.bincount(upar, weights=small, minlength=upar.max() + 1) > 0
        # the size of each unit's child node (its items share that prefix)
        child = _prefix_codes(paths, level + 1)
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
    w = np.stack(
        [
            np.bincount(inv, weights=weights[:, c], minlength=len(reps))
            for c in range(weights.shape[1])
        ],
        axis=1,
    )
    return np.where(_too_small(w, k)[inv], -1, unit)


def _too_small(w: np.ndarray, k: int) -> np.ndarray:
    return np.asarray(((w > 0) & (w < k)).any(axis=1), dtype=bool)


def _prefix_codes(paths: np.ndarray, level: int) -> np.ndarray:
    """Dense code of each item's first ``level`` path entries."""
    code = np.zeros(len(paths), dtype=np.int64)
    for c in range(level):
        code = code * (int(paths[:, c].max()) + 1) + paths[:, c]
        code = np.unique(code, return_inverse=True)[1].reshape(-1)
    return code


def build_plan(p: Prepared, params: Params) -> Plan:
    """Blocks and breakdown decisions for ``params``' unfiltered population."""
    k = params.k
    base = make_context(p, params.with_(filters=(), group_by=None))
    population = base.in_pop
    atom, paths = atoms(p, population)
    n_atoms = len(paths)
    ctx = regroup(base, np.where(atom >= 0, atom, n_atoms), n_atoms + 1)
    keys, emp, dist = collect(ctx, breakdowns=True, with_distinct=True).per_group()
    emp, dist = emp[:, :n_atoms], dist[:, :n_atoms]
    pop_w = np.bincount(atom[population], minlength=n_atoms).astype(float)

    # one partition per distinct "employees covered" vector over the atoms
    headline = keys.drop_duplicates("metric")  # a metric's first row: its headline
    covered = emp[headline.index.to_numpy()]
    vectors, part_of = np.unique(covered, axis=0, return_inverse=True)
    part_of = part_of.reshape(-1)
    metric_part = dict(zip(headline["metric"], part_of.tolist(), strict=True))
    n_parts = len(vectors)

    # all partitions in one coarsening: the partition is the top of the path
    items_path = np.concatenate(
        [np.column_stack([np.full(n_atoms, i), paths]) for i in range(n_parts)]
    )
    items_w = np.concatenate([np.column_stack([pop_w, vectors[i]]) for i in range(n_parts)])
    unit = coarsen(items_path, items_w, k).reshape(n_parts, n_atoms)

    block = np.full((n_parts, p.n_emp), -1, dtype=np.int64)
    block_size: list[np.ndarray] = []
    atom_block: list[np.ndarray] = []
    for i in range(n_parts):
        u = unit[i]
        codes = np.full(n_atoms, -1, dtype=np.int64)
        ok = u >= 0
        codes[ok] = np.unique(u[ok], return_inverse=True)[1].reshape(-1)
        atom_block.append(codes)
        block[i, population] = codes[atom[population]]
        block_size.append(np.bincount(codes[ok], weights=pop_w[ok], minlength=codes.max() + 1))

    bkeys, bhidden = _breakdown_decisions(keys, dist, metric_part, atom_block, block_size, k)
    return Plan(k, population, block, block_size, metric_part, bkeys, bhidden)


def _breakdown_decisions(
    keys: pd.DataFrame,
    dist: np.ndarray,
    metric_part: dict[str, int],
    atom_block: list[np.ndarray],
    block_size: list[np.ndarray],
    k: int,
) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Per breakdown row, the blocks of its partition where its value is hidden
    (see the module docstring: per block, complementary within the family)."""
    is_bd = keys["breakdown_field"].notna().to_numpy()
    bkeys = keys[is_bd].reset_index(drop=True)
    bkeys["part"] = bkeys["metric"].map(metric_part).to_numpy()
    bkeys["pos"] = bkeys.groupby("part").cumcount().to_numpy()
    bdist = dist[is_bd]
    hidden = [
        np.zeros((int((bkeys["part"] == i).sum()), len(size)), dtype=bool)
        for i, size in enumerate(block_size)
    ]
    family = pd.factorize(pd.MultiIndex.from_frame(bkeys[["metric", "breakdown_field"]]))[0]
    for fam in range(family.max() + 1 if len(family) else 0):
        rows = np.flatnonzero(family == fam)
        part = int(bkeys["part"].iloc[rows[0]])
        codes = atom_block[part]
        nb = len(block_size[part])
        ok = codes >= 0
        # distinct employees per (value, block): atoms summed into their blocks
        d = (
            np.stack([np.bincount(codes[ok], weights=bdist[r][ok], minlength=nb) for r in rows])
            if nb
            else np.zeros((len(rows), 0))
        )
        h = (d > 0) & (d < k)
        some = h.any(axis=0)
        cand = np.where(~h & (d >= k), d, np.inf)
        has_cand = np.isfinite(cand).any(axis=0) if nb else np.zeros(0, dtype=bool)
        pick = np.argmin(cand, axis=0) if nb else np.zeros(0, dtype=np.int64)
        cols = np.flatnonzero(some & has_cand)
        h[pick[cols], cols] = True
        h[:, some & ~has_cand] = True
        hidden[part][bkeys["pos"].to_numpy()[rows]] = h
    return bkeys, hidden


def apply_plan(frame: pd.DataFrame, ctx: Context, plan: Plan) -> pd.DataFrame:
    """``frame`` (the figures of ``ctx``) with every cell the plan does not allow
    hidden: numerator, denominator, rate and employees NaN, ``suppressed`` True."""
    if frame.empty:
        out = frame.copy()
        out["suppressed"] = pd.Series([], dtype=bool)
        return out
    out = full_vocabulary(frame, plan)
    # cells: the groups of ctx, then the total
    n_groups = ctx.n_groups if ctx.grouped else 0
    emp = np.flatnonzero(ctx.in_pop)
    member_cells = [np.full(len(emp), n_groups, dtype=np.int64)]
    if ctx.grouped:
        member_cells.append(ctx.group[emp])
    n_cells = n_groups + 1
    cell_emp = np.concatenate([emp] * len(member_cells))
    cell_of = np.concatenate(member_cells)

    union = np.zeros((plan.n_parts, n_cells), dtype=bool)
    pair_cells: list[np.ndarray] = []
    pair_blocks: list[np.ndarray] = []
    for i in range(plan.n_parts):
        blocks = plan.block[i, cell_emp]
        size = plan.block_size[i]
        nb = len(size) + 1  # the last code: "hidden whole partition" (-1)
        key = cell_of * nb + np.where(blocks >= 0, blocks, nb - 1)
        pairs, counts = np.unique(key, return_counts=True)
        pc, pb = np.divmod(pairs, nb)
        whole = (pb < nb - 1) & (counts == np.append(size, -1)[pb])
        bad = np.bincount(pc, weights=~whole, minlength=n_cells)
        filled = np.bincount(pc, minlength=n_cells) > 0
        union[i] = filled & (bad == 0)
        pair_cells.append(pc)
        pair_blocks.append(np.where(pb < nb - 1, pb, -1))

    labels = np.append(ctx.group_labels[:n_groups], TOTAL) if ctx.grouped else np.array([TOTAL])
    cell = pd.Index(labels.astype(str)).get_indexer(out["group"].astype(str))
    part = out["metric"].map(plan.metric_part).fillna(-1).to_numpy(dtype=np.int64)
    known = (cell >= 0) & (part >= 0)
    with np.errstate(invalid="ignore"):
        enough = out["employees"].to_numpy(dtype=float) >= plan.k
    shown = known & enough
    shown[known] &= union[part[known], cell[known]]

    rows = np.flatnonzero(out["breakdown_field"].notna().to_numpy() & shown)
    if len(rows):
        sub = out.iloc[rows][["metric", "breakdown_field", "breakdown"]].astype(str)
        lookup = pd.MultiIndex.from_frame(
            plan.bkeys[["metric", "breakdown_field", "breakdown"]].astype(str)
        )
        brow = lookup.get_indexer(pd.MultiIndex.from_frame(sub))
        ok = np.zeros(len(rows), dtype=bool)
        for i in range(plan.n_parts):
            # per breakdown row of this partition and cell: hidden in a block of the cell
            pc, pb = pair_cells[i], pair_blocks[i]
            keep = pb >= 0
            pc, pb = pc[keep], pb[keep]
            mine = np.flatnonzero(plan.bkeys["part"].to_numpy() == i)
            if not len(mine) or not len(pc):
                continue
            matrix = plan.bhidden[i]  # (rows of this partition x blocks)
            starts = np.flatnonzero(np.r_[True, pc[1:] != pc[:-1]])
            any_hidden = np.zeros((len(matrix), n_cells), dtype=bool)
            any_hidden[:, pc[starts]] = np.maximum.reduceat(matrix[:, pb], starts, axis=1)
            at = (brow >= 0) & (plan.bkeys["part"].to_numpy()[np.maximum(brow, 0)] == i)
            pos = plan.bkeys["pos"].to_numpy()[brow[at]]
            ok[at] = ~any_hidden[pos, cell[rows[at]]]
        shown[rows] = ok

    hide = ~shown
    for col in _HIDDEN:
        out[col] = np.where(hide, np.nan, out[col].to_numpy(dtype=float))
    out["suppressed"] = hide
    return out


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
        if len(vocab) == segment["breakdown"].nunique():
            parts.append(segment)
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


def refusal(p: Prepared, params: Params) -> PopError | None:
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
        population = make_context(p, params.with_(filters=(), group_by=None)).in_pop
        if np.count_nonzero(population & filter_mask(p, name, allowed)) < params.k:
            return _refuse("privacy.refused.job_title", field=name, k=params.k)
    return None


def _refuse(key: str, field: str, **values: object) -> PopError:
    return PopError(
        t(key, "nl", field=field_label(field, "nl"), **values),
        t(key, "en", field=field_label(field, "en"), **values),
        code="refused",
    )


def check_query(p: Prepared, params: Params) -> None:
    """Raise the ``refusal`` of ``params``, if any."""
    error = refusal(p, params)
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
