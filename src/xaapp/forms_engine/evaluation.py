"""The `forms eval` report: every question and calculation with relevance, value and validity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from xaapp.forms_engine.paths import path_of
from xaapp.forms_engine.values import to_json_value

if TYPE_CHECKING:
    from xaapp.forms_engine.session import InterviewSession


def evaluate_answers(session: InterviewSession, document: Mapping[str, Any]) -> dict[str, Any]:
    """Load *document* into *session* and describe every field instance.

    ``{"complete": bool, "questions": {PATH: {"relevant", "required", "value", "valid", "message"}}}``;
    values that could not be loaded are reported as invalid with their message.
    """
    load_issues = {issue.path: issue for issue in session.load_json(document)}
    inst = session.instance
    questions: dict[str, Any] = {}
    for key, item in session.form.items.items():
        if item.kind != "field":
            continue
        for idx in inst.instances(key):
            node = (key, idx)
            path = path_of(session.form, key, idx)
            relevant = inst.rel.get(node, True)
            issues = session._issues_at(key, idx)  # noqa: SLF001 - same package
            if path in load_issues:
                issues = [load_issues[path], *issues]
            questions[path] = {
                "relevant": relevant,
                "required": relevant and inst.eval_bool(item, "required", node, False),
                "value": to_json_value(item, inst.eff.get(node, "")),
                "valid": not issues,
                "message": issues[0].message if issues else None,
            }
    complete = not load_issues and all(q["valid"] for q in questions.values())
    return {"complete": complete, "questions": questions}
