"""An earlier export of the same organisation: what its HR system said on an earlier day.

Used to show and test "since the previous import" on the demo: snapshot the
demo as known a month earlier, then the demo itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from popanalytics.model import Dataset


def as_known_on(dataset: Dataset, day: dt.date) -> Dataset:
    """``dataset`` as exported on ``day``: later hires, agreements and needs not yet
    there, conversations held later still planned, later completions still open."""
    cut = pd.Timestamp(day)
    emp = dataset.employees[~(dataset.employees["start_date"] > cut)].reset_index(drop=True)

    conv = dataset.conversations.copy()
    later = (conv["held_date"] > cut).to_numpy()
    conv.loc[later, "status"] = "planned"
    for column in ("held_date", "signed_by_employee_date", "signed_by_manager_date"):
        conv.loc[later, column] = pd.NaT
    for column in ("signed_by_employee", "signed_by_manager", "report_filed"):
        conv.loc[later, column] = pd.NA

    agr = dataset.agreements[~(dataset.agreements["agreed_date"] > cut)].copy()
    done_later = (agr["done_date"] > cut).to_numpy()
    agr.loc[done_later, "status"] = "in_progress"
    agr.loc[done_later, "done_date"] = pd.NaT

    tn = dataset.training_needs[~(dataset.training_needs["requested_date"] > cut)].copy()
    completed_later = (tn["completed_date"] > cut).to_numpy()
    tn.loc[completed_later, "status"] = "approved"
    tn.loc[completed_later, "completed_date"] = pd.NaT
    return replace(
        dataset,
        employees=emp,
        conversations=conv,
        agreements=agr.reset_index(drop=True),
        training_needs=tn.reset_index(drop=True),
    )
