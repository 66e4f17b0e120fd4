"""Serving limits and settings, in one place: `popanalytics serve`, Voilà and the page read them.

Defaults are sized for the 2-core machines the dashboard is run on (see
docs/serving.md for the figures behind them).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# The token travels to Voilà in the environment, never on the command line (`ps` shows
# a command line to every local user); Voilà removes it before starting any kernel.
ENV_TOKEN = "POPANALYTICS_TOKEN"

# One kernel per open page. Measured on 2 cores: a kernel holding the demo data is
# ~155 MiB (Voilà itself ~100 MiB) and a page's first load costs several seconds of CPU
# (4-12 s, depending on load). 8 pages at once is ~1.3 GiB, and the last of 8
# simultaneous first loads waits ~30-40 s; a 9th viewer gets the "busy" page instead of
# pushing the machine into swap or every page into minutes. Larger data: lower it.
DEFAULT_MAX_KERNELS = 8

# Uploads travel from the page to the kernel in chunks over the websocket; this caps
# the total of one upload (all files picked together).
DEFAULT_MAX_UPLOAD_MB = 200
ENV_MAX_UPLOAD_MB = "POPANALYTICS_MAX_UPLOAD_MB"
MB = 1024 * 1024

# Each upload chunk is one websocket message: 4 MiB keeps it far below the server's
# message limit while a 200 MB upload still takes only ~50 messages.
UPLOAD_CHUNK_BYTES = 4 * MB
# The largest websocket message the server accepts (tornado's default is 10 MiB; set
# explicitly so the limit does not move with tornado).
WEBSOCKET_MAX_MESSAGE_BYTES = 16 * MB


def max_upload_bytes(environ: Mapping[str, str] | None = None) -> int:
    """The upload limit in bytes: ``POPANALYTICS_MAX_UPLOAD_MB`` or the default."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_MAX_UPLOAD_MB, "")
    try:
        megabytes = float(raw) if raw.strip() else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return max(1, int(megabytes * MB))
