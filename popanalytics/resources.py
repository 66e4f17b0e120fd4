"""Files shipped inside the package (the dashboard notebook, the demo workbook).

They are package data, found through ``importlib.resources`` rather than
relative to a checkout, so that ``pip install popanalytics`` serves the
dashboard from site-packages as ``make dashboard`` does from the repository.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_file(package: str, *parts: str) -> Path:
    """The file ``parts`` inside ``package`` as a path on disk.

    Voilà and the readers need a real file: an installation from a wheel or a
    checkout has one. A zipped installation (zipimport) has none, and is said so
    rather than copied to a temporary file that would outlive nothing.
    """
    resource = resources.files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        raise FileNotFoundError(
            f"{package}/{'/'.join(parts)} is not a file on disk (zipped installation?)"
        )
    return resource
