"""Raw tables in, validated `Dataset` and `QualityReport` out.

The steps, per table and then across tables:

1. combine the RawTables of one table (several files/sheets), keeping file,
   sheet and Excel row of every row; generate missing ids;
2. coerce every field to its canonical dtype (coerce.py); a non-empty cell that
   does not parse is an issue;
3. check the value rules and the row rules (held without date, done without
   date) in one lazy pandera pass (rules.py), and repair what a warning allows
   (empty the value, use the fallback category); then derive a missing
   conversation status from the held date;
4. across tables: references to employees (only to *used* employee rows) and
   links to conversations, then duplicate ids (the first usable occurrence is
   used).

Every row ends up used or quarantined; a quarantined row carries at least one
error finding, and warnings are reported for used rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from popanalytics.errors import PopError
from popanalytics.i18n import LANGS, t
from popanalytics.io.raw import RawTable
from popanalytics.model import (
    AGREEMENTS,
    CONVERSATIONS,
    EMPLOYEES,
    TABLE_NAMES,
    TABLES,
    TRAINING_NEEDS,
    Dataset,
    TableSpec,
    empty_frame,
)
from popanalytics.schema import coerce
from popanalytics.schema.findings import (
    build_findings,
    controls_findings,
    empty_findings,
    empty_issues,
    issues_frame,
    sort_findings,
)
from popanalytics.schema.quality import QualityReport, TableCounts
from popanalytics.schema.rules import (
    Rule,
    failures,
    reference_rule,
    row_rules,
    unique_rule,
    value_rules,
)

GENERATED_PREFIX = "G"


@dataclass
class _Work:
    """One table while it is being validated; every frame has a positional index."""

    spec: TableSpec
    raw: pd.DataFrame  # cells as read, one object column per field
    meta: pd.DataFrame  # file, sheet, row (Excel row number)
    frame: pd.DataFrame  # coerced values
    present: frozenset[str]
    issues: list[pd.DataFrame] = field(default_factory=list)
    quarantined: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.quarantined = np.zeros(len(self.frame), dtype=bool)

    def add(self, issues: pd.DataFrame) -> None:
        """Record issues; an error quarantines its row."""
        self.issues.append(issues)
        self.quarantined[issues.loc[issues["severity"] == "error", "pos"].to_numpy()] = True

    def errors(self) -> pd.Series:
        """True for rows quarantined so far."""
        return pd.Series(self.quarantined.copy(), index=self.frame.index)


def validate(
    raw: list[RawTable],
    today: dt.date | None = None,
    *,
    unrecognised: Sequence[tuple[str, str | None]] = (),
) -> tuple[Dataset, QualityReport]:
    """Coerce and check the raw tables; return the used rows and the report.

    ``unrecognised``: the (file, sheet) pairs the reader matched to no table, so
    that a missing employee table can be explained by them.

    Raises `PopError` when there is no employee table, a sheet lacks a required
    column, or the employee table has no (usable) row.
    """
    day = _as_date(today)
    by_table = {name: [r for r in raw if r.table == name] for name in TABLE_NAMES}
    if not by_table[EMPLOYEES]:
        raise _no_employee_table(raw, unrecognised)
    for table in raw:
        if table.table in TABLES:
            _check_required_columns(table)

    work = {name: _prepare(TABLES[name], by_table[name], day) for name in TABLE_NAMES}
    used_employees = _check_employees(work[EMPLOYEES], by_table[EMPLOYEES])
    rejected = _rejected_ids(work[EMPLOYEES], used_employees)
    _check_references(work[CONVERSATIONS], used_employees, rejected)
    used_conversations = _used_ids(work[CONVERSATIONS])
    for name in (AGREEMENTS, TRAINING_NEEDS):
        _check_references(work[name], used_employees, rejected, used_conversations)
    return _finish(work, raw, tuple(unrecognised))


# ---------------------------------------------------------------- per table


def _prepare(spec: TableSpec, raws: Sequence[RawTable], today: dt.date) -> _Work:
    raw, meta, present = _combine(spec, raws)
    frame, coerce_issues = _coerce(spec, raw, today)
    work = _Work(spec, raw, meta, frame, present)
    work.add(coerce_issues)
    if spec.id_field is not None and spec.field(spec.id_field).generated:
        work.frame[spec.id_field] = _with_generated_ids(frame[spec.id_field], meta)
    _run_rules(work, value_rules(spec, today) + row_rules(spec.name, today))
    if spec.name == CONVERSATIONS:
        # after the rules: an unknown status was emptied and is derived too;
        # a derived status is never "held" without a held date
        work.frame["status"] = _derived_status(work.frame, today)
    return work


def _combine(
    spec: TableSpec, raws: Sequence[RawTable]
) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    """One object frame for all sources of a table, plus where each row came from."""
    names = [f.name for f in spec.fields]
    frames = [r.frame.reindex(columns=names).astype(object) for r in raws]
    metas = [
        pd.DataFrame(
            {
                "file": r.file,
                "sheet": r.sheet,
                "row": np.asarray(r.frame.index, dtype="int64"),
                "source": k,
            }
        )
        for k, r in enumerate(raws)
    ]
    if not frames:
        raw = pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
        meta = pd.DataFrame(
            {
                "file": pd.Series([], dtype=object),
                "sheet": pd.Series([], dtype=object),
                "row": pd.Series([], dtype="int64"),
                "source": pd.Series([], dtype="int64"),
            }
        )
    else:
        raw = pd.concat(frames, ignore_index=True)
        meta = pd.concat(metas, ignore_index=True)
    optional = {f.name for f in spec.fields if not f.required}
    seen = {c for r in raws for c in r.frame.columns} & optional
    present = seen | {
        f"{f.name}_date" for f in spec.fields if f.type == "bool_or_date" and f.name in seen
    }
    return raw, meta, frozenset(present)


def _coerce(
    spec: TableSpec, raw: pd.DataFrame, today: dt.date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every field parsed to its canonical dtype; unparseable cells as issues."""
    out: dict[str, pd.Series] = {}
    issues = [empty_issues()]
    for f in spec.fields:
        cells = raw[f.name]
        severity, action = ("error", "quarantine") if f.required else ("warning", "empty")
        bad: pd.Series | None = None
        code = ""
        if f.type == "text":
            # ids are trimmed only (docs/data-model.md); free text keeps its layout;
            # other text (department, theme…) gets inner runs of spaces collapsed
            collapse = f.name != "description" and not f.name.endswith("_id")
            out[f.name] = coerce.parse_text(cells, collapse_spaces=collapse)
        elif f.type == "enum":
            assert f.enum is not None
            out[f.name] = coerce.parse_enum(cells, f.enum)
        elif f.type == "date":
            parsed = coerce.parse_dates(cells, today)
            out[f.name], bad, code = parsed.values, parsed.bad, "unparseable_date"
        elif f.type == "number":
            fraction = f.max_value is not None and f.max_value <= 1.5
            parsed = coerce.parse_numbers(cells, fraction=fraction)
            out[f.name], bad, code = parsed.values, parsed.bad, "unparseable_number"
        elif f.type == "bool":
            parsed = coerce.parse_bools(cells)
            out[f.name], bad, code = parsed.values, parsed.bad, "unparseable_bool"
        else:  # bool_or_date
            parsed, dates = coerce.parse_bool_or_date(cells, today)
            out[f.name], bad, code = parsed.values, parsed.bad, "unparseable_bool"
            out[f"{f.name}_date"] = dates
        if bad is not None and bad.any():
            issues.append(issues_frame(bad.index[bad.to_numpy()], f.name, code, severity, action))
    return pd.DataFrame(out, index=raw.index), pd.concat(issues, ignore_index=True)


