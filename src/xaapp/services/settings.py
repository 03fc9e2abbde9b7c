"""Installation settings (key/value): the commune this installation serves, interface language …"""

from __future__ import annotations

from xaapp.storage.db import Database
from xaapp.storage.orm import Setting

COMMUNE_CODE = "commune_code"
LANGUAGE = "language"
DEMO = "demo"


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    with db.read() as s:
        row = s.get(Setting, key)
        return row.value if row else default


def set_setting(db: Database, key: str, value: str, actor: str = "system") -> None:
    with db.session(actor=actor) as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value
