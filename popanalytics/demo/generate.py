"""Generate the demo organisation as canonical frames, fully vectorised.

Dates are handled as integer day numbers (days since 1970-01-01, NaN when
missing) while generating and become ``datetime64[ns]`` only at the end, so no
step loops over rows: 500,000 employees generate in seconds. Everything is
drawn from one ``numpy.random.default_rng(seed)`` in a fixed order, so the same
seed always gives the same frames.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from popanalytics.demo import vocabulary as voc
from popanalytics.model import (
    AGREEMENTS,
    CONVERSATIONS,
    EMPLOYEES,
    TABLES,
    TRAINING_NEEDS,
    Dataset,
    empty_frame,
)

DEMO_TODAY = dt.date(2026, 11, 15)
DEMO_CYCLES: tuple[int, ...] = (2024, 2025, 2026)

_EPOCH = dt.date(1970, 1, 1)
_TYPES = ("development", "performance", "appraisal")
_CATEGORIES = tuple(voc.DESCRIPTIONS)  # categories the demo uses ("other" is never drawn)
# Coverage grows a little each cycle: the organisation is getting better at it.
_YEAR_FACTOR = {2024: 0.88, 2025: 0.94, 2026: 1.0}


def _day(day: dt.date) -> int:
    return (day - _EPOCH).days


TODAY = _day(DEMO_TODAY)


def _sample(rng: np.random.Generator, weights: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Draw one category per row from the weight row of its group (G x K weights)."""
    groups, k = weights.shape
    cum = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    # One sorted lookup for all groups: group g's thresholds are shifted by g, so
    # u + g falls among them (memory linear in the rows, whatever the categories).
    shifted = (cum + np.arange(groups)[:, None]).ravel()
    u = rng.random(len(group))
    drawn = np.searchsorted(shifted, u + group, side="right") - group * k
    return np.clip(drawn, 0, k - 1)


def _pick(values: tuple[str, ...] | list[str], index: np.ndarray) -> np.ndarray:
    """Strings by index as an object array; index -1 gives None (missing)."""
    table = np.array([*values, None], dtype=object)
    return table[np.where(index < 0, len(values), index)]


