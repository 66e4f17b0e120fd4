"""The docs stand alone: generated parts are current, and every link stays inside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cogapp import Cog

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
GENERATED = ("cli.md", "data-model.md")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("name", GENERATED)
def test_generated_docs_are_current(name, monkeypatch):
    """`cog -r docs/cli.md docs/data-model.md` regenerates them after a change."""
    monkeypatch.setenv("COLUMNS", "100")
    code = Cog().main(["cog", "--check", str(ROOT / "docs" / name)])
    assert code == 0, f"docs/{name} is stale: run .venv/bin/cog -r docs/{name}"


@pytest.mark.parametrize("doc", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_links_point_to_files_in_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path = (doc.parent / target).resolve()
        assert path.is_relative_to(ROOT), f"{doc.name} links outside the repository: {target}"
        assert path.exists(), f"{doc.name} links to a missing file: {target}"


@pytest.mark.parametrize("doc", [ROOT / "README.md", *DOCS], ids=lambda p: p.name)
def test_docs_cite_no_specification_outside_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    assert "shared/spec" not in text and "../shared" not in text
