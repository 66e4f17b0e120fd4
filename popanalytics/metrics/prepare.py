"""Turn a Dataset into flat numpy arrays once, so every metric is array arithmetic.

Everything here depends on the data only, never on Params: ids become integer
positions (a conversation's employee is ``conv_emp``, an index into the
employee arrays), dates become float day numbers (days since 1970-01-01, NaN
when missing, so a comparison with a missing date is simply False, like NaT),
enums become small integer codes. A dashboard can prepare once per loaded
dataset and recompute figures for every filter state from the same object;
the public functions also accept a plain Dataset and prepare it themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from popanalytics.metrics.params import GROUP_FIELDS
from popanalytics.model import TABLES, Dataset, empty_frame

CONVERSATION_KINDS: tuple[str, ...] = ("development", "performance", "appraisal")
NEED_STATUSES: tuple[str, ...] = ("requested", "approved", "planned", "completed", "rejected")


@dataclass(frozen=True)
class Codes:
    """An enum/text column as integer codes into ``labels``; -1 = missing."""

    codes: np.ndarray
    labels: np.ndarray  # object array of strings

    def take(self, rows: np.ndarray) -> Codes:
        """The codes of the rows at positions ``rows`` (same labels)."""
        return Codes(self.codes.take(rows), self.labels)


@dataclass(frozen=True)
class EmployeeArrays:
    """One entry per distinct employee_id (positions into the employee arrays)."""

    rows: np.ndarray  # positions in dataset.employees
    start: np.ndarray
    end: np.ndarray
    absent: np.ndarray
    fields: dict[str, Codes]  # GROUP_FIELDS
    manager: np.ndarray  # code into Prepared.managers.labels of each one's manager (-1: none)


@dataclass(frozen=True)
class ConversationArrays:
    """The conversations of known employees."""

    rows: np.ndarray  # positions in dataset.conversations
    emp: np.ndarray  # employee position of each conversation
    kind: np.ndarray  # index into CONVERSATION_KINDS, -1 = other
    held_status: np.ndarray
    cancelled: np.ndarray
    planned: np.ndarray
    invited: np.ndarray
    held: np.ndarray
    followup: np.ndarray
    signed_both: np.ndarray
    second_signature: np.ndarray  # later of both signature dates, NaN unless both known
    filed: np.ndarray
    agr_followup: np.ndarray  # an agreement of it has a followup_date
    agr_followup_or_due: np.ndarray  # ... a followup_date or a due_date
    manager: np.ndarray  # manager code of who held it (its manager_id, else the employee's)
    # combined date, so "held as of R" is one comparison per row:
    held_at: np.ndarray  # held_date of conversations with status held, else NaN


@dataclass(frozen=True)
class AgreementArrays:
    """The agreements of known employees."""

    rows: np.ndarray  # positions in dataset.agreements
    emp: np.ndarray
    agreed: np.ndarray  # agreed_date, else the conversation's held_date
    due: np.ndarray
    followup: np.ndarray
    followup_ref: np.ndarray  # followup_date, else due_date
    done: np.ndarray
    done_status: np.ndarray
    cancelled: np.ndarray
    category: Codes
    owner: Codes
    focus: Codes
    strength: np.ndarray
    # combined dates, so "open at R" is one comparison each (from ≤ R < until):
    open_from: np.ndarray  # agreed date (-inf if none); +inf if cancelled
    open_until: np.ndarray  # done_date (-inf if none) if done, else +inf


@dataclass(frozen=True)
class NeedArrays:
    """The training needs of known employees."""

    rows: np.ndarray  # positions in dataset.training_needs
    emp: np.ndarray
    requested: np.ndarray  # requested_date, else the conversation's held_date
    completed: np.ndarray
    status: np.ndarray  # index into NEED_STATUSES, -1 = other/missing
    hours: np.ndarray  # missing = 0
    cost: np.ndarray  # missing = 0
    cost_missing: np.ndarray
    theme: Codes  # grouped themes, labels in their most frequent spelling
    learning_form: Codes
    priority: Codes
    status_codes: Codes


@dataclass(frozen=True)
class Prepared:
    """The arrays every metric works on, one part per table (see the module docstring)."""

    dataset: Dataset
    employees: EmployeeArrays
    conversations: ConversationArrays
    agreements: AgreementArrays
    needs: NeedArrays
    managers: Codes  # manager ids: codes per employee followed by codes per conversation
    manager_emp: np.ndarray  # per manager code: employee position of that manager, -1 if none
    report_filed_known: bool
    # Results derived from these arrays alone and reused across queries (the
    # disclosure plan of a cycle and reference date); never part of equality.
    memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def n_emp(self) -> int:
        return len(self.employees.rows)

    def employee_column(self, name: str) -> np.ndarray:
        """A column of the employees table per employee position (object array)."""
        return self.dataset.employees[name].to_numpy(dtype=object)[self.employees.rows]

    def manager_names(self, codes: np.ndarray) -> np.ndarray:
        """The name of each manager code (None when the manager is no employee)."""
        pos = take_or(self.manager_emp, codes, -1)
        names = self.employee_column("name")
        found = pos >= 0
        out = np.full(len(codes), None, dtype=object)
        out[found] = names[pos[found]]
        out[pd.isna(out)] = None
        return out


def prepare(dataset: Dataset | Prepared) -> Prepared:
    """The arrays of ``dataset`` (a Prepared passes through unchanged)."""
    if isinstance(dataset, Prepared):
        return dataset
    emp = _table(dataset, "employees")
    conv = _table(dataset, "conversations")
    agr = _table(dataset, "agreements")
    tn = _table(dataset, "training_needs")

    # Validated data has unique employee ids; keep the first if not, so the
    # positional lookups below are well defined.
    emp_ids = emp["employee_id"]
    first = ~emp_ids.duplicated().to_numpy() & emp_ids.notna().to_numpy()
    emp_rows = np.flatnonzero(first)
    emp_index = pd.Index(emp_ids.to_numpy(dtype=object)[emp_rows])
    emp_used = emp.iloc[emp_rows]

    conv_emp_all = emp_index.get_indexer(conv["employee_id"].to_numpy(dtype=object))
    conv_rows = np.flatnonzero(conv_emp_all >= 0)
    conv_u = conv.iloc[conv_rows]
    conv_emp = conv_emp_all[conv_rows]
    conv_held = _days(conv_u["held_date"])

    agr_emp_all = emp_index.get_indexer(agr["employee_id"].to_numpy(dtype=object))
    agr_rows = np.flatnonzero(agr_emp_all >= 0)
    agr_u = agr.iloc[agr_rows]
    agr_emp = agr_emp_all[agr_rows]

    tn_emp_all = emp_index.get_indexer(tn["employee_id"].to_numpy(dtype=object))
    tn_rows = np.flatnonzero(tn_emp_all >= 0)
    tn_u = tn.iloc[tn_rows]
    tn_emp = tn_emp_all[tn_rows]

    # Links to the source conversation (position in conv_u, -1 = none/unknown).
    conv_ids = conv_u["conversation_id"].to_numpy(dtype=object)
    conv_id_index = pd.Index(conv_ids)
    if conv_id_index.is_unique and not conv_id_index.hasnans:
        positions = np.arange(len(conv_ids))
    else:  # keep the first of duplicates; a missing id links nothing
        keep = ~conv_id_index.duplicated() & ~pd.isna(conv_ids)
        conv_id_index = pd.Index(conv_ids[keep])
        positions = np.flatnonzero(keep)
    agr_conv = _lookup(conv_id_index, positions, agr_u["conversation_id"])
    tn_conv = _lookup(conv_id_index, positions, tn_u["conversation_id"])

    agr_agreed = _fallback(_days(agr_u["agreed_date"]), conv_held, agr_conv)
    agr_due = _days(agr_u["due_date"])
    agr_followup = _days(agr_u["followup_date"])
    linked = agr_conv >= 0
    n_conv = len(conv_u)
    conv_agr_followup = (
        np.bincount(agr_conv[linked & ~np.isnan(agr_followup)], minlength=n_conv) > 0
    )
    conv_agr_followup_or_due = (
        np.bincount(
            agr_conv[linked & ~(np.isnan(agr_followup) & np.isnan(agr_due))], minlength=n_conv
        )
        > 0
    )

    sign_emp = _bool(conv_u["signed_by_employee"]) | ~np.isnan(
        _days(conv_u["signed_by_employee_date"])
    )
    sign_mgr = _bool(conv_u["signed_by_manager"]) | ~np.isnan(
        _days(conv_u["signed_by_manager_date"])
    )
    # np.fmax would ignore one missing date; the second signature needs both.
    second = np.maximum(
        _days(conv_u["signed_by_employee_date"]), _days(conv_u["signed_by_manager_date"])
    )

    emp_manager = emp_used["manager_id"].to_numpy(dtype=object)
    conv_manager = conv_u["manager_id"].to_numpy(dtype=object).copy()
    no_manager = pd.isna(conv_manager) | (conv_manager == "")
    conv_manager[no_manager] = emp_manager[conv_emp[no_manager]]
    managers = _codes(pd.Series(np.concatenate([emp_manager, conv_manager]), dtype=object))

    tn_status_codes = _enum(tn_u["status"], NEED_STATUSES)
    conv_held_status = _is(conv_u["status"], "held")
    agr_cancelled = _is(agr_u["status"], "cancelled")
    agr_done_status = _is(agr_u["status"], "done")
    agr_done = _days(agr_u["done_date"])
    hours = tn_u["hours"].to_numpy(dtype="float64", na_value=np.nan)
    cost = tn_u["cost"].to_numpy(dtype="float64", na_value=np.nan)

    conv_held_at = np.where(conv_held_status, conv_held, np.nan)
    return Prepared(
        # the tables with every canonical column (the detail lists read them)
        dataset=replace(
            dataset, employees=emp, conversations=conv, agreements=agr, training_needs=tn
        ),
        employees=EmployeeArrays(
            rows=emp_rows,
            start=_days(emp_used["start_date"]),
            end=_days(emp_used["end_date"]),
            absent=_days(emp_used["absent_since"]),
            fields={name: _codes(emp_used[name]) for name in GROUP_FIELDS},
            manager=managers.codes[: len(emp_rows)],
        ),
        conversations=ConversationArrays(
            rows=conv_rows,
            emp=conv_emp,
            kind=_enum(conv_u["conversation_type"], CONVERSATION_KINDS).codes,
            held_status=conv_held_status,
            cancelled=_is(conv_u["status"], "cancelled"),
            planned=_days(conv_u["planned_date"]),
            invited=_days(conv_u["invited_date"]),
            held=conv_held,
            followup=_days(conv_u["followup_date"]),
            signed_both=sign_emp & sign_mgr,
            second_signature=second,
            filed=_bool(conv_u["report_filed"]),
            agr_followup=conv_agr_followup,
            agr_followup_or_due=conv_agr_followup_or_due,
            manager=managers.codes[len(emp_rows) :],
            held_at=conv_held_at,
        ),
        agreements=AgreementArrays(
            rows=agr_rows,
            emp=agr_emp,
            agreed=agr_agreed,
            due=agr_due,
            followup=agr_followup,
            followup_ref=np.where(np.isnan(agr_followup), agr_due, agr_followup),
            done=agr_done,
            done_status=agr_done_status,
            cancelled=agr_cancelled,
            category=_codes(agr_u["category"]),
            owner=_codes(agr_u["owner"]),
            focus=_codes(agr_u["focus"]),
            strength=_is(agr_u["focus"], "strength"),
            open_from=np.where(
                agr_cancelled, np.inf, np.where(np.isnan(agr_agreed), -np.inf, agr_agreed)
            ),
            open_until=np.where(
                agr_done_status, np.where(np.isnan(agr_done), -np.inf, agr_done), np.inf
            ),
        ),
        needs=NeedArrays(
            rows=tn_rows,
            emp=tn_emp,
            requested=_fallback(_days(tn_u["requested_date"]), conv_held, tn_conv),
            completed=_days(tn_u["completed_date"]),
            status=tn_status_codes.codes,
            hours=np.nan_to_num(hours, nan=0.0),
            cost=np.nan_to_num(cost, nan=0.0),
            cost_missing=np.isnan(cost),
            theme=theme_codes(tn_u["theme"]),
            learning_form=_codes(tn_u["learning_form"]),
            priority=_codes(tn_u["priority"]),
            status_codes=_codes(tn_u["status"]),
        ),
        managers=managers,
        manager_emp=emp_index.get_indexer(managers.labels),
        report_filed_known=dataset.has_column("conversations", "report_filed"),
    )


def theme_codes(themes: pd.Series) -> Codes:
    """Group themes case-, accent- and space-insensitively.

    Each group is shown in its most frequent spelling (ties: alphabetically
    first). Only the distinct spellings are normalised, so this stays cheap.
    """
    codes, spellings = pd.factorize(themes.to_numpy(dtype=object))
    if len(spellings) == 0:
        return Codes(codes.astype(np.int64), np.array([], dtype=object))
    counts = np.bincount(codes[codes >= 0], minlength=len(spellings))
    keys = (
        pd.Series(spellings, dtype=object)
        .astype(str)
        .str.normalize("NFKD")
        .str.replace(r"[\u0300-\u036f]", "", regex=True)
        .str.casefold()
        .str.replace(r"\s+", "", regex=True)
    )
    table = pd.DataFrame({"key": keys, "spelling": spellings.astype(str), "count": -counts})
    best = table.sort_values(["key", "count", "spelling"]).drop_duplicates("key")
    key_codes = pd.Index(best["key"]).get_indexer(keys)
    grouped = np.where(codes >= 0, key_codes[codes], -1)
    return Codes(grouped.astype(np.int64), best["spelling"].to_numpy(dtype=object))


# ------------------------------------------------------------------ helpers


def _table(dataset: Dataset, name: str) -> pd.DataFrame:
    """The table with every canonical column present (missing ones empty)."""
    frame = dataset.table(name)
    missing = [c for c in TABLES[name].columns if c not in frame.columns]
    if not missing:
        return frame
    template = empty_frame(name)
    extra = {c: template[c].reindex(frame.index) for c in missing}  # all missing, same dtype
    return frame.assign(**extra)


def _days(series: pd.Series) -> np.ndarray:
    """Dates as float day numbers since 1970-01-01; missing = NaN."""
    values = pd.to_datetime(series).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    out = values.astype("int64").astype("float64")
    out[np.isnat(values)] = np.nan
    return out


def _bool(series: pd.Series) -> np.ndarray:
    """Nullable booleans as plain booleans (missing = False)."""
    return series.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _is(series: pd.Series, value: str) -> np.ndarray:
    return series.isin([value]).to_numpy(dtype=bool)


def _codes(series: pd.Series) -> Codes:
    """Factorized text; empty or blank text counts as missing (-1)."""
    codes, labels = pd.factorize(series.to_numpy(dtype=object))
    labels = np.asarray(labels, dtype=object)
    blank = np.array([str(v).strip() == "" for v in labels], dtype=bool)  # distinct values only
    if blank.any():
        codes = np.where((codes >= 0) & blank[np.maximum(codes, 0)], -1, codes)
    return Codes(codes.astype(np.int64), labels)


def _enum(series: pd.Series, values: tuple[str, ...]) -> Codes:
    """Codes into a fixed list of values (-1 = missing or not in the list)."""
    codes = pd.Index(values).get_indexer(pd.Index(series.to_numpy(dtype=object)))
    return Codes(codes.astype(np.int64), np.array(values, dtype=object))


def compress(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``values[mask]`` through the positions of ``mask``: numpy's boolean
    indexing is about 3x slower than flatnonzero + take on irregular masks."""
    return values.take(np.flatnonzero(mask))


def take_or(values: np.ndarray, index: np.ndarray, fill: Any) -> np.ndarray:
    """``values[index]`` where index ≥ 0, else ``fill`` (safe on empty ``values``)."""
    if len(values) == 0:
        return np.full(len(index), fill)
    return np.where(index >= 0, values[np.maximum(index, 0)], fill)


def _lookup(index: pd.Index, positions: np.ndarray, keys: pd.Series) -> np.ndarray:
    """Position of each key in ``index`` (-1 when missing or unknown)."""
    found = index.get_indexer(pd.Index(keys.to_numpy(dtype=object)))
    found[keys.isna().to_numpy()] = -1
    return take_or(positions, found, -1)


def _fallback(own: np.ndarray, conv_held: np.ndarray, conv: np.ndarray) -> np.ndarray:
    """``own`` date, else the linked conversation's held date."""
    linked = take_or(conv_held, conv, np.nan)
    return np.where(np.isnan(own), linked, own)
