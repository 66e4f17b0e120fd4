"""Population, new/absent employees, coverage and conversation status counts."""

from __future__ import annotations

import datetime as dt
import math

from metrics_builders import PARAMS, dataset, emp, held, nd, value

from popanalytics.metrics import Params, figures

# R = 2026-06-30, cycle 2026 (calendar year): min(C.end, R) = R.


def test_population_counts_employees_employed_on_some_day_of_the_cycle_up_to_r() -> None:
    data = dataset(
        [
            emp("stays"),
            emp("left_mid_cycle", end_date="2026-03-31"),
            emp("left_on_cycle_start", end_date="2026-01-01"),
            emp("left_before", end_date="2025-12-31"),
            emp("starts_after_r", start_date="2026-07-01"),
        ]
    )
    assert nd(figures(data, PARAMS), "population") == (3, 3)


def test_employee_leaving_mid_cycle_counts_in_coverage_with_their_conversation() -> None:
    data = dataset(
        [emp("a", end_date="2026-03-31"), emp("b")],
        [held("a", "2026-02-10")],
    )
    assert nd(figures(data, PARAMS), "coverage_development") == (1, 2)


def test_new_employee_is_left_out_of_coverage_and_exactly_90_days_is_not_new() -> None:
    r = PARAMS.reference
    data = dataset(
        [
            emp("new89", start_date=(r - dt.timedelta(days=89)).isoformat()),
            emp("old90", start_date=(r - dt.timedelta(days=90)).isoformat()),
        ],
        [held("new89", "2026-06-01")],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "population_new") == (1, 2)
    # the new one's conversation does not count: 0 of the one not-new employee
    assert nd(figs, "coverage_development") == (0, 1)


def test_min_tenure_days_is_a_parameter() -> None:
    data = dataset([emp("a", start_date="2026-06-01")])
    figs = figures(data, PARAMS.with_(min_tenure_days=10))
    assert nd(figs, "population_new") == (0, 1)


def test_long_term_absent_on_r_is_left_out_of_coverage_and_counted_apart() -> None:
    data = dataset(
        [
            emp("absent", absent_since="2026-04-01"),
            emp("absent_after_r", absent_since="2026-07-15"),
            emp("present"),
        ],
        [held("present", "2026-03-01")],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "population_absent") == (1, 3)
    assert nd(figs, "coverage_development") == (1, 2)


def test_new_and_absent_employee_counts_as_new_not_absent() -> None:
    data = dataset([emp("x", start_date="2026-05-01", absent_since="2026-06-01"), emp("y")])
    figs = figures(data, PARAMS)
    assert nd(figs, "population_new") == (1, 2)
    assert nd(figs, "population_absent") == (0, 2)


def test_coverage_counts_only_conversations_held_in_the_cycle_on_or_before_r() -> None:
    data = dataset(
        [emp("in_cycle"), emp("on_r"), emp("after_r"), emp("last_year"), emp("planned_only")],
        [
            held("in_cycle", "2026-01-01"),
            held("on_r", "2026-06-30"),
            held("after_r", "2026-07-01"),
            held("last_year", "2025-12-31"),
            {**held("planned_only", "2026-03-01"), "status": "planned", "held_date": None},
        ],
    )
    assert nd(figures(data, PARAMS), "coverage_development") == (2, 5)


def test_coverage_per_type_and_any() -> None:
    data = dataset(
        [emp("a"), emp("b"), emp("c"), emp("d")],
        [
            held("a", "2026-02-01", "development"),
            held("a", "2026-02-02", "performance"),
            held("b", "2026-03-01", "appraisal"),
            held("c", "2026-03-01", "performance"),
        ],
    )
    figs = figures(data, PARAMS)
    assert nd(figs, "coverage_development") == (1, 4)
    assert nd(figs, "coverage_performance") == (2, 4)
    assert nd(figs, "coverage_appraisal") == (1, 4)
    assert nd(figs, "coverage_any") == (3, 4)
    assert value(figs, "coverage_any")["rate"] == 0.75


def test_empty_denominator_gives_nan_rate_not_an_error() -> None:
    data = dataset([emp("new", start_date="2026-06-01")])
    row = value(figures(data, PARAMS), "coverage_any")
    assert (row["numerator"], row["denominator"]) == (0, 0)
    assert math.isnan(row["rate"])


def test_empty_dataset_gives_every_headline_metric_without_error() -> None:
    figs = figures(dataset(), PARAMS)
    assert value(figs, "population")["numerator"] == 0
    assert math.isnan(value(figs, "agreements_completion")["rate"])


