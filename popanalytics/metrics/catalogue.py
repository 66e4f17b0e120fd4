"""What each metric key is: kind, unit, family, label keys and the breakdowns it has.

The one catalogue of figures: the engine, the charts, the workbook and the CLI
read kinds, units, families and labels from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from popanalytics.i18n import has_label, t

Kind = Literal["rate", "count", "sum", "median"]
Unit = Literal["percent", "people", "items", "hours", "eur", "days"]
NumberFormat = Literal["percent", "eur", "int", "number"]


@dataclass(frozen=True)
class MetricInfo:
    key: str
    kind: Kind
    unit: Unit
    breakdowns: tuple[str, ...] = ()
    headline: bool = True  # False: only present as breakdown rows

    @property
    def number_format(self) -> NumberFormat:
        """How the figure's value is formatted (the numerator for a non-rate):
        whole numbers for counts and days, euros for a cost."""
        if self.kind == "rate":
            return "percent"
        if self.unit == "eur":
            return "eur"
        if self.kind == "count" or self.unit == "days":
            return "int"
        return "number"

    @property
    def label_key(self) -> str:
        return f"metric.{self.key}"

    @property
    def definition_key(self) -> str:
        return f"metric.{self.key}.definition"


_TYPE = ("conversation_type",)
_NEEDS = ("theme", "learning_form", "priority", "status")

_ALL: tuple[MetricInfo, ...] = (
    MetricInfo("population", "count", "people"),
    MetricInfo("population_new", "count", "people"),
    MetricInfo("population_absent", "count", "people"),
    MetricInfo("coverage_development", "rate", "percent"),
    MetricInfo("coverage_performance", "rate", "percent"),
    MetricInfo("coverage_appraisal", "rate", "percent"),
    MetricInfo("coverage_any", "rate", "percent"),
    MetricInfo("conversations_planned", "count", "items", _TYPE),
    MetricInfo("conversations_missed", "count", "items", _TYPE),
    MetricInfo("conversations_cancelled", "count", "items", _TYPE),
    MetricInfo("conversations_held", "count", "items", _TYPE),
    MetricInfo("agreements_total", "count", "items"),
    MetricInfo("agreements_completion", "rate", "percent"),
    MetricInfo("agreements_on_time", "rate", "percent"),
    MetricInfo("agreements_days_to_done_median", "median", "days"),
    MetricInfo("strength_focus", "rate", "percent"),
    MetricInfo("agreements_mix", "rate", "percent", ("category", "owner", "focus"), headline=False),
    MetricInfo("agreements_overdue", "count", "items", ("bucket",)),
    MetricInfo("followup_missing", "count", "items"),
    MetricInfo("out_of_cycle_development", "count", "people"),
    MetricInfo("out_of_cycle_performance", "count", "people"),
    MetricInfo("out_of_cycle_appraisal", "count", "people"),
    MetricInfo("out_of_cycle_any", "count", "people"),
    MetricInfo("training_needs", "count", "items", _NEEDS),
    MetricInfo("training_hours", "sum", "hours", _NEEDS),
    MetricInfo("training_cost", "sum", "eur", _NEEDS),
    MetricInfo("training_cost_missing", "count", "items"),
    MetricInfo("training_employees", "count", "people"),
    MetricInfo("training_share_employees", "rate", "percent"),
    MetricInfo("training_fulfilment", "rate", "percent"),
    MetricInfo("training_open_demand", "count", "items"),
    MetricInfo("notice_given", "rate", "percent"),
    MetricInfo("report_signed", "rate", "percent"),
    MetricInfo("signature_days_median", "median", "days"),
    MetricInfo("report_filed", "rate", "percent"),
    MetricInfo("followup_planned", "rate", "percent"),
)

METRICS: dict[str, MetricInfo] = {m.key: m for m in _ALL}
HEADLINE_METRICS: tuple[str, ...] = tuple(m.key for m in _ALL if m.headline)

# The families of figures, each in the order the workbook and the dashboard show
# them: every catalogue metric belongs to exactly one (tests/metrics/test_catalogue).
FAMILIES: dict[str, tuple[str, ...]] = {
    "population": ("population", "population_new", "population_absent"),
    "coverage": (
        "coverage_development",
        "coverage_performance",
        "coverage_appraisal",
        "coverage_any",
        "conversations_held",
        "conversations_planned",
        "conversations_missed",
        "conversations_cancelled",
        "out_of_cycle_development",
        "out_of_cycle_performance",
        "out_of_cycle_appraisal",
        "out_of_cycle_any",
    ),
    "agreements": (
        "agreements_total",
        "agreements_completion",
        "agreements_on_time",
        "agreements_days_to_done_median",
        "agreements_overdue",
        "agreements_mix",
    ),
    "training": (
        "training_needs",
        "training_employees",
        "training_share_employees",
        "training_hours",
        "training_cost",
        "training_cost_missing",
        "training_open_demand",
        "training_fulfilment",
    ),
    # the conversation process: notice, report, signatures, follow-up
    "process": (
        "notice_given",
        "report_signed",
        "signature_days_median",
        "report_filed",
        "followup_planned",
        "followup_missing",
        "strength_focus",
    ),
}


def family(name: str, *, kind: Kind | None = None) -> tuple[str, ...]:
    """The metrics of a family in display order (only those of ``kind`` if given)."""
    return tuple(m for m in FAMILIES[name] if kind is None or METRICS[m].kind == kind)


def metric_label(key: str, lang: str = "nl") -> str:
    """A metric's short name for tiles, axes and sheets (its key when it has none)."""
    label_key = f"metric.{key}"
    return t(label_key, lang) if has_label(label_key) else key


def metric_definition(key: str, lang: str = "nl") -> str:
    """A metric's one-sentence definition as implemented ("" when it has none)."""
    label_key = f"metric.{key}.definition"
    return t(label_key, lang) if has_label(label_key) else ""
