"""Conversations per manager and teams whose coverage lags the organisation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from popanalytics.metrics.context import make_context
from popanalytics.metrics.disclosure import check_query
from popanalytics.metrics.params import NO_GROUP, Params
from popanalytics.metrics.population import covered, held_in_cycle
from popanalytics.metrics.prepare import Prepared, compress, prepare
from popanalytics.model import Dataset

LAG_POINTS = 0.10  # a team lags when more than 10 percentage points below the organisation
_EPS = 1e-9  # 0.8 - 0.7 is 0.10000000000000009 in floating point: exactly 10 points is no lag

MANAGER_COLUMNS: tuple[str, ...] = (
    "manager_id",
    "manager_name",
    "conversations_held",
    "numerator",
    "denominator",
    "rate",
    "organisation_rate",
    "lags",
    "employees",
    "suppressed",
)


def lagging(rate: np.ndarray, organisation_rate: float) -> np.ndarray:
    """Per cell: more than LAG_POINTS below the organisation (NaN: never lags)."""
    with np.errstate(invalid="ignore"):
        return (organisation_rate - np.asarray(rate, dtype=float)) > LAG_POINTS + _EPS


def manager_overview(dataset: Dataset | Prepared, params: Params) -> pd.DataFrame:
    """Per manager: conversations held in C up to R (by who held them:
    conversations.manager_id, else the employee's manager) and the coverage of
    ``params.conversation_type`` over their team (population employees whose
    manager_id is theirs; employees without one form "(none)").

    Teams are groups named after a person: management cannot have them (the
    disclosure rule's refusal, a PopError), as it cannot group by manager.
    """
    data = prepare(dataset)
    check_query(data, params.with_(group_by="manager_id"))
    ctx = make_context(data, params.with_(group_by=None))
    # Manager codes: -1 (no manager) becomes the last code, "(none)".
    labels = np.append(data.managers.labels.astype(object), NO_GROUP)
    n = len(labels)
    team_code = np.where(data.employees.manager >= 0, data.employees.manager, n - 1)
    held_code = compress(data.conversations.manager, held_in_cycle(ctx))
    held_code[held_code < 0] = n - 1
    done = covered(ctx, params.conversation_type)
    den = np.bincount(team_code, weights=ctx.eligible, minlength=n)
    num = np.bincount(team_code, weights=done, minlength=n)
    n_held = np.bincount(held_code, minlength=n).astype(float)
    members = np.bincount(team_code, weights=ctx.in_pop, minlength=n)
    # managers with a team in the population or who held a conversation
    keep = (members > 0) | (n_held > 0)
    labels, den, num, n_held = labels[keep], den[keep], num[keep], n_held[keep]
    org_rate = num.sum() / den.sum() if den.sum() > 0 else np.nan

    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
    lags = lagging(rate, org_rate)

    manager_name = data.manager_names(np.append(np.arange(len(data.managers.labels)), -1)[keep])
    # managers by id, "(none)" last (one lexsort, no Python key per manager)
    order = np.lexsort((labels.astype(str), labels == NO_GROUP))

    out = pd.DataFrame(
        {
            "manager_id": labels[order].astype(object),
            "manager_name": pd.Series(manager_name[order], dtype=object),
            "conversations_held": n_held[order],
            "numerator": num[order],
            "denominator": den[order],
            "rate": rate[order],
            "organisation_rate": org_rate,
            "lags": lags[order],
            "employees": den[order].astype(np.int64),
            "suppressed": False,
        }
    )
    return out.loc[:, list(MANAGER_COLUMNS)]
