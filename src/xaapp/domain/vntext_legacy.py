"""Legacy Vietnamese encodings found in old Excel files: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times).

Such files were typed with a font that draws Vietnamese letters in place of Latin-1/Windows-1252
characters, so once the font is gone the cell reads "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI).
:func:`detect_legacy_encoding` tells which one a text uses and :func:`legacy_to_unicode` converts it.

TCVN3 upper-case toned letters were drawn with a separate "H" font (.VnTimeH) using the lower-case
codes, so they convert to lower case; only Ă Â Ê Ô Ơ Ư Đ have upper-case codes of their own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Encoding = Literal["unicode", "ascii", "tcvn3", "vni"]

#: TCVN 5712:1993 (VN3) code -> Unicode letter, as the characters read in Windows-1252/Latin-1.
_TCVN3_PAIRS = (
    "¸á µà ¶ả ·ã ¹ạ ¨ă ¾ắ »ằ ¼ẳ ½ẵ Æặ ©â Êấ Çầ Èẩ Éẫ Ëậ ®đ "
    "Ðé Ìè Îẻ Ïẽ Ñẹ ªê Õế Òề Óể Ôễ Öệ Ýí ×ì Øỉ Üĩ Þị "
    "ãó ßò áỏ âõ äọ «ô èố åồ æổ çỗ éộ ¬ơ íớ êờ ëở ìỡ îợ "
    "óú ïù ñủ òũ ôụ \u00adư øứ õừ öử ÷ữ ùự ýý úỳ ûỷ üỹ þỵ "
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ"
)
TCVN3_TO_UNICODE: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")}
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
#: Codes below 0xC0 that TCVN3 uses for letters; Unicode Vietnamese text never contains them.
_TCVN3_MARKERS = frozenset(ch for ch in TCVN3_TO_UNICODE if ord(ch) < 0xC0)
#: Latin-1 letters that Unicode Vietnamese uses as they are (à, ê, ô, ý …).
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
#: Other TCVN3 codes: weaker evidence, since VNI text uses some of the same characters.
_TCVN3_WEAK = frozenset(ch for ch in TCVN3_TO_UNICODE if ord(ch) >= 0xC0 and ch not in _VIETNAMESE_LATIN1)

# VNI-Windows: a base letter followed by a mark character (tone, breve or circumflex), plus a few
# letters that have a single code of their own.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lower_mark, mark in _VNI_TONES.items():
        for mark_char in (lower_mark, lower_mark.upper()):
            for base in "aeouyAEOUY":
                table[base + mark_char] = _compose(base, mark)
            for vni, letter in (("ô", "ơ"), ("Ô", "Ơ"), ("ö", "ư"), ("Ö", "Ư")):
                table[vni + mark_char] = _compose(letter, mark)
    for lower_mark, tone in _VNI_BREVE.items():
        for mark_char in (lower_mark, lower_mark.upper()):
            for base in "aA":
                table[base + mark_char] = _compose(base, "\u0306", tone)
    for lower_mark, tone in _VNI_CIRCUMFLEX.items():
        for mark_char in (lower_mark, lower_mark.upper()):
            for base in "aeoAEO":
                table[base + mark_char] = _compose(base, "\u0302", tone)
    return table


VNI_TO_UNICODE: dict[str, str] = {**_vni_table(), **_VNI_SINGLE}
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_TO_UNICODE), key=len, reverse=True)))
# Sequences that occur only in VNI text, never in Unicode Vietnamese (where "oà", "oá", "oã" are common).
# VNI's đ ("ñ") starts a syllable; after a letter "ñ" is TCVN3's ủ ("Chñ hé" is "Chủ hộ").
_VNI_MARKERS = re.compile(
    "[aeouyAEOUYôÔöÖ][ùøûõïÙØÛÕÏ]|[aA][êéèúüëÊÉÈÚÜË]|[aeoAEO][âåäÂÅÄ]|[eE][áàãÁÀÃ]|(?<![A-Za-z])[ñÑ]"
)


#: Letters beyond Latin-1 that Unicode Vietnamese uses (ă đ ơ ư ạ … and combining marks): no legacy text has them.
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u024f\u1ea0-\u1ef9\u0300-\u036f]")
_TCVN3_MARKER_RE = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARKERS))) + "]")
_TCVN3_WEAK_RE = re.compile("[" + re.escape("".join(sorted(_TCVN3_WEAK))) + "]")
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def surely_unicode(text: str) -> bool:
    """Text with a character beyond Latin-1 (ă đ ơ ư ạ …) is Unicode, whatever the column around it is."""
    return _BEYOND_LATIN1.search(text) is not None


def detect_legacy_encoding(text: str) -> Encoding:
    """Which encoding *text* was typed in: "unicode", "ascii" (nothing to tell), "tcvn3" or "vni".

    Text that holds any letter outside Latin-1 (ă, đ, ơ, ư, ế, combining marks …) is Unicode.
    Otherwise TCVN3 is recognised by its letter codes below 0xC0 (µ ¸ ¹ ® ­ ¬ « ª © …), which
    Unicode and VNI text never use, and VNI by base-letter + mark sequences ("aø", "eä", "ñ").
    Without either, TCVN3 codes that are not Vietnamese Latin-1 letters ("Ö" in "ViÖt") decide.
    A single short word can be ambiguous ("Hãa"): pass a whole column joined to decide a file.
    """
    if not text or text.isascii():
        return "ascii"
    if _UNICODE_VIETNAMESE.search(text):
        return "unicode"
    if _TCVN3_MARKER_RE.search(text):
        return "tcvn3"
    vni_hits = len(_VNI_MARKERS.findall(text))
    rest = _VNI_MARKERS.sub("", text) if vni_hits else text
    weak_tcvn3 = len(_TCVN3_WEAK_RE.findall(rest))
    if vni_hits and vni_hits >= weak_tcvn3:
        return "vni"
    if weak_tcvn3:
        return "tcvn3"
    return "unicode"


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text to Unicode NFC: "NguyÔn V¨n An" -> "Nguyễn Văn An"."""
    return unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text to Unicode NFC: "Nguyeãn Vaên An" -> "Nguyễn Văn An"."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text))


def convert_legacy(text: str, encoding: Encoding) -> str:
    """*text* converted from *encoding* ("tcvn3" or "vni") to Unicode NFC; other encodings: NFC only."""
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "vni":
        return vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def legacy_to_unicode(text: str) -> tuple[str, Encoding]:
    """Detect the encoding of *text* and return ``(unicode_text, encoding_found)``.

    Unicode and ASCII text comes back NFC-normalised and otherwise unchanged.
    """
    encoding = detect_legacy_encoding(text)
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text), encoding
    if encoding == "vni":
        return vni_to_unicode(text), encoding
    return unicodedata.normalize("NFC", text), encoding