def _with_generated_ids(ids: pd.Series, meta: pd.DataFrame) -> pd.Series:
    """Missing ids become ``G-<row>`` (one source) or ``G<source>-<row>`` (several),
    made unique against the ids that were given."""
    missing = ids.isna()
    if not missing.any():
        return ids
    several = meta["source"].nunique() > 1
    prefix = GENERATED_PREFIX + (meta["source"] + 1).astype(str) if several else GENERATED_PREFIX
    generated = (prefix + "-" + meta["row"].astype(str)).astype("str")
    given = set(ids.dropna())
    # a given id may happen to look like a generated one: extend until unique
    while generated[missing].isin(given).any():
        clash = missing & generated.isin(given)
        generated = generated.where(~clash, generated + "-" + GENERATED_PREFIX)
    return ids.where(~missing, generated).astype("str")


def _run_rules(work: _Work, rules: list[Rule], *, rows: pd.Index | None = None) -> None:
    """Check ``rules`` on the frame (or on ``rows`` of it), record issues, repair values.

    A required cell already reported while parsing (an unparseable required
    date) is not reported again as missing.
    """
    frame = work.frame if rows is None else work.frame.loc[rows]
    found = failures(rules, frame)
    if found.empty:
        return
    meta = pd.DataFrame(
        {
            "field": [r.field for r in rules],
            "code": [r.code for r in rules],
            "severity": [r.severity for r in rules],
            "action": [r.action for r in rules],
            "fallback": [r.fallback for r in rules],
            "column": [r.column for r in rules],
        }
    )
    found = found.join(meta, on="rule")
    missing = found["code"] == "required_missing"
    if missing.any():
        flagged = pd.concat(work.issues, ignore_index=True)[["pos", "field"]].drop_duplicates()
        again = pd.MultiIndex.from_frame(found[["pos", "field"]]).isin(
            pd.MultiIndex.from_frame(flagged)
        )
        found = found[~(missing.to_numpy() & again)]
    found = found.assign(msg=_message_keys(work, found))
    work.add(found[["pos", "field", "code", "severity", "action", "msg", "fallback"]])
    for (action, column, fallback), group in found.groupby(
        ["action", "column", "fallback"], dropna=False
    ):
        if action == "empty":
            work.frame.loc[group["pos"].to_numpy(), str(column)] = None
        elif action == "fallback":
            work.frame.loc[group["pos"].to_numpy(), str(column)] = str(fallback)


