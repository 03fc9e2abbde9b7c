"""Which rule data the stored classes were last checked against: a fingerprint of ``resources/rules`` kept in
the settings table. Light to import (no forms engine), so the app can ask at start-up whether a check of every
final review (``services.review_check``) is needed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from xaapp.rules.data import rules_folder
from xaapp.services import settings
from xaapp.storage.db import Database

RULES_FINGERPRINT = "rules_fingerprint"


def rules_fingerprint(folder: Path | None = None) -> str:
    """SHA-256 over the rule data files (names and bytes), in name order."""
    digest = hashlib.sha256()
    for path in sorted(rules_folder(folder).glob("*.json")):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def rules_changed(db: Database, folder: Path | None = None) -> bool:
    """Whether the rule data differs from the data the last check ran with (True before any check)."""
    return settings.get_setting(db, RULES_FINGERPRINT) != rules_fingerprint(folder)


def remember_rules(db: Database, fingerprint: str, actor: str = "system") -> None:
    """Record the rule data a check ran with (*fingerprint* taken before the check started)."""
    settings.set_setting(db, RULES_FINGERPRINT, fingerprint, actor=actor)
