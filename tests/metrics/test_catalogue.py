"""The catalogue names every metric figures() produces, with labels in both languages."""

from __future__ import annotations

from metrics_builders import PARAMS, agreement, dataset, emp, held

from popanalytics.i18n import CATALOGUE
from popanalytics.metrics import HEADLINE_METRICS, METRICS, figures

REQUIRED = {
    "coverage_development",
    "coverage_performance",
    "coverage_appraisal",
    "coverage_any",
    "conversations_planned",
    "conversations_missed",
    "conversations_cancelled",
    "agreements_completion",
    "agreements_on_time",
    "agreements_overdue",
    "followup_missing",
    "out_of_cycle_development",
    "training_needs",
    "training_hours",
    "training_cost",
    "training_fulfilment",
    "notice_given",
    "report_signed",
    "report_filed",
    "followup_planned",
    "strength_focus",
}


def test_figures_produce_exactly_the_catalogue_metrics() -> None:
    figs = figures(dataset([emp("a")], [held("a", "2026-02-01")], [agreement("a")]), PARAMS)
    assert set(figs["metric"]) == set(METRICS)
    headline = set(figs.loc[figs["breakdown_field"].isna(), "metric"])
    assert headline == set(HEADLINE_METRICS)
    assert headline >= REQUIRED


def test_every_metric_has_a_name_and_a_definition_in_dutch_and_english() -> None:
    for info in METRICS.values():
        for key in (info.label_key, info.definition_key):
            nl, en = CATALOGUE[key]
            assert nl and en and nl != en, key


def test_every_catalogue_metric_belongs_to_exactly_one_family():
    from collections import Counter

    from popanalytics.metrics.catalogue import FAMILIES

    memberships = Counter(m for members in FAMILIES.values() for m in members)
    assert set(memberships) == set(METRICS)
    assert max(memberships.values()) == 1


def test_a_family_filtered_by_kind_keeps_the_display_order():
    from popanalytics.metrics.catalogue import family

    assert family("process", kind="rate") == (
        "notice_given",
        "report_signed",
        "report_filed",
        "followup_planned",
        "strength_focus",
    )
