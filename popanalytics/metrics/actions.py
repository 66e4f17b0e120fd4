"""What each manager must do next: the action lists of the steering view.

Per manager (the employee's manager, as everywhere else; employees without one
form "(none)"), one row per action, sorted by urgency (its ``due_date``,
earliest first):

- ``no_conversation``: an eligible employee (in the population, not new, not
  long-term absent at R) with no conversation of the type held in the cycle up
  to R and none planned from R to the cycle's end (not cancelled). Due: two
  weeks before the cycle's end — the latest day to invite with the seed's notice.
- ``invitation``: a conversation of the type planned within the next
  ``NOTICE_DAYS`` days (R included), not held or cancelled, whose invitation
  is missing or later than ``NOTICE_DAYS`` days before it. Due: the planned
  date minus ``NOTICE_DAYS`` (often already past).
- ``report_unsigned`` / ``followup_date_missing``: a conversation of the type
  held in the cycle up to R whose report is not signed by both, or without a
  follow-up date (on the conversation or one of its agreements). Due: the held date.
- ``agreement_overdue``: an agreement overdue at R (metrics.md), with its days
  overdue. Due: its follow-up date (followup_date, else due_date).

``days`` is R − due date: positive is late by that many days, negative is
days left. For the management audience the same actions are counted per group
(``action_counts``), a cell hidden exactly when the group's ``population``
figure is (the count's employee set is the group's population).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from popanalytics.metrics.context import Context, make_context
from popanalytics.metrics.figures import figures
from popanalytics.metrics.followup import followup_reference, overdue
from popanalytics.metrics.params import NO_GROUP, TOTAL, Params
from popanalytics.metrics.population import COVERAGE_TYPES, covered, held_in_cycle
from popanalytics.metrics.prepare import CONVERSATION_KINDS, Prepared, prepare, take_or
from popanalytics.model import Dataset

NOTICE_DAYS = 14  # the seed's two weeks' notice before a conversation
ACTIONS: tuple[str, ...] = (
    "agreement_overdue",
    "invitation",
    "no_conversation",
    "report_unsigned",
    "followup_date_missing",
)
ACTION_COLUMNS: tuple[str, ...] = (
    "manager_id",
    "manager_name",
    "action",
    "due_date",
    "days",
    "employee_id",
    "name",
    "department",
    "team",
    "item_id",
    "item_date",
)


def _type_mask(data: Prepared, conversation_type: str) -> np.ndarray:
    if conversation_type == "any":
        return np.ones(len(data.conversations.kind), dtype=bool)
    return data.conversations.kind == CONVERSATION_KINDS.index(conversation_type)


def _open_planned(ctx: Context, kind_mask: np.ndarray, until: float) -> np.ndarray:
    """Conversations of the population planned from R up to ``until``, not
    cancelled and not held at R."""
    data = ctx.data
    with np.errstate(invalid="ignore"):
        return (
            ctx.conv_in_pop
            & kind_mask
            & (data.conversations.planned >= ctx.reference)
            & (data.conversations.planned <= until)
            & ~data.conversations.cancelled
            & ~ctx.conv_held_at_r
        )


def action_masks(
    ctx: Context, conversation_type: str
) -> dict[str, tuple[str, np.ndarray, np.ndarray]]:
    """Per action: (table, row mask, due day number per row) over employees
    ("emp"), conversations ("conv") or agreements ("agr")."""
    if conversation_type not in COVERAGE_TYPES:
        raise ValueError(f"unknown conversation type {conversation_type!r}")
    data = ctx.data
    kind = _type_mask(data, conversation_type)
    planned_ahead = ctx.has_row(data.conversations.emp, _open_planned(ctx, kind, ctx.cycle_end))
    no_conversation = ctx.eligible & ~covered(ctx, conversation_type) & ~planned_ahead
    with np.errstate(invalid="ignore"):
        soon = _open_planned(ctx, kind, ctx.reference + NOTICE_DAYS)
        late_invite = np.isnan(data.conversations.invited) | (
            data.conversations.invited > data.conversations.planned - NOTICE_DAYS
        )
    held = held_in_cycle(ctx) & kind
    has_followup_date = ~np.isnan(data.conversations.followup) | data.conversations.agr_followup
    return {
        "agreement_overdue": ("agr", overdue(ctx), followup_reference(ctx)),
        "invitation": ("conv", soon & late_invite, data.conversations.planned - NOTICE_DAYS),
        "no_conversation": (
            "emp",
            no_conversation,
            np.full(data.n_emp, ctx.cycle_end - NOTICE_DAYS),
        ),
        "report_unsigned": (
            "conv",
            held & ~data.conversations.signed_both,
            data.conversations.held,
        ),
        "followup_date_missing": ("conv", held & ~has_followup_date, data.conversations.held),
    }


def _days_to_dates(days: np.ndarray) -> np.ndarray:
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
    known = ~np.isnan(days)
    out[known] = days[known].astype("int64").astype("datetime64[D]")
    return out


def manager_actions(
    dataset: Dataset | Prepared, params: Params, conversation_type: str = "development"
) -> pd.DataFrame:
    """Every action (ACTION_COLUMNS), per manager and most urgent first (hr only:
    it names people). ``item_id`` is the conversation or agreement concerned,
    ``item_date`` its planned, held or follow-up date."""
    if params.audience != "hr":
        raise PermissionError("action lists name individuals: hr audience only")
    data = prepare(dataset)
    ctx = make_context(data, params.with_(group_by=None))
    parts: list[dict[str, np.ndarray]] = []
    conversations, agreements = data.dataset.conversations, data.dataset.agreements
    for action, (table, mask, due) in action_masks(ctx, conversation_type).items():
        pick = np.flatnonzero(mask)
        if table == "emp":
            emp, item, item_day = (
                pick,
                np.full(len(pick), None, dtype=object),
                np.full(len(pick), np.nan),
            )
        elif table == "conv":
            emp = data.conversations.emp[pick]
            item = conversations["conversation_id"].to_numpy(dtype=object)[
                data.conversations.rows[pick]
            ]
            item_day = np.where(
                action == "invitation",
                data.conversations.planned[pick],
                data.conversations.held[pick],
            )
        else:
            emp = data.agreements.emp[pick]
            item = agreements["agreement_id"].to_numpy(dtype=object)[data.agreements.rows[pick]]
            item_day = followup_reference(ctx)[pick]
        parts.append(
            {
                "action": np.full(len(pick), action, dtype=object),
                "emp": emp,
                "due": due[pick],
                "item": item,
                "item_day": item_day,
            }
        )
    emp = np.concatenate([x["emp"] for x in parts])
    due = np.concatenate([x["due"] for x in parts])
    kinds = np.concatenate([x["action"] for x in parts])
    manager_code = data.employees.manager[emp]
    found = take_or(data.managers.labels.astype(object), manager_code, NO_GROUP)
    manager = np.where(pd.isna(found), NO_GROUP, found).astype(str)
    employees = data.dataset.employees
    rows = data.employees.rows[emp]
    out = pd.DataFrame(
        {
            "manager_id": manager,
            "manager_name": data.manager_names(manager_code),
            "action": kinds,
            "due_date": _days_to_dates(due),
            "days": ctx.reference - due,
            "employee_id": employees["employee_id"].to_numpy(dtype=object)[rows],
            "name": employees["name"].to_numpy(dtype=object)[rows],
            "department": employees["department"].to_numpy(dtype=object)[rows],
            "team": employees["team"].to_numpy(dtype=object)[rows],
            "item_id": np.concatenate([x["item"] for x in parts]),
            "item_date": _days_to_dates(np.concatenate([x["item_day"] for x in parts])),
        }
    )
    order = np.lexsort(
        (
            out["employee_id"].astype(str).to_numpy(),
            pd.Index(ACTIONS).get_indexer(pd.Index(out["action"])),
            due,
            manager,
            manager == NO_GROUP,
        )
    )
    return out.iloc[order].reset_index(drop=True)


def action_counts(
    dataset: Dataset | Prepared, params: Params, conversation_type: str = "development"
) -> pd.DataFrame:
    """Actions counted per group (``params.group_by``) and action: columns group,
    action, count, employees (the group's population), suppressed. The total
    (group "all") first. For management a cell is hidden exactly when the
    group's ``population`` figure is."""
    data = prepare(dataset)
    ctx = make_context(data, params)
    frame = figures(data, params)
    pop = frame[(frame["metric"] == "population") & frame["breakdown_field"].isna()]
    groups = pop["group"].to_numpy(dtype=object)
    at = pd.Index(ctx.group_labels.astype(str)).get_indexer(groups.astype(str))
    at = np.where(groups == TOTAL, ctx.n_groups, at)
    group_of = {"emp": ctx.group, "conv": ctx.conv_group, "agr": ctx.agr_group}
    hidden = pop["suppressed"].to_numpy(dtype=bool)
    blocks = []
    for action, (table, mask, _due) in action_masks(ctx, conversation_type).items():
        per_group = np.bincount(group_of[table], weights=mask, minlength=ctx.n_groups)
        counts = np.append(per_group, per_group.sum())[at]
        blocks.append(
            pd.DataFrame(
                {
                    "group": groups,
                    "action": action,
                    "count": np.where(hidden, np.nan, counts),
                    "employees": np.where(hidden, np.nan, pop["employees"].to_numpy(dtype=float)),
                    "suppressed": hidden,
                }
            )
        )
    out = pd.concat(blocks, ignore_index=True)
    order = np.lexsort(
        (pd.Index(ACTIONS).get_indexer(pd.Index(out["action"])), np.arange(len(out)) % len(groups))
    )
    return out.iloc[order].reset_index(drop=True)
