"""Files attached to answers (``image``, ``audio``, ``video``, ``file``, ``osm`` questions).

The answer names the file by content: ``<sha256>/<file name>`` (64 lower-case hex digits, a slash, the
name the file had, which no operating system lets contain a slash). The file itself is copied once
into ``<data dir>/attachments/<sha256>``, so the same photo attached twice is stored once and a
renamed or moved original does not break the answer. The online sync sends the file to the province
and fetches it onto the commune's other laptops (:mod:`xaapp.sync.attachments`); sync files on a USB
stick carry the answer, not the file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xaapp.domain.text import nfc

_ANSWER_RE = re.compile(r"^([0-9a-f]{64})/([^/\\]+)$")
FOLDER = "attachments"


@dataclass(frozen=True)
class Attachment:
    sha256: str
    name: str

    @property
    def answer(self) -> str:
        return f"{self.sha256}/{self.name}"


def parse_answer(text: str) -> Attachment | None:
    """The attachment an answer names, or None when the text is not one."""
    match = _ANSWER_RE.match(text.strip())
    return Attachment(match[1], nfc(match[2])) if match else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def store(source: Path, data_dir: Path) -> Attachment:
    """Copy *source* into ``data_dir/attachments/<sha256>`` (kept if already there) and return the
    attachment to answer with. The copy is written beside its place and renamed into it, so a
    stored file is never half-written. Raises OSError when the file cannot be read or copied."""
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    sha256 = file_sha256(source)
    target = folder / sha256
    if not target.is_file():
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as fh:
                shutil.copyfileobj(fh, out)
            if file_sha256(Path(temporary)) != sha256:
                raise OSError(f"{source} changed while it was copied")
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return Attachment(sha256, nfc(source.name))


def stored_path(attachment: Attachment, data_dir: Path) -> Path:
    """Where the file of *attachment* is kept (it may be missing on another laptop)."""
    return data_dir / FOLDER / attachment.sha256
