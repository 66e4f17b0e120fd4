"""Who sees what: the roles file, a user's scope applied to the data, the audit log.

The kernel calls ``access_for_kernel`` once, with the user JupyterHub gave it in
the environment; everything after sees only the Scoped dataset it returns.
"""

from popanalytics.access.audit import audit_record, write_audit
from popanalytics.access.kernel import KernelAccess, access_for_kernel
from popanalytics.access.roles import (
    ENV_AUDIT_LOG,
    ENV_ROLES,
    ENV_USER,
    ROLES,
    Access,
    AccessError,
    check_against,
    read_roles,
)
from popanalytics.access.scope import Scoped, apply_scope, reports, restrict, scope_mask

__all__ = [
    "ENV_AUDIT_LOG",
    "ENV_ROLES",
    "ENV_USER",
    "ROLES",
    "Access",
    "AccessError",
    "KernelAccess",
    "Scoped",
    "access_for_kernel",
    "apply_scope",
    "audit_record",
    "check_against",
    "read_roles",
    "reports",
    "restrict",
    "scope_mask",
    "write_audit",
]
