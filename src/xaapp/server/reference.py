"""Reference data the server sends down: admin units, form files and rule files (standard levels …).

Read from the files shipped with xaapp (``resources/data``, ``forms/``, ``resources/rules``) and
stored in ``reference_item`` at start-up; an item whose content changed gets a new seq, so devices
receive it on their next pull. Form workbooks travel base64-encoded with their SHA-256.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from xaapp.domain.text import nfc
from xaapp.paths import forms_dir, resource, resources_dir
from xaapp.server.schema import counter, reference_item
from xaapp.sync.protocol import canonical_json

UNITS_CSV = ("data", "thanh_hoa_communes_2025.csv")


def _units() -> Iterator[tuple[str, str, Any]]:
    path = resource(*UNITS_CSV)
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            yield (
                "admin_unit",
                code,
                {"code": code, "name": nfc(row["name"].strip()), "kind": row["type"].strip()},
            )


def _forms(folder: Path) -> Iterator[tuple[str, str, Any]]:
    for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
        raw = path.read_bytes()
        yield (
            "form",
            path.name,
            {
                "filename": path.name,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "base64": base64.b64encode(raw).decode("ascii"),
            },
        )


def _rules(folder: Path) -> Iterator[tuple[str, str, Any]]:
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        yield "rules", path.name, json.loads(path.read_text(encoding="utf-8"))


def shipped_items() -> list[tuple[str, str, Any]]:
    return [*_units(), *_forms(forms_dir()), *_rules(resources_dir() / "rules")]


def seed(conn: Connection, items: list[tuple[str, str, Any]] | None = None) -> int:
    """Insert new or changed items with fresh seq values; returns how many changed. Idempotent."""
    items = shipped_items() if items is None else items
    existing = {
        (r.kind, r.key): r.hash
        for r in conn.execute(select(reference_item.c.kind, reference_item.c.key, reference_item.c.hash))
    }
    changed = 0
    seq = int(conn.scalar(select(counter.c.value).where(counter.c.name == "reference")) or 0)
    for kind, key, content in items:
        body = canonical_json(content)
        digest = hashlib.sha256(body).hexdigest()
        old = existing.get((kind, key))
        if old == digest:
            continue
        seq += 1
        changed += 1
        values = {"hash": digest, "content": body.decode("utf-8"), "seq": seq}
        if old is None:
            conn.execute(reference_item.insert().values(kind=kind, key=key, **values))
        else:
            conn.execute(
                update(reference_item)
                .where(reference_item.c.kind == kind, reference_item.c.key == key)
                .values(**values)
            )
    if changed:
        conn.execute(update(counter).where(counter.c.name == "reference").values(value=seq))
    return changed