def _message_keys(work: _Work, found: pd.DataFrame) -> pd.Series:
    """The message of an issue, where one code has more than one wording."""
    msg = found["code"].copy()
    held = found["code"] == "held_without_date"
    if held.any():
        given = work.raw.loc[found.loc[held, "pos"].to_numpy(), "held_date"].notna().to_numpy()
        msg[held] = np.where(given, "held_invalid_date", "held_without_date")
    return msg


def _derived_status(frame: pd.DataFrame, today: dt.date) -> pd.Series:
    """Status when none (or no known one) was given: held when the held date lies
    on or before today, planned otherwise. Postponed/cancelled only when given."""
    held = frame["held_date"]
    derived = pd.Series(
        np.where(held.notna() & (held <= pd.Timestamp(today)), "held", "planned"),
        index=frame.index,
        dtype="str",
    )
    return frame["status"].fillna(derived).astype("str")


# ---------------------------------------------------------------- across tables


def _check_employees(work: _Work, raws: Sequence[RawTable]) -> pd.Index:
    """Quarantine later duplicates of an employee id; the ids of used employees."""
    first = raws[0]
    if work.frame.empty:
        raise _fatal(
            "empty_employee_table", file=first.file, sheet=first.sheet, place=_places(raws)
        )
    _check_unique(work)
    used = work.frame.loc[~work.errors(), "employee_id"]
    if used.empty:
        # the report is not returned with a fatal error: name the first problem
        issues = pd.concat(work.issues, ignore_index=True)
        found = sort_findings(build_findings(EMPLOYEES, issues, work.meta, work.raw))
        example = {"nl": "–", "en": "–"}
        if not found.empty:
            example = {"nl": found["message_nl"].iloc[0], "en": found["message_en"].iloc[0]}
        raise _fatal(
            "no_usable_employees",
            file=first.file,
            sheet=first.sheet,
            place=_places(raws),
            example=lambda lang: example[lang],
        )
    return pd.Index(used.unique())


def _check_unique(work: _Work) -> None:
    id_field = work.spec.id_field
    if id_field is None:
        return
    valid = work.frame.index[~work.errors().to_numpy()]
    _run_rules(work, [unique_rule(id_field)], rows=valid)


def _rejected_ids(work: _Work, used: pd.Index) -> pd.Index:
    """Employee ids whose every row was quarantined."""
    ids = work.frame.loc[work.errors(), "employee_id"].dropna()
    return pd.Index(ids[~ids.isin(used)].unique())


def _check_references(
    work: _Work, employees: pd.Index, rejected: pd.Index, conversations: pd.Index | None = None
) -> None:
    """Rows of an unknown (or rejected) employee are quarantined; a link to a
    conversation that is not there is emptied (the row is kept); then duplicates."""
    valid = work.frame.index[~work.errors().to_numpy()]
    rules = [
        reference_rule(
            "employee_id", employees, code="unknown_employee", severity="error", action="quarantine"
        )
    ]
    if conversations is not None:
        rules.append(
            reference_rule(
                "conversation_id",
                conversations,
                code="unknown_conversation",
                severity="warning",
                action="empty",
            )
        )
    before = len(work.issues)
    _run_rules(work, rules, rows=valid)
    if len(work.issues) > before:
        issues = work.issues[-1]
        ids = work.frame["employee_id"].to_numpy()[issues["pos"].to_numpy()]
        of_rejected = (issues["code"] == "unknown_employee").to_numpy() & pd.Index(ids).isin(
            rejected
        )
        issues.loc[of_rejected, "msg"] = "employee_rejected"
    _check_unique(work)


