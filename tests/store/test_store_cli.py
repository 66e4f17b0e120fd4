"""import / snapshots / forget, and --snapshot choosing an earlier import."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import DEMO, run_cli


def listing(store: Path) -> list[dict]:
    result = run_cli("snapshots", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def small_demo(tmp_path: Path, employees: int, seed: int) -> Path:
    out = tmp_path / f"demo-{employees}-{seed}"
    result = run_cli("demo", str(out), "--employees", str(employees), "--seed", str(seed))
    assert result.returncode == 0, result.stderr
    return out


def test_import_writes_a_manifest_with_sources_rows_and_version(tmp_path):
    store = tmp_path / "store"
    result = run_cli("import", str(DEMO), "--store", str(store), "--label", "juni")
    assert result.returncode == 0, result.stderr
    [snap] = listing(store)
    assert snap["label"] == "juni"
    assert snap["sources"][0]["name"] == "demo.xlsx"
    assert snap["sources"][0]["size"] == DEMO.stat().st_size
    assert len(snap["sources"][0]["sha256"]) == 64
    assert snap["rows"]["employees"] == {"read": 300, "used": 300, "quarantined": 0}
    assert snap["package_version"]


def test_importing_the_same_files_twice_makes_no_second_snapshot(demo_store):
    result = run_cli("import", str(DEMO), "--store", str(demo_store), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "already imported" in result.stdout
    assert len(listing(demo_store)) == 1


def test_snapshot_picks_an_earlier_import_and_forget_keeps_the_newest(demo_store, tmp_path):
    first = listing(demo_store)[0]["id"]
    other = small_demo(tmp_path, 40, 7)
    assert run_cli("import", str(other), "--store", str(demo_store)).returncode == 0
    snaps = listing(demo_store)
    assert len(snaps) == 2 and snaps[1]["id"] == first

    def employees(*extra: str) -> float:
        out = run_cli("metrics", "--store", str(demo_store), *extra, "--json")
        assert out.returncode == 0, out.stderr
        figures = json.loads(out.stdout)["figures"]
        return next(f["numerator"] for f in figures if f["metric"] == "population")

    assert employees("--reference-date", "2026-11-15") <= 40  # the newest: the small one
    assert employees("--reference-date", "2026-11-15", "--snapshot", first) > 200

    result = run_cli("forget", "--store", str(demo_store), "--keep", "1")
    assert result.returncode == 0, result.stderr
    assert [s["id"] for s in listing(demo_store)] == [snaps[0]["id"]]
    result = run_cli("forget", "--store", str(demo_store), "--snapshot", snaps[0]["id"])
    assert result.returncode == 0
    assert listing(demo_store) == []


def test_report_and_followup_read_a_store(demo_store, tmp_path):
    report = run_cli(
        "report",
        "--store",
        str(demo_store),
        "-o",
        str(tmp_path / "overzicht.xlsx"),
        "--reference-date",
        "2026-11-15",
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "overzicht.xlsx").stat().st_size > 0
    followup = run_cli(
        "followup",
        "--store",
        str(demo_store),
        "-o",
        str(tmp_path / "opvolging"),
        "--single-workbook",
        "--reference-date",
        "2026-11-15",
    )
    assert followup.returncode == 0, followup.stderr
    assert list((tmp_path / "opvolging").glob("*.xlsx"))
