"""A bad store is a clear message naming the folder, exit 2, and nothing changed on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import DEMO, run_cli

from popanalytics.store.manifest import MANIFEST


def tree(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every path under ``folder`` with its mode, mtime and content."""
    return {
        str(p.relative_to(folder)): (
            p.stat().st_mode,
            p.stat().st_mtime_ns,
            p.read_bytes() if p.is_file() else b"",
        )
        for p in sorted(folder.rglob("*"))
    }


def snapshot_dir(store: Path) -> Path:
    return next(p for p in store.iterdir() if p.is_dir() and not p.name.startswith("."))


def not_a_store(store: Path) -> None:
    (store / "store.json").unlink()


def unknown_snapshot(store: Path) -> None:
    pass


def half_written(store: Path) -> None:
    (snapshot_dir(store) / "agreements.parquet").unlink()


def manifest_missing(store: Path) -> None:
    (snapshot_dir(store) / MANIFEST).unlink()
    # a listing skips it; asking for it by id says it is incomplete


def hashes_differ(store: Path) -> None:
    path = snapshot_dir(store) / "conversations.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def newer_store(store: Path) -> None:
    (store / "store.json").write_text(json.dumps({"kind": "popanalytics-store", "format": 99}))


def newer_snapshot(store: Path) -> None:
    path = snapshot_dir(store) / MANIFEST
    raw = json.loads(path.read_text())
    raw["format"] = 99
    path.write_text(json.dumps(raw))


CASES = {
    "not_a_store": (not_a_store, "is not a popanalytics store"),
    "unknown_snapshot": (unknown_snapshot, "has no snapshot 'nope'"),
    "half_written": (half_written, "is incomplete"),
    "manifest_missing": (manifest_missing, "is incomplete"),
    "hashes_differ": (hashes_differ, "does not match its manifest"),
    "newer_store": (newer_store, "newer version"),
    "newer_snapshot": (newer_snapshot, "newer version"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["metrics", "validate"])
def test_a_bad_store_is_one_message_exit_2_and_no_change(demo_store, case, command):
    damage, message = CASES[case]
    snapshot = "nope" if case == "unknown_snapshot" else snapshot_dir(demo_store).name
    damage(demo_store)
    before = tree(demo_store)
    result = run_cli(command, "--store", str(demo_store), "--snapshot", snapshot, "--lang", "en")
    assert result.returncode == 2
    assert message in result.stderr
    assert str(demo_store) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree(demo_store) == before


def test_a_dutch_message_by_default(tmp_path):
    result = run_cli("metrics", "--store", str(tmp_path))
    assert result.returncode == 2
    assert "is geen popanalytics-opslag" in result.stderr


def test_import_into_a_folder_that_is_no_store_refuses_before_reading(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    before = tree(tmp_path)
    result = run_cli("import", str(DEMO), "--store", str(tmp_path), "--lang", "en")
    assert result.returncode == 2
    assert str(tmp_path) in result.stderr and "not a popanalytics store" in result.stderr
    assert tree(tmp_path) == before


def test_import_of_a_broken_file_leaves_no_store_behind(tmp_path):
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run_cli("import", str(bad), "--store", str(tmp_path / "store"))
    assert result.returncode == 2
    assert "kapot.xlsx" in result.stderr
    assert not (tmp_path / "store").exists()


def test_data_and_store_together_are_refused(demo_store):
    result = run_cli("metrics", str(DEMO), "--store", str(demo_store), "--lang", "en")
    assert result.returncode == 2
    assert "either files (DATA) or --store" in result.stderr


def test_a_mapping_with_a_store_is_refused_not_ignored(demo_store, tmp_path):
    mapping = tmp_path / "mapping.toml"
    mapping.write_text("[employees]\n", encoding="utf-8")
    result = run_cli("metrics", "--store", str(demo_store), "--mapping", str(mapping))
    assert result.returncode == 2
    assert "--mapping hoort bij bestanden" in result.stderr


def test_serve_refuses_a_bad_snapshot_at_the_terminal(demo_store):
    result = run_cli("serve", "--store", str(demo_store), "--snapshot", "nope", "--lang", "en")
    assert result.returncode == 2
    assert "has no snapshot 'nope'" in result.stderr


def test_forget_of_an_unknown_snapshot_changes_nothing(demo_store):
    before = tree(demo_store)
    result = run_cli("forget", "--store", str(demo_store), "--snapshot", "nope", "--lang", "en")
    assert result.returncode == 2
    assert tree(demo_store) == before