def _where(keep: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``keep``, else None (missing), as an object array."""
    out = np.full(len(values), None, dtype=object)
    out[keep] = values[keep]
    return out


def _weights(names: list[str], per_group: list[tuple[tuple[str, float], ...]]) -> np.ndarray:
    """A G x K weight matrix for `_sample`: one row per group of (name, weight) pairs,
    one column per name in ``names`` (0 where a group does not name it)."""
    column = {name: k for k, name in enumerate(names)}
    weights = np.zeros((len(per_group), len(names)))
    for g, pairs in enumerate(per_group):  # a loop over departments, not rows
        for name, weight in pairs:
            weights[g, column[name]] = weight
    return weights


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers (float, NaN = missing) as datetime64[ns]."""
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
    known = ~np.isnan(days)
    out[known] = days[known].astype("int64").astype("datetime64[D]")
    return out


def _bools(values: np.ndarray, known: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.arrays.BooleanArray(values.astype(bool), ~known.astype(bool))


def _ids(prefix: str, count: int, width: int = 6) -> np.ndarray:
    """Ids such as "G000001" (prefix and zero-padded number), wide enough for ``count``."""
    width = max(width, len(str(count)))
    numbers = pd.Series(np.arange(1, count + 1)).astype(str).str.zfill(width)
    return (prefix + numbers).to_numpy(dtype=object)


def _frame(table: str, columns: dict[str, Any]) -> pd.DataFrame:
    """A frame with every canonical column of ``table`` in the promised dtype.

    ``columns`` must hold every column: a missing one is a bug (KeyError).
    """
    template = empty_frame(table)
    data = {
        name: pd.Series(columns[name]).astype(template[name].dtype)
        for name in TABLES[table].columns
    }
    return pd.DataFrame(data)


# ---------------------------------------------------------------- employees


def _department_sizes(employees: int) -> np.ndarray:
    """Head count per department (largest remainder), the small one fixed."""
    small = voc.SMALL_DEPARTMENT_SIZE if employees >= 30 else 0
    rest = employees - small
    weights = np.array([d.weight for d in voc.DEPARTMENTS])
    exact = weights / weights.sum() * rest
    sizes = np.floor(exact).astype(int)
    shortfall = rest - sizes.sum()
    sizes[np.argsort(-(exact - sizes), kind="stable")[:shortfall]] += 1
    return np.append(sizes, small)


def _team_names(dept: voc.Department, count: int) -> list[str]:
    """Names of a department's teams; the list repeats with a number when too short."""
    i = np.arange(count)
    if not dept.teams:  # nursing wards: Afdeling 1A, 1B, 1C, 1D, 2A, ...
        floors = pd.Series(i // 4 + 1).astype(str)
        letters = pd.Series(np.array(list("ABCD"))[i % 4])
        return list(dept.name + " – Afdeling " + floors + letters)
    base = pd.Series(np.array(dept.teams, dtype=object)[i % len(dept.teams)])
    round_ = i // len(dept.teams)
    suffix = pd.Series(np.where(round_ > 0, " " + (round_ + 1).astype(str), ""))
    return list(base + suffix)


def _employees(rng: np.random.Generator, n: int) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The employee table and the arrays later tables need (indices, day numbers)."""
    depts = voc.ALL_DEPARTMENTS
    sizes = _department_sizes(n)
    dept = rng.permutation(np.repeat(np.arange(len(depts)), sizes))

    id_numbers = 100 + np.cumsum(rng.integers(1, 4, n))
    width = max(5, len(str(int(id_numbers[-1])))) if n else 5
    ids = pd.Series(id_numbers).astype(str).str.zfill(width).to_numpy(dtype=object)

    # Teams: about TEAM_SIZE people each, numbered globally per department block.
    team_counts = np.maximum(1, np.rint(sizes / voc.TEAM_SIZE)).astype(int)
    team_offset = np.concatenate([[0], np.cumsum(team_counts)[:-1]])
    team = team_offset[dept] + rng.integers(0, team_counts[dept])
    team_names = [
        name for d, c in zip(depts, team_counts, strict=True) for name in _team_names(d, c)
    ]
    team_location = _sample(
        rng, np.array([voc.LOCATION_WEIGHTS]), np.zeros(len(team_names), dtype=int)
    )

    # The first member of each team leads it; the lead of a department's first team
    # heads the department; the head of Administratie (else the first) is director.
    is_lead = np.zeros(n, dtype=bool)
    team_lead = np.full(len(team_names), -1)
    used_teams, first = np.unique(team, return_index=True)
    is_lead[first] = True
    team_lead[used_teams] = first
    head_of = np.full(len(depts), -1)
    lead_depts, first_lead = np.unique(dept[first], return_index=True)
    head_of[lead_depts] = first[first_lead]
    admin = [d.name for d in depts].index("Administratie")
    director = head_of[admin] if head_of[admin] >= 0 else head_of[head_of >= 0][0] if n else -1

    manager = team_lead[team]
    manager = np.where(is_lead, head_of[dept], manager)
    is_head = np.isin(np.arange(n), head_of)
    manager = np.where(is_head, director, manager)
    no_manager = (rng.random(n) < 0.01) & ~is_lead  # a few gaps in the HR data
    manager = np.where(no_manager | (np.arange(n) == director), -1, manager)

    # Job titles: team members by department weights, leads by their role.
    titles = sorted({t for d in depts for t, _ in d.titles} | {d.lead_title for d in depts})
    titles.append(voc.DIRECTOR_TITLE)
    title = _sample(rng, _weights(titles, [d.titles for d in depts]), dept)
    lead_title = np.array([titles.index(d.lead_title) for d in depts])
    title = np.where(is_lead, lead_title[dept], title)
    title = np.where(np.arange(n) == director, len(titles) - 1, title)

    # Tenure: mostly years, some very long, about 5 % new (< 90 days); leads senior.
    tenure = 90 + rng.exponential(7 * 365, n)
    tenure = np.where(rng.random(n) < 0.05, rng.integers(0, 90, n), tenure)
    tenure = np.where(is_lead, tenure + 3 * 365, tenure)
    tenure = np.minimum(tenure, 30 * 365 + 200)
    start = (TODAY - np.floor(tenure)).astype(float)

    # Leavers (not leads): an end date since the first demo cycle, a few announced.
    leaver = (rng.random(n) < 0.08) & ~is_lead
    earliest = np.maximum(start + 60, _day(dt.date(2024, 1, 1)))
    latest = TODAY + 45
    leaver &= earliest < latest
    end = np.where(leaver, earliest + np.floor(rng.random(n) * (latest - earliest)), np.nan)

    employed_today = np.isnan(end) | (end > TODAY)
    new = TODAY - start < 90
    absent = (rng.random(n) < 0.03) & employed_today & ~new & ~is_lead
    absent_since = np.where(
        absent, np.maximum(TODAY - rng.integers(20, 700, n), start + 30), np.nan
    )

    fte_values = np.array([0.5, 0.6, 0.75, 0.8, 1.0])
    fte = fte_values[_sample(rng, np.array([[0.15, 0.1, 0.2, 0.25, 0.3]]), np.zeros(n, int))]
    fte = np.where(is_lead, 1.0, fte)
    contracts = _sample(rng, np.array([d.contracts for d in depts]), dept)

    first_names = rng.integers(0, len(voc.FIRST_NAMES), n)
    surnames = rng.integers(0, len(voc.SURNAMES), n)
    names = (
        pd.Series(_pick(voc.FIRST_NAMES, first_names))
        + " "
        + pd.Series(_pick(voc.SURNAMES, surnames))
    )

    frame = _frame(
        EMPLOYEES,
        {
            "employee_id": ids,
            "name": names,
            "department": _pick([d.name for d in depts], dept),
            "team": _pick(team_names, team),
            "job_title": _pick(titles, title),
            "manager_id": _where(manager >= 0, ids[np.maximum(manager, 0)]),
            "location": _pick(voc.LOCATIONS, team_location[team]),
            "start_date": _dates(start),
            "end_date": _dates(end),
            "fte": fte,
            "contract_type": _pick(voc.CONTRACT_TYPES, contracts),
            "absent_since": _dates(absent_since),
        },
    )
    facts = {
        "ids": ids,
        "dept": dept,
        "manager": manager,
        "head": head_of[dept],
        "is_lead": is_lead,
        "start": start,
        "end": end,
        "absent_since": absent_since,
    }
    return frame, facts


# ------------------------------------------------------------ conversations


def _conversations(
    rng: np.random.Generator, emp: dict[str, np.ndarray]
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Per cycle and type, a conversation for a share of the staff (by department
    habit), with its status, dates and signatures as known on DEMO_TODAY."""
    depts = voc.ALL_DEPARTMENTS
    n = len(emp["ids"])
    rates = np.array([[d.development_rate, d.performance_rate, d.appraisal_rate] for d in depts])

    who_parts, type_parts, planned_parts = [], [], []
    for year in DEMO_CYCLES:  # a loop over cycles and types, not rows
        first, last = _day(dt.date(year, 1, 1)), _day(dt.date(year, 12, 31))
        for t in range(len(_TYPES)):
            chosen = rng.random(n) < rates[emp["dept"], t] * _YEAR_FACTOR[year]
            who = np.flatnonzero(chosen)
            # Most conversations are planned before November; the rest until year end.
            span = np.where(rng.random(len(who)) < 0.7, 304, last - first + 1)
            planned = first + np.floor(rng.random(len(who)) * span)
            # Nobody is planned in their first month; a too-early date moves later.
            settle = emp["start"][who] + 30
            planned = np.where(planned < settle, settle + rng.integers(0, 60, len(who)), planned)
            end = emp["end"][who]
            keep = (planned <= last) & (np.isnan(end) | (planned <= end))
            who_parts.append(who[keep])
            type_parts.append(np.full(keep.sum(), t))
            planned_parts.append(planned[keep])
    who = np.concatenate(who_parts)
    ctype = np.concatenate(type_parts)
    planned = np.concatenate(planned_parts)

    # Long-term absence: conversations after it are dropped or postponed.
    absent_since = emp["absent_since"][who]
    after_absence = ~np.isnan(absent_since) & (planned >= absent_since)
    drop = after_absence & (rng.random(len(who)) < 0.5)
    who, ctype, planned, after_absence = (
        who[~drop],
        ctype[~drop],
        planned[~drop],
        after_absence[~drop],
    )
    order = np.lexsort((ctype, who, planned))
    who, ctype, planned, after_absence = (
        who[order],
        ctype[order],
        planned[order],
        after_absence[order],
    )
    m = len(who)
    dept = emp["dept"][who]

    # Status as known on DEMO_TODAY.
    statuses = ("planned", "held", "cancelled", "postponed")
    past_status = _sample(rng, np.array([[0.05, 0.89, 0.03, 0.03]]), np.zeros(m, dtype=int))
    status = np.where(planned > TODAY, 0, past_status)
    status = np.where(after_absence, 3, status)
    held = status == 1

    # Held on the planned day or a few days off, but within its own cycle.
    shift = np.where(rng.random(m) < 0.6, 0, rng.integers(-3, 8, m))
    years = _dates(planned).astype("datetime64[Y]")
    year_first = years.astype("datetime64[D]").astype("int64")
    year_last = (years + 1).astype("datetime64[D]").astype("int64") - 1
    lowest = np.maximum(emp["start"][who], year_first)
    held_day = np.clip(planned + shift, lowest, np.minimum(year_last, TODAY))
    held_day = np.where(held, held_day, np.nan)

    late = rng.random(m) < np.array([d.late_invitations for d in depts])[dept]
    notice = np.where(late, rng.integers(1, 14, m), rng.integers(14, 36, m))
    invited = planned - notice
    invited = np.where((rng.random(m) < 0.08) | (invited > TODAY), np.nan, invited)

    # Signatures: True/False for held ones, a date for some (the date proves it).
    signed_emp = held & (rng.random(m) < 0.88)
    signed_man = held & (rng.random(m) < 0.93)
    dated = rng.random(m) < 0.6
    emp_sig_day = np.where(
        signed_emp & dated, np.minimum(held_day + rng.integers(0, 15, m), TODAY), np.nan
    )
    man_sig_day = np.where(
        signed_man & dated, np.minimum(held_day + rng.integers(0, 21, m), TODAY), np.nan
    )
    filed = signed_emp & signed_man & (rng.random(m) < 0.9)

    wants_followup = rng.random(m) < np.array([d.followup_rate for d in depts])[dept]
    followup = np.where(held & wants_followup, held_day + rng.integers(60, 366, m), np.nan)

    # Held by the employee's manager, sometimes by the department head instead.
    manager = emp["manager"][who]
    by_head = (rng.random(m) < 0.08) | (manager < 0)
    holder = np.where(by_head & (emp["head"][who] != who), emp["head"][who], manager)
    ids = emp["ids"]

    conv_ids = _ids("G", m)
    frame = _frame(
        CONVERSATIONS,
        {
            "conversation_id": conv_ids,
            "employee_id": ids[who],
            "conversation_type": _pick(_TYPES, ctype),
            "planned_date": _dates(planned),
            "invited_date": _dates(invited),
            "held_date": _dates(held_day),
            "status": _pick(statuses, status),
            "signed_by_employee": _bools(signed_emp, held),
            "signed_by_employee_date": _dates(emp_sig_day),
            "signed_by_manager": _bools(signed_man, held),
            "signed_by_manager_date": _dates(man_sig_day),
            "report_filed": _bools(filed, held),
            "followup_date": _dates(followup),
            "manager_id": _where(holder >= 0, ids[np.maximum(holder, 0)]),
        },
    )
    facts = {"who": who, "type": ctype, "held": held, "held_day": held_day, "ids": conv_ids}
    return frame, facts


# --------------------------------------------------------------- agreements


def _agreements(
    rng: np.random.Generator, emp: dict[str, np.ndarray], conv: dict[str, np.ndarray]
) -> pd.DataFrame:
    """0–4 agreements per held conversation, their deadlines and progress."""
    held = np.flatnonzero(conv["held"])
    per_type = np.array(
        [
            [0.10, 0.25, 0.30, 0.25, 0.10],  # development: the POP is about agreements
            [0.30, 0.35, 0.20, 0.10, 0.05],
            [0.50, 0.30, 0.15, 0.05, 0.00],
        ]
    )
    counts = _sample(rng, per_type, conv["type"][held])
    source = np.repeat(held, counts)
    m = len(source)
    who = conv["who"][source]
    dept = emp["dept"][who]

    category_weights = np.array(
        [
            [0.35, 0.30, 0.15, 0.08, 0.07, 0.05],
            [0.15, 0.15, 0.15, 0.25, 0.15, 0.15],
            [0.10, 0.10, 0.10, 0.20, 0.10, 0.40],
        ]
    )
    category = _sample(rng, category_weights, conv["type"][source])
    counts_per_cat = np.array([len(voc.DESCRIPTIONS[c]) for c in _CATEGORIES])
    offsets = np.concatenate([[0], np.cumsum(counts_per_cat)[:-1]])
    templates = [text for c in _CATEGORIES for text in voc.DESCRIPTIONS[c]]
    description = offsets[category] + np.floor(rng.random(m) * counts_per_cat[category]).astype(int)

    one_group = np.zeros(m, dtype=int)
    focus = _sample(rng, np.array([[0.35, 0.60, 0.05]]), one_group)  # strength, improvement, -
    focus = np.where(focus == 2, -1, focus)
    owner = _sample(rng, np.array([[0.5, 0.2, 0.3]]), one_group)

    agreed = conv["held_day"][source]
    horizon = np.array([30, 60, 90, 120, 180, 270, 365])[rng.integers(0, 7, m)]
    due = agreed + horizon + rng.integers(-5, 6, m)
    due = np.where(rng.random(m) < 0.07, np.nan, due)
    span = np.where(np.isnan(due), 120, due - agreed)
    followup = np.where(
        rng.random(m) < 0.45, agreed + np.floor(span * rng.uniform(0.4, 0.9, m)), np.nan
    )

    # Status on DEMO_TODAY: most agreements past their date are done, unless the
    # department lets them slip; young ones are mostly open or in progress.
    statuses = ("open", "in_progress", "done", "cancelled")
    reference = np.where(np.isnan(due), agreed + 180, due)
    done_rate = np.array([d.done_when_due for d in voc.ALL_DEPARTMENTS])[dept]
    u = rng.random(m)
    past = reference <= TODAY
    status = np.where(
        past,
        np.select([u < done_rate, u < done_rate + 0.06, u < done_rate + 0.18], [2, 3, 1], 0),
        np.select([u < 0.2, u < 0.22, u < 0.62], [2, 3, 1], 0),
    )
    status = np.where((TODAY - agreed < 30) & (status == 2), 1, status)
    done = status == 2
    done_day = agreed + 1 + np.floor(rng.random(m) * (reference - agreed) * 1.3)
    done_day = np.clip(done_day, agreed + 1, TODAY)
    done_day = np.where(done & (rng.random(m) >= 0.05), done_day, np.nan)

    return _frame(
        AGREEMENTS,
        {
            "agreement_id": _ids("A", m),
            "conversation_id": conv["ids"][source],
            "employee_id": emp["ids"][who],
            "category": _pick(_CATEGORIES, category),
            "focus": _pick(("strength", "improvement"), focus),
            "description": _pick(templates, description),
            "owner": _pick(("employee", "manager", "both"), owner),
            "agreed_date": _dates(agreed),
            "due_date": _dates(due),
            "followup_date": _dates(followup),
            "status": _pick(statuses, status),
            "done_date": _dates(done_day),
        },
    )


# ----------------------------------------------------------- training needs


def _respell(themes: pd.Series, rng: np.random.Generator) -> pd.Series:
    """A few themes typed differently, as people do (metrics must group them).

    Validated text is trimmed, so the variants differ in case and accents only;
    the export adds the stray spaces (see ``write.export_frame``).
    """
    kind = np.where(rng.random(len(themes)) < 0.05, rng.integers(0, 3, len(themes)), -1)
    out = themes.copy()
    out[kind == 0] = themes[kind == 0].str.lower()
    out[kind == 1] = themes[kind == 1].str.upper()
    no_accents = str.maketrans("ëéèïö", "eeeio")
    out[kind == 2] = themes[kind == 2].str.translate(no_accents)
    return out


def _training_needs(
    rng: np.random.Generator, emp: dict[str, np.ndarray], conv: dict[str, np.ndarray]
) -> pd.DataFrame:
    """Training needs from POP and performance conversations, plus ad hoc requests."""
    n = len(emp["ids"])
    # From conversations: POP conversations often, performance ones sometimes.
    held = np.flatnonzero(conv["held"] & (conv["type"] < 2))
    per_type = np.array([[0.40, 0.35, 0.18, 0.07], [0.75, 0.20, 0.05, 0.0]])
    counts = _sample(rng, per_type, conv["type"][held])
    source = np.repeat(held, counts)
    from_conv_who = conv["who"][source]
    from_conv_day = conv["held_day"][source] + rng.integers(0, 10, len(source))

    # Ad hoc requests outside any conversation, a few per cycle.
    adhoc_who_parts, adhoc_day_parts = [], []
    for year in DEMO_CYCLES:  # per cycle, not per row
        first, last = _day(dt.date(year, 1, 1)), min(_day(dt.date(year, 12, 31)), TODAY)
        who = np.flatnonzero(rng.random(n) < 0.06)
        day = first + rng.integers(0, last - first + 1, len(who)).astype(float)
        keep = (day >= emp["start"][who]) & (np.isnan(emp["end"][who]) | (day <= emp["end"][who]))
        adhoc_who_parts.append(who[keep])
        adhoc_day_parts.append(day[keep])
    who = np.concatenate([from_conv_who, *adhoc_who_parts])
    requested = np.minimum(np.concatenate([from_conv_day, *adhoc_day_parts]), TODAY)
    conv_index = np.concatenate([source, np.full(len(who) - len(source), -1)])
    order = np.lexsort((who, requested))
    who, requested, conv_index = who[order], requested[order], conv_index[order]
    m = len(who)

    depts = voc.ALL_DEPARTMENTS
    themes = sorted({t for d in depts for t, _ in d.themes} | {voc.LEAD_THEME})
    theme = _sample(rng, _weights(themes, [d.themes for d in depts]), emp["dept"][who])
    lead_theme = emp["is_lead"][who] & (rng.random(m) < 0.4)
    theme = np.where(lead_theme, themes.index(voc.LEAD_THEME), theme)
    theme_text = _respell(pd.Series(_pick(themes, theme), dtype="str"), rng)

    forms = (
        "external_course",
        "internal_course",
        "on_the_job",
        "coaching",
        "e_learning",
        "peer_learning",
        "other",
    )
    one_group = np.zeros(m, dtype=int)
    form = _sample(rng, np.array([[0.30, 0.28, 0.10, 0.05, 0.17, 0.06, 0.04]]), one_group)
    priority = _sample(rng, np.array([[0.3, 0.5, 0.2]]), one_group)
    hour_options = np.array(
        [
            [7.0, 14.0, 21.0, 3.5],  # external course: days or a half day
            [2.0, 3.0, 4.0, 7.0],
            [4.0, 8.0, 16.0, 8.0],
            [3.0, 6.0, 3.0, 6.0],
            [1.0, 2.0, 3.0, 1.5],
            [2.0, 4.0, 2.0, 4.0],
            [2.0, 4.0, 7.0, 3.0],
        ]
    )
    hours = hour_options[form, rng.integers(0, 4, m)]
    euro_per_hour = np.array([45.0, 12.0, 0.0, 0.0, 15.0, 0.0, 10.0])[form]
    cost = np.round(hours * euro_per_hour * rng.uniform(0.8, 1.6, m) / 5) * 5
    cost = np.where(rng.random(m) < 0.04, np.nan, cost)

    statuses = ("requested", "approved", "planned", "completed", "rejected")
    age = TODAY - requested
    age_band = np.where(age > 240, 0, np.where(age > 60, 1, 2))
    status = _sample(
        rng,
        np.array(
            [
                [0.12, 0.10, 0.08, 0.62, 0.08],
                [0.18, 0.20, 0.25, 0.30, 0.07],
                [0.55, 0.25, 0.12, 0.05, 0.03],
            ]
        ),
        age_band,
    )
    completed = requested + rng.integers(20, 300, m)
    # A completion the demo day has not reached yet is still planned.
    status = np.where((status == 3) & (completed > TODAY), 2, status)
    completed = np.where((status == 3) & (rng.random(m) >= 0.05), completed, np.nan)

    return _frame(
        TRAINING_NEEDS,
        {
            "need_id": _ids("N", m),
            "employee_id": emp["ids"][who],
            "conversation_id": np.where(
                conv_index >= 0, conv["ids"][np.maximum(conv_index, 0)], None
            ),
            "theme": theme_text,
            "learning_form": _pick(forms, form),
            "priority": _pick(("high", "medium", "low"), priority),
            "hours": hours,
            "cost": cost,
            "status": _pick(statuses, status),
            "requested_date": _dates(requested),
            "completed_date": _dates(completed),
        },
    )


# ------------------------------------------------------------------- public


def demo_tables(employees: int = 300, seed: int = 2026) -> dict[str, pd.DataFrame]:
    """The demo organisation's four canonical tables (fields and dtypes of model.py).

    Deterministic: the same ``employees`` and ``seed`` give identical frames. The
    data is anchored at ``DEMO_TODAY`` (never the real date) with cycles 2024–2026.
    """
    if employees < 1:
        raise ValueError("employees must be at least 1")
    rng = np.random.default_rng(seed)
    emp_frame, emp = _employees(rng, employees)
    conv_frame, conv = _conversations(rng, emp)
    return {
        EMPLOYEES: emp_frame,
        CONVERSATIONS: conv_frame,
        AGREEMENTS: _agreements(rng, emp, conv),
        TRAINING_NEEDS: _training_needs(rng, emp, conv),
    }


def demo_dataset(employees: int = 300, seed: int = 2026) -> Dataset:
    """The demo organisation as a validated ``Dataset`` (every optional field present),
    equal to what ``popanalytics.dataset.load`` makes of its export."""
    tables = demo_tables(employees, seed)
    return Dataset(
        employees=tables[EMPLOYEES],
        conversations=tables[CONVERSATIONS],
        agreements=tables[AGREEMENTS],
        training_needs=tables[TRAINING_NEEDS],
        # As the loader does: every optional column (signature dates included).
        present={
            name: frozenset(TABLES[name].columns) - frozenset(TABLES[name].required)
            for name in TABLES
        },
        sources=("demo",),
    )
