"""The action lists (metrics.actions) as export tables: labelled actions, named columns."""

from __future__ import annotations

import pandas as pd

from popanalytics.i18n import t


def action_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``manager_actions``' frame for a sheet: the action as its label, the due
    date under a name of its own (an agreement's due_date is another thing)."""
    labels = {a: t(f"action.{a}", lang) for a in frame["action"].unique().tolist()}
    return frame.assign(action=frame["action"].map(labels)).rename(
        columns={"due_date": "action_due"}
    )
