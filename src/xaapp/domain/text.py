"""Vietnamese text rules: NFC normalisation and accent/case folding for search."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC (Unikey and old files often produce decomposed forms)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold *text* for accent- and case-insensitive matching: "Đình Nguyễn" -> "dinh nguyen".

    Strips every combining mark after NFD decomposition and maps đ/Đ (which is a letter of its
    own, not a base letter with a mark) to d.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
