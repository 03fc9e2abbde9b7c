"""Marks for results that rest on rule figures not verified: a numbered superscript ("¹") after the
value, and a footnote naming the figure, its source status and what is uncertain about it.

Used by the printed lists (``services.list_documents``) and the screens, so that both say the same.
"""

from __future__ import annotations

from collections.abc import Iterable

from xaapp.rules.figures import STATUS_EN, STATUS_VI, Figure

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _vi_part(text: str) -> str:
    """The Vietnamese half of a bilingual data note ("… / …")."""
    return text.split(" / ", 1)[0].strip()


def footnote_text(figure: Figure, lang: str = "vi") -> str:
    """ "Chưa xác minh: <figure> (<legal basis>). <what is uncertain>" in Vietnamese (or English)."""
    if lang == "en":
        head = f"{STATUS_EN[figure.status].capitalize()}: {figure.en}"
        note = figure.note.split(" / ", 1)[-1].strip() if figure.note else ""
    else:
        head = f"{STATUS_VI[figure.status].capitalize()}: {figure.vi}"
        note = _vi_part(figure.note) if figure.note else ""
    text = head + (f" ({figure.basis})" if figure.basis else "") + "."
    if note:
        text += " " + note.rstrip(".") + "."
    return text


class FigureMarks:
    """Numbers the figures not verified in the order a document (or screen) first uses them.

    ``mark(figures)`` gives the superscript(s) to put after a value ("¹", "¹,²"; "" when every figure
    is verified); ``footnotes()`` the lines that explain them ("¹ Chưa xác minh: …").
    """

    def __init__(self) -> None:
        self._numbers: dict[str, tuple[int, Figure]] = {}

    def mark(self, figures: Iterable[Figure]) -> str:
        numbers = []
        for figure in figures:
            if figure.verified:
                continue
            if figure.key not in self._numbers:
                self._numbers[figure.key] = (len(self._numbers) + 1, figure)
            numbers.append(self._numbers[figure.key][0])
        return ",".join(str(n).translate(_SUPERSCRIPT) for n in sorted(set(numbers)))

    def figures(self) -> tuple[Figure, ...]:
        return tuple(figure for _n, figure in sorted(self._numbers.values(), key=lambda item: item[0]))

    def footnotes(self, lang: str = "vi") -> tuple[str, ...]:
        return tuple(
            f"{str(n).translate(_SUPERSCRIPT)} {footnote_text(figure, lang)}"
            for n, figure in sorted(self._numbers.values(), key=lambda item: item[0])
        )

    def __bool__(self) -> bool:
        return bool(self._numbers)
