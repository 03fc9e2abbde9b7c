"""The files this laptop's records name in their answers, for the attachment step of a sync
(``xaapp.sync.attachments.AttachmentSource``)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Text, cast, select

from xaapp.storage.db import Database
from xaapp.storage.orm import ENTITY_MODELS
from xaapp.sync.attachments import AttachmentRef, answer_refs


class SqlAttachmentSource:
    def __init__(self, db: Database, server_key: str) -> None:
        self.db = db
        self.data_dir: Path = db.path.parent
        self.server_key = server_key

    def attachment_refs(self) -> list[AttachmentRef]:
        """Every file a live record's answers name (deleted records' files are left alone)."""
        found: list[AttachmentRef] = []
        with self.db.read() as s:
            for entity, model in ENTITY_MODELS.items():
                answers = getattr(model, "answers", None)
                if answers is None:
                    continue
                text = cast(answers, Text)
                # cheap: answers naming no file are not parsed
                rows = s.execute(select(model.uuid, text).where(model.deleted_at.is_(None), text.like("%/%")))
                for uuid, raw in rows:
                    try:
                        value = json.loads(raw) if raw else None
                    except ValueError:
                        continue
                    found += answer_refs(entity, uuid, {"answers": value})
        return found
