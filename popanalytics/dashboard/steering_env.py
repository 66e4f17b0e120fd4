"""`serve --target`: the targets travel to each page's kernel in one environment variable."""

from __future__ import annotations

from collections.abc import Mapping

from popanalytics.metrics.targets import Targets, parse_targets

ENV_TARGETS = "POPANALYTICS_TARGETS"


def targets_to_env(targets: Targets) -> str:
    """``metric=value`` pairs separated by ``;`` (values with a decimal point)."""
    return ";".join(f"{metric}={value!r}" for metric, value in targets.items)


def targets_from_env(environ: Mapping[str, str]) -> Targets:
    """The targets `serve` passed (none when unset); a bad one is a TargetError."""
    raw = environ.get(ENV_TARGETS, "")
    return parse_targets(part for part in raw.split(";") if part.strip())
