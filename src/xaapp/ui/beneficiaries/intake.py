"""The intake's side panel (the monthly amount as the answers allow) and the labels of the shipped
forms' choices, in the interface language."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from xaapp.domain.text import format_money
from xaapp.forms_engine import InterviewSession
from xaapp.rules.figure_marks import FigureMarks
from xaapp.services import beneficiaries as ben
from xaapp.services.reviews import current_form
from xaapp.ui.i18n import current_language
from xaapp.ui.labels import clause_label


def intake_summary(session: InterviewSession) -> str:
    """Side panel of the intake: the monthly amount and its breakdown as soon as the answers allow; an
    amount resting on a rule figure not verified is marked ("¹") and the mark explained below it."""
    quote = ben.quote_allowance(session.to_json()["instance"])
    if quote is None:
        text = QCoreApplication.translate(
            "BeneficiariesPage",
            "Mức trợ cấp hiện khi đã có ngày sinh, diện đối tượng và tháng bắt đầu hưởng.",
        )
        return f"<i>{text}</i>"
    en = current_language() == "en"
    lang = "en" if en else "vi"
    marks = FigureMarks()
    mark = marks.mark(quote.unverified)
    month = f"{quote.month[5:]}/{quote.month[:4]}"
    amount = QCoreApplication.translate("BeneficiariesPage", "Mức trợ cấp hàng tháng: {0}").format(
        format_money(quote.monthly_amount)
    )
    lines = [
        f"<b>{escape(amount)}{mark}</b>",
        QCoreApplication.translate("BeneficiariesPage", "Mức chuẩn: {0} ({1})").format(
            format_money(quote.standard_level), month
        ),
    ]
    for line in quote.lines:
        coefficient = "" if line.coefficient is None else f" × {line.coefficient:g}"
        lines.append(f"· {escape(clause_label(line.clause))}{coefficient} = {format_money(line.amount)}")
    for text in quote.excluded_en if en else quote.excluded_vi:
        lines.append(f"<i>{escape(text)}</i>")
    lines.append(escape(quote.reason_en if en else quote.reason_vi))
    lines.extend(f'<span style="color:#8a4b00">{escape(note)}</span>' for note in marks.footnotes(lang))
    return "<br>".join(lines)


def choice_label(form_id: str, list_name: str, code: str) -> str:
    """The label of a choice of a shipped form, in the interface language (the code if unknown)."""
    choices = current_form(form_id).choice_lists.get(list_name)
    choice = next((c for c in choices.choices if c.name == code), None) if choices else None
    return choice.label(current_language()) if choice is not None else code
