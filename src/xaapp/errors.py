"""Errors a user can act on (KnownError) as opposed to bugs."""

from __future__ import annotations


class XaappError(Exception):
    """Base class of every error xaapp raises on purpose."""


class KnownError(XaappError):
    """A problem the user can fix (disk full, database newer than the app, bad input file).

    ``message_vi`` is shown first; ``message_en`` second. Never carries a traceback to the user.
    """

    def __init__(self, message_vi: str, message_en: str = "") -> None:
        super().__init__(message_vi if not message_en else f"{message_vi}\n{message_en}")
        self.message_vi = message_vi
        self.message_en = message_en
