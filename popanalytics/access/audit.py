"""The audit log: who opened the dashboard and who exported what, as JSON lines.

A line holds user, role, scope, action, time (and a few details such as the
export's cycle and audience) — never employee data. The hub writes log-ins and
server starts; the kernel writes exports. The file is created 0600.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from popanalytics.access.roles import Access

ACTIONS: frozenset[str] = frozenset({"login", "spawn", "open", "no_access", "export"})


def audit_record(
    user: str,
    action: str,
    access: Access | None = None,
    *,
    details: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """One audit line as a dict; ``role``/``scope`` are null for an unknown user."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    moment = now or dt.datetime.now(dt.UTC)
    return {
        "time": moment.isoformat(timespec="seconds"),
        "user": user,
        "role": access.role if access else None,
        "scope": access.describe() if access else None,
        "action": action,
        **({"details": dict(details)} if details else {}),
    }


def write_audit(path: str | Path | None, record: Mapping[str, Any]) -> None:
    """Append one JSON line to ``path`` (created 0600); no path, no log."""
    if not path:
        return
    fd = os.open(str(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
