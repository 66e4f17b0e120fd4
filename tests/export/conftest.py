"""Fixtures of the export tests; hand-made inputs live in export_helpers.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def soffice_pdf(tmp_path: Path):
    """Convert a workbook to PDF with LibreOffice headless (private profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; `make libreoffice` installs it")

    def convert(*workbooks: Path) -> list[Path]:
        # one LibreOffice start for all files: its start-up is most of the time
        profile = tmp_path / "lo-profile"
        out = tmp_path / "pdf"
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, workbooks),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        pdfs = [out / (xlsx.stem + ".pdf") for xlsx in workbooks]
        for pdf in pdfs:
            assert pdf.exists() and pdf.stat().st_size > 1000, result.stdout + result.stderr
        return pdfs

    return convert