def test_window_months_counts_conversations_in_the_last_n_months_before_r() -> None:
    data = dataset(
        [emp("recent"), emp("within_24"), emp("older")],
        [
            held("recent", "2026-05-01"),
            held("within_24", "2024-07-01"),
            held("older", "2024-06-29"),
        ],
    )
    assert nd(figures(data, PARAMS), "coverage_development") == (1, 3)
    assert nd(figures(data, PARAMS.with_(window_months=24)), "coverage_development") == (2, 3)


def test_cycle_starting_in_september_runs_to_the_end_of_august() -> None:
    params = Params(cycle_year=2025, cycle_start_month=9, reference_date=dt.date(2026, 6, 30))
    assert params.cycle.start == dt.date(2025, 9, 1)
    data = dataset(
        [emp("sep"), emp("aug_before"), emp("jan")],
        [
            held("sep", "2025-09-01"),
            held("aug_before", "2025-08-31"),
            held("jan", "2026-01-15"),
        ],
    )
    assert nd(figures(data, params), "coverage_development") == (2, 3)


def test_past_cycle_is_taken_as_of_its_end() -> None:
    # R after the cycle: figures as of 2025-12-31, so a conversation held in
    # 2026 does not count and an employee who started in December 2025 is new.
    params = Params(cycle_year=2025, reference_date=dt.date(2026, 6, 30))
    data = dataset(
        [emp("a"), emp("late_start", start_date="2025-12-01")],
        [held("a", "2025-11-01"), held("a", "2026-01-05", "performance")],
    )
    figs = figures(data, params)
    assert nd(figs, "coverage_performance") == (0, 1)
    assert nd(figs, "population_new") == (1, 2)


def test_conversation_status_counts_planned_missed_cancelled_postponed() -> None:
    def planned(eid: str, day: str, status: str, **kw: object) -> dict[str, object]:
        return {
            "employee_id": eid,
            "conversation_type": "development",
            "planned_date": day,
            "status": status,
            **kw,
        }

    data = dataset(
        [emp("a"), emp("new", start_date="2026-06-01")],
        [
            planned("a", "2026-09-01", "planned"),  # planned, not yet held
            planned("a", "2026-06-30", "planned"),  # planned on R: not missed
            planned("a", "2026-03-01", "planned"),  # missed
            planned("a", "2026-04-01", "postponed"),  # missed (not held, not cancelled)
            planned("a", "2026-05-01", "cancelled"),
            planned("new", "2026-06-10", "planned"),  # a new employee's: counted, missed
            planned("a", "2026-06-01", "held", held_date="2026-07-02"),  # held after R: missed at R
            planned("a", "2025-12-01", "planned"),  # planned in another cycle
            planned("a", "2026-02-01", "held", held_date="2026-02-01"),
        ],
    )
    figs = figures(data, PARAMS)
    assert value(figs, "conversations_planned")["numerator"] == 2
    assert value(figs, "conversations_missed")["numerator"] == 4
    assert value(figs, "conversations_cancelled")["numerator"] == 1
    assert value(figs, "conversations_held")["numerator"] == 1
    assert math.isnan(value(figs, "conversations_missed")["rate"])
    assert value(figs, "conversations_missed")["denominator"] == 2


def test_filters_restrict_the_population_before_anything_else() -> None:
    data = dataset(
        [emp("a", department="X"), emp("b", department="Y")],
        [held("a", "2026-02-01"), held("b", "2026-02-01")],
    )
    figs = figures(data, PARAMS.with_(filters=(("department", ("X",)),)))
    assert nd(figs, "population") == (1, 1)
    assert nd(figs, "coverage_development") == (1, 1)
    assert value(figs, "conversations_held")["numerator"] == 1


def test_group_by_gives_a_total_row_and_one_row_per_group_with_none_group() -> None:
    data = dataset([emp("a", team="T1"), emp("b", team="T2"), emp("c")], [held("a", "2026-02-01")])
    figs = figures(data, PARAMS.with_(group_by="team"))
    rows = figs[(figs["metric"] == "coverage_development") & figs["breakdown_field"].isna()]
    assert list(rows["group"]) == ["all", "T1", "T2", "(none)"]
    assert list(rows["numerator"]) == [1, 1, 0, 0]
    assert list(rows["denominator"]) == [3, 1, 1, 1]


def test_without_group_by_only_total_rows() -> None:
    data = dataset([emp("a", team="T1"), emp("b", team="T2")])
    assert set(figures(data, PARAMS)["group"]) == {"all"}
