"""A user's scope applied to a Dataset: a pure function, run once in the kernel
before any widget is built, so nothing outside the scope ever reaches the page.

* hr: every employee, narrowed by ``departments``/``locations`` when given;
* management: the same employees, read at the management audience (aggregates,
  suppressed by metrics/privacy.py);
* manager: individual detail for their **direct reports** (employees whose
  ``manager_id`` is theirs, the same set as ``popanalytics metrics --filter
  manager_id=…``); names and statuses only for **indirect** reports (down the
  manager chain); the organisation only as suppressed aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from popanalytics.access.roles import SCOPE_COLUMNS, Access
from popanalytics.metrics.params import Audience
from popanalytics.model import Dataset

# what the indirect-reports list shows: names and places and a status, never agreements
INDIRECT_COLUMNS: tuple[str, ...] = ("name", "department", "team")


@dataclass(frozen=True)
class Scoped:
    """What the kernel may show one user.

    ``dataset`` is the only data the views receive. ``indirect`` (managers only)
    holds the indirect reports' person columns; ``organisation`` (managers only)
    is the whole data set, used for suppressed comparison aggregates alone.
    """

    access: Access
    dataset: Dataset
    audience: Audience
    indirect: Dataset | None = None
    organisation: Dataset | None = field(default=None, repr=False)

    @property
    def audience_fixed(self) -> bool:
        """Everyone but unscoped-or-scoped hr sees one audience only."""
        return self.access.role != "hr"

    @property
    def empty(self) -> bool:
        return self.dataset.employees.empty


def scope_mask(employees: pd.DataFrame, access: Access) -> pd.Series:
    """Employees within the department/location scope (all when unscoped)."""
    keep = pd.Series(True, index=employees.index)
    for key, column in SCOPE_COLUMNS.items():
        values = getattr(access, key)
        if values:
            keep &= employees[column].isin(values) if column in employees else False
    return keep


def reports(employees: pd.DataFrame, manager_id: str) -> tuple[pd.Index, pd.Index]:
    """(direct, indirect) employee ids of a manager through the manager chain.

    Walks the chain one level at a time (vectorised per level, so the loop runs
    once per level of the hierarchy, not per employee); a cycle in the data
    (A manages B manages A) stops because every id is visited once.
    """
    ids = employees["employee_id"].astype("str")
    bosses = employees["manager_id"].astype("str")
    direct = pd.Index(ids[bosses == manager_id].unique())
    seen = set(direct) | {manager_id}
    frontier = direct
    indirect: list[str] = []
    while len(frontier):
        below = ids[bosses.isin(frontier)].unique()
        new = [i for i in below if i not in seen]
        seen.update(new)
        indirect.extend(new)
        frontier = pd.Index(new)
    return direct, pd.Index(indirect)


def restrict(dataset: Dataset, employee_ids: pd.Index | np.ndarray) -> Dataset:
    """The dataset for these employees only: their rows in every table."""
    keep = pd.Index(employee_ids)

    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        if "employee_id" not in frame.columns:
            return frame.iloc[0:0]
        return frame.loc[frame["employee_id"].astype("str").isin(keep)].reset_index(drop=True)

    return replace(
        dataset,
        employees=rows(dataset.employees),
        conversations=rows(dataset.conversations),
        agreements=rows(dataset.agreements),
        training_needs=rows(dataset.training_needs),
    )


def apply_scope(dataset: Dataset, access: Access) -> Scoped:
    """The Scoped view of ``dataset`` for ``access`` (see the module docstring)."""
    employees = dataset.employees
    if access.role == "manager":
        assert access.manager_id is not None
        direct, indirect = reports(employees, access.manager_id)
        indirect_data = restrict(dataset, indirect)
        return Scoped(
            access=access,
            dataset=restrict(dataset, direct),
            audience="hr",
            # conversations stay (a status is computed from them); agreement texts
            # and training needs of indirect reports are never kept
            indirect=replace(
                indirect_data,
                agreements=indirect_data.agreements.iloc[0:0],
                training_needs=indirect_data.training_needs.iloc[0:0],
            ),
            organisation=dataset,
        )
    ids = employees.loc[scope_mask(employees, access), "employee_id"].astype("str")
    scoped = restrict(dataset, ids) if access.scoped else dataset
    audience: Audience = "management" if access.role == "management" else "hr"
    return Scoped(access=access, dataset=scoped, audience=audience)