def _used_ids(work: _Work) -> pd.Index:
    id_field = work.spec.id_field
    assert id_field is not None
    return pd.Index(work.frame.loc[~work.errors(), id_field].dropna().unique())


# ---------------------------------------------------------------- result


def _finish(
    work: dict[str, _Work],
    raw: Sequence[RawTable],
    unrecognised: tuple[tuple[str, str | None], ...],
) -> tuple[Dataset, QualityReport]:
    tables: dict[str, pd.DataFrame] = {}
    counts: dict[str, TableCounts] = {}
    findings = [empty_findings()]
    for name, w in work.items():
        findings.append(controls_findings(name, [r for r in raw if r.table == name]))
        quarantined = w.errors()
        issues = pd.concat(w.issues, ignore_index=True)
        # a quarantined row is reported by its errors; its repairs do not matter
        keep = (issues["severity"] == "error") | ~quarantined.to_numpy()[issues["pos"].to_numpy()]
        findings.append(build_findings(name, issues[keep], w.meta, w.raw))
        canonical = empty_frame(name)
        used = w.frame.loc[~quarantined.to_numpy(), list(canonical.columns)].reset_index(drop=True)
        tables[name] = used.astype(canonical.dtypes.to_dict())
        n_bad = int(quarantined.sum())
        counts[name] = TableCounts(read=len(w.frame), used=len(w.frame) - n_bad, quarantined=n_bad)
    report = QualityReport(
        counts=counts,
        findings=sort_findings(pd.concat(findings, ignore_index=True)),
        unrecognised=unrecognised,
    )
    dataset = Dataset(
        employees=tables[EMPLOYEES],
        conversations=tables[CONVERSATIONS],
        agreements=tables[AGREEMENTS],
        training_needs=tables[TRAINING_NEEDS],
        present={name: w.present for name, w in work.items()},
        sources=tuple(dict.fromkeys(r.file for r in raw)),
    )
    return dataset, report


# ---------------------------------------------------------------- fatal problems


def _no_employee_table(
    raw: Sequence[RawTable], unrecognised: Sequence[tuple[str, str | None]]
) -> PopError:
    """Names every file read and, when some sheets matched no table, those sheets."""
    files = [r.file for r in raw] + [file for file, _sheet in unrecognised]

    def hint(lang: str) -> str:
        if not unrecognised:
            return ""
        places = ", ".join(_place(file, sheet, lang) for file, sheet in unrecognised)
        return t("quality.fatal.unrecognised", lang, places=places)

    return _fatal(
        "no_employee_table",
        file=files[0] if files else None,
        files=_join_names(files),
        unrecognised=hint,
    )


def _check_required_columns(table: RawTable) -> None:
    spec = TABLES[table.table]
    for f in spec.fields:
        if f.required and not f.generated and f.name not in table.frame.columns:
            error = _fatal(
                "missing_column",
                file=table.file,
                sheet=table.sheet,
                label=lambda lang, name=f.name: t(f"field.{name}", lang),
                field=f.name,
                place=lambda lang: _place(table.file, table.sheet, lang),
                aliases=", ".join(f.aliases[:6]),
            )
            error.column = f.name
            raise error


def _fatal(
    key: str, *, file: str | None = None, sheet: str | None = None, **values: object
) -> PopError:
    """A fatal problem in both languages; a callable value is filled per language."""
    texts = {}
    for lang in LANGS:
        filled = {k: (v(lang) if callable(v) else v) for k, v in values.items()}
        texts[lang] = t(f"quality.fatal.{key}", lang, **filled)
    return PopError(texts["nl"], texts["en"], file=file, sheet=sheet, code=f"quality.{key}")


def _place(file: str, sheet: str | None, lang: str) -> str:
    if sheet is None:
        return t("quality.place.file", lang, file=file)
    return t("quality.place.sheet", lang, file=file, sheet=sheet)


def _places(raws: Sequence[RawTable]) -> Callable[[str], str]:
    def words(lang: str) -> str:
        return t("quality.place.join", lang).join(_place(r.file, r.sheet, lang) for r in raws)

    return words


def _join_names(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(names))
    return ", ".join(f"'{n}'" for n in unique) if unique else "–"


def _as_date(today: dt.date | None) -> dt.date:
    if today is None:
        return dt.date.today()
    if isinstance(today, dt.datetime):
        return today.date()
    return today
