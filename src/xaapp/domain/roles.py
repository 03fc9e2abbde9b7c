"""Account roles and what each may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"  # enters and edits records
    APPROVER = "approver"  # also finalises reviews and signs lists
    ADMIN = "admin"  # also manages accounts and settings


_RANK = {Role.OFFICER: 0, Role.APPROVER: 1, Role.ADMIN: 2}


def allows(role: Role, needed: Role) -> bool:
    """Roles are ordered: an admin may do whatever an approver may, and an approver what an officer may."""
    return _RANK[role] >= _RANK[needed]
