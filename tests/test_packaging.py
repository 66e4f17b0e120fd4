"""What an installation is made of agrees with itself: conda pins = constraints.txt pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, sep, version = line.strip().partition("==")
        if sep:
            pins[_norm(name)] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s+- ([A-Za-z0-9_.-]+)=([^=\s]+)", line)
        if match and match[1] != "python":
            pins[_norm(match[1])] = match[2]
    return pins


def runtime_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [_norm(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]]


def test_environment_yml_pins_every_runtime_dependency_as_constraints_txt_does():
    pins, conda = constraints(), conda_pins()
    for name in runtime_dependencies():
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert conda.get(name) == pins[name], f"environment.yml: {name}={conda.get(name)}"
    assert set(conda) <= set(pins)
    assert {name: pins[name] for name in conda} == conda


def test_the_demo_workbook_in_data_is_the_one_the_package_ships():
    from popanalytics.demo import demo_workbook_path

    assert (ROOT / "data" / "demo.xlsx").resolve() == demo_workbook_path().resolve()
