"""Per-manager follow-up workbooks: what each manager promised their team and what is late.

These lists name individuals, so they exist for the hr audience only. A
manager's team is grouped by the employee's manager (employees.manager_id), as
everywhere else; employees without a manager form one list of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from popanalytics import metrics
from popanalytics.export.actions import action_rows
from popanalytics.export.names import safe_stem, sheet_titles, unique_stems
from popanalytics.export.overview import heading_lines, manager_names, out_of_cycle_type
from popanalytics.export.shaping import detail_table
from popanalytics.export.sheet import Book, TableBlock, column_widths, write_sheet
from popanalytics.i18n import t
from popanalytics.metrics import Prepared
from popanalytics.metrics.actions import manager_actions
from popanalytics.metrics.params import NO_GROUP, Params
from popanalytics.model import Dataset

_TEAM = "_team_manager"
SECTIONS = ("actions", "open", "overdue", "lacking", "out_of_cycle")


@dataclass(frozen=True)
class FollowupLists:
    """The hr detail lists (the actions first), each with the team manager of every row in ``_TEAM``."""

    lists: Mapping[str, pd.DataFrame]
    conversation_type: str
    names: Mapping[str, str]

    def managers(self) -> list[str]:
        """Every manager with at least one row, "(none)" last."""
        found: set[str] = set()
        for frame in self.lists.values():
            found.update(frame[_TEAM].unique().tolist())
        return sorted(found - {NO_GROUP}, key=str.casefold) + (
            [NO_GROUP] if NO_GROUP in found else []
        )


def _with_team(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the employee's manager (the team: the list's manager_id) to each row;
    no manager, or a blank one, is the team "(none)", as in the figures."""
    team = frame["manager_id"].astype(object)
    known = team.notna() & (team.astype(str).str.strip() != "")
    return frame.reset_index(drop=True).assign(
        **{_TEAM: team.where(known, NO_GROUP).astype(str).to_numpy()}
    )


def collect_followup(dataset: Dataset | Prepared, params: Params) -> FollowupLists:
    """The detail lists from the metrics engine (it raises PermissionError for management)."""
    if params.audience != "hr":
        raise PermissionError("follow-up workbooks name individuals: hr audience only")
    kind = out_of_cycle_type(params)
    data = metrics.prepare(dataset)  # once, for the four lists and the names
    raw = {
        "actions": manager_actions(data, params, kind),
        "open": metrics.open_agreements(data, params),
        "overdue": metrics.overdue_agreements(data, params),
        "lacking": metrics.conversations_lacking_followup(data, params),
        "out_of_cycle": metrics.out_of_cycle_employees(data, params, conversation_type=kind),
    }
    return FollowupLists(
        lists={name: _with_team(frame) for name, frame in raw.items()},
        conversation_type=kind,
        names=manager_names(data),
    )


def manager_label(manager: str, names: Mapping[str, str], lang: str) -> str:
    """ "Name (id)" when the id is a known employee, the id (or name) itself otherwise."""
    if manager == NO_GROUP:
        return t("export.followup.unknown_manager", lang)
    name = names.get(manager)
    return f"{name} ({manager})" if name else manager


def _full_tables(lists: FollowupLists, lang: str) -> dict[str, TableBlock]:
    """Each list as one labelled table for all managers; a manager's table is a slice."""
    conversation_type = t(f"conversation_type.{lists.conversation_type}", lang)
    headings = {
        "actions": t("export.followup.actions", lang, conversation_type=conversation_type),
        "open": t("export.followup.open", lang),
        "overdue": t("export.followup.overdue", lang),
        "lacking": t("export.followup.lacking", lang),
        "out_of_cycle": t(
            "export.followup.out_of_cycle", lang, conversation_type=conversation_type
        ),
    }
    return {
        section: detail_table(
            action_rows(lists.lists[section], lang)
            if section == "actions"
            else lists.lists[section],
            name=f"tbl_{section}",
            lang=lang,
            heading=headings[section],
            # the manager is the workbook's subject: no column repeating them
            drop=(_TEAM, "manager_id", "manager_name"),
        )
        for section in SECTIONS
    }


def write_followup(
    out_dir: str | Path,
    dataset: Dataset | Prepared,
    params: Params,
    lang: str = "nl",
    single_workbook: bool = False,
) -> list[Path]:
    """Write one follow-up workbook per manager (or one workbook, a sheet per manager).

    Returns the files written. File names and sheet titles come from manager
    names, made safe for Windows and Excel and unique.
    """
    lists = collect_followup(dataset, params)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    managers = lists.managers()
    # Label, format and measure every list once; a manager's tables are then
    # slices of these (rows split by team once, by position).
    full = _full_tables(lists, lang)
    team_rows = {
        section: frame.groupby(_TEAM, sort=False).indices for section, frame in lists.lists.items()
    }
    widths = column_widths(list(full.values()))
    no_rows = np.array([], dtype=np.int64)

    def tables_of(manager: str, suffix: str) -> list[TableBlock]:
        return [
            replace(
                full[section],
                name=f"{full[section].name}{suffix}",
                # detail_table keeps the list's row order: team positions apply
                frame=full[section]
                .frame.iloc[team_rows[section].get(manager, no_rows)]
                .reset_index(drop=True),
            )
            for section in SECTIONS
        ]

    labels = [manager_label(m, lists.names, lang) for m in managers]
    prefix = t("export.followup.file_prefix", lang)
    if single_workbook:
        book = Book()
        titles = sheet_titles(labels, fallback=t("export.followup.sheet", lang))
        for i, (manager, label, title) in enumerate(zip(managers, labels, titles, strict=True)):
            heading = heading_lines(t("export.followup.title", lang, manager=label), params, lang)
            write_sheet(book, title, heading, tables_of(manager, f"_{i}"), widths=widths)
        if not managers:
            write_sheet(book, t("export.followup.sheet", lang), [], [])
        path = out / f"{safe_stem(prefix)}.xlsx"
        book.save(path)
        return [path]

    stems = unique_stems(safe_stem(f"{prefix}_{label}") for label in labels)
    paths: list[Path] = []
    for manager, label, stem in zip(managers, labels, stems, strict=True):
        book = Book()
        heading = heading_lines(t("export.followup.title", lang, manager=label), params, lang)
        write_sheet(
            book, t("export.followup.sheet", lang), heading, tables_of(manager, ""), widths=widths
        )
        path = out / f"{stem}.xlsx"
        book.save(path)
        paths.append(path)
    return paths
