"""Small-group suppression for the management audience.

A figure covering fewer than k distinct employees (0 included) loses its
numerator, denominator and rate, and its ``employees`` count too (a group's
size is what suppression protects: for ``population`` it is the value
itself), and is marked suppressed. Complementary
suppression: within one row of groups (same metric and breakdown, and cycle
when present), when exactly one group cell is suppressed while the total is
shown, the next-smallest shown cell (fewest employees, ties by group name) is
suppressed too, so the small cell cannot be worked out by subtraction. Totals
are never recomputed from the shown cells: they stay correct.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from popanalytics.metrics.params import TOTAL

_HIDDEN = ("numerator", "denominator", "rate", "employees")
MIN_K = 3  # the spec's floor: a smaller k would make groups of 1-2 people visible
_MISSING_KEY = "\x00"  # stands in for None in the row keys (groupby drops nothing then)


def suppress(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """``frame`` (a figures frame) with small cells and their complements hidden.

    ``k`` below 3 is refused (ValueError), as in ``Params``: the floor holds
    for every caller, not only for those going through Params.
    """
    if k < MIN_K:
        raise ValueError(f"k must be at least {MIN_K}")
    out = frame.copy()
    if out.empty:
        out["suppressed"] = pd.Series([], dtype=bool)
        return out
    with np.errstate(invalid="ignore"):
        # NaN: already hidden by an earlier pass, which the flag below carries
        small = out["employees"].to_numpy(dtype=float) < k
    if "suppressed" in out.columns:
        small |= out["suppressed"].to_numpy(dtype=bool)

    key_cols = [c for c in ("cycle", "metric", "breakdown_field", "breakdown") if c in out.columns]
    keys = out[key_cols].astype(object).where(out[key_cols].notna(), _MISSING_KEY).astype(str)
    row_key = pd.factorize(pd.MultiIndex.from_frame(keys))[0]
    is_total = (out["group"] == TOTAL).to_numpy()

    cell_small = small & ~is_total
    n_small = np.bincount(row_key[cell_small], minlength=row_key.max() + 1)
    total_shown = np.zeros(row_key.max() + 1, dtype=bool)
    total_shown[row_key[is_total & ~small]] = True
    needs_more = (n_small == 1) & total_shown

    candidates = np.flatnonzero(~is_total & ~small & needs_more[row_key])
    if len(candidates):
        pick = (
            pd.DataFrame(
                {
                    "key": row_key[candidates],
                    "employees": out["employees"].to_numpy()[candidates],
                    "group": out["group"].to_numpy()[candidates].astype(str),
                    "pos": candidates,
                }
            )
            .sort_values(["key", "employees", "group"])
            .drop_duplicates("key")
        )
        small[pick["pos"].to_numpy()] = True

    for col in _HIDDEN:
        out[col] = np.where(small, np.nan, out[col].to_numpy(dtype=float))
    out["suppressed"] = small
    return out
