"""Answers as JSON shaped like the ODK instance, and loading them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from xaapp.errors import KnownError
from xaapp.forms_engine.messages import message
from xaapp.forms_engine.paths import parse_path, path_of
from xaapp.forms_engine.values import BadValue, to_json_value, to_text
from xaapp.forms_engine.views import Issue

#: Key in the instance's ``meta`` block for answers typed and refused: ``{path: text as typed}``.
REFUSED = "refused"

if TYPE_CHECKING:
    from xaapp.forms_engine.session import InterviewSession

#: Types whose value is written to the JSON (notes and labels-only rows are not).
_STORED = frozenset(
    {
        "text",
        "integer",
        "decimal",
        "date",
        "time",
        "datetime",
        "barcode",
        "geopoint",
        "geotrace",
        "geoshape",
        "image",
        "audio",
        "video",
        "file",
        "osm",
        "select_one",
        "select_multiple",
        "acknowledge",
        "calculate",
        "hidden",
        "start",
        "end",
        "today",
    }
)


def instance_to_json(session: InterviewSession) -> dict[str, Any]:
    form = session.form
    inst = session.instance
    for name, item in form.items.items():  # "end" is the moment the answers are saved
        if item.type == "end":
            moment = inst.now or dt.datetime.now().astimezone()
            for idx in inst.instances(name):
                inst.raw[(name, idx)] = moment.isoformat(timespec="milliseconds")
                inst.eff[(name, idx)] = inst.raw[(name, idx)] if inst.rel.get((name, idx), True) else ""

    def container(names: tuple[str, ...], idx: tuple[int, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in names:
            item = form.items[name]
            if not inst.rel.get((name, idx), True) and item.kind != "repeat":
                continue
            if item.kind == "group":
                out[item.name] = container(item.children, idx)
            elif item.kind == "repeat":
                out[item.name] = [
                    container(item.children, idx + (i,))
                    for i in range(1, inst.count(name, idx) + 1)
                    if inst.rel.get((name, idx + (i,)), True)
                ]
            elif item.type in _STORED:
                out[item.name] = to_json_value(item, inst.eff.get((name, idx), ""))
        return out

    data = container(form.top, ())
    data["meta"] = {"instanceID": session.instance_id}
    if inst.refused:  # what was typed and refused: kept beside the answers, never as one
        data["meta"][REFUSED] = {
            path_of(form, name, idx): typed for (name, idx), (_, _, typed) in sorted(inst.refused.items())
        }
    return {"form_id": form.form_id, "version": form.version, "instance": data}


def _bad(detail: str) -> KnownError:
    return KnownError(
        message("bad_answers", "vi", detail=detail), message("bad_answers", "en", detail=detail)
    )


def load_instance_json(session: InterviewSession, document: Mapping[str, Any]) -> list[Issue]:
    """Fill *session* from *document*: either the full ``{"form_id", "version", "instance"}``
    object or just the instance object. Unknown keys are ignored; bad values become issues."""
    form = session.form
    inst = session.instance
    if not isinstance(document, Mapping):
        raise _bad("JSON object expected / cần một đối tượng JSON")
    data: Any = document
    if "instance" in document and isinstance(document["instance"], Mapping):
        got = document.get("form_id")
        if got and got != form.form_id:
            raise KnownError(
                message("wrong_form", "vi", got=got, expected=form.form_id),
                message("wrong_form", "en", got=got, expected=form.form_id),
            )
        data = document["instance"]
    meta = data.get("meta") if isinstance(data, Mapping) else None
    if isinstance(meta, Mapping) and isinstance(meta.get("instanceID"), str):
        session.instance_id = meta["instanceID"]
    inst.raw.clear()
    inst.counts.clear()
    inst.refused.clear()
    issues: list[Issue] = []

    def fill(names: tuple[str, ...], idx: tuple[int, ...], values: Any, where: str) -> None:
        if not isinstance(values, Mapping):
            raise _bad(f"{where or '/'}: JSON object expected")
        for name in names:
            item = form.items[name]
            key = item.name
            if item.kind == "group":
                if key in values and values[key] is not None:
                    fill(item.children, idx, values[key], f"{where}/{key}")
                continue
            if item.kind == "repeat":
                entries = values.get(key) or []
                if not isinstance(entries, list):
                    raise _bad(f"{where}/{name}: JSON array expected")
                inst.counts[(name, idx)] = len(entries)
                for i, entry in enumerate(entries, start=1):
                    fill(item.children, idx + (i,), entry, f"{where}/{key}[{i}]")
                continue
            if key not in values or item.type not in _STORED:
                continue
            choice_names = None
            if item.list_name and item.list_name in form.choice_lists:
                choice_names = frozenset(c.name for c in form.choice_lists[item.list_name].choices)
            try:
                inst.raw[(name, idx)] = to_text(item, values[key], choice_names)
            except BadValue as exc:
                typed = " ".join(str(values[key]).split())
                inst.refused[(name, idx)] = (exc.code, dict(exc.params), typed)  # invalid, not dropped
                path = path_of(form, name, idx)
                issues.append(
                    Issue(exc.code, path, message(exc.code, session.message_lang, **exc.params), exc.params)
                )

    fill(form.top, (), data, "")
    if isinstance(meta, Mapping) and isinstance(meta.get(REFUSED), Mapping):
        _load_refused(session, meta[REFUSED])
    _apply_defaults_everywhere(session)
    inst.recompute_all()
    return issues


def _load_refused(session: InterviewSession, refused: Mapping[str, Any]) -> None:
    """Put back the refusals a draft was saved with (a question answered since, or gone, is skipped)."""
    form, inst = session.form, session.instance
    for path, typed in refused.items():
        found = parse_path(form, str(path))
        if found is None or not isinstance(typed, str) or inst.raw.get(found, ""):
            continue
        item = form.items[found[0]]
        chain = item.repeats
        idx = found[1]
        if item.kind != "field" or not all(
            1 <= idx[k] <= inst.count(chain[k], idx[:k]) for k in range(len(idx))
        ):
            continue
        choice_names = None
        if item.list_name and item.list_name in form.choice_lists:
            choice_names = frozenset(c.name for c in form.choice_lists[item.list_name].choices)
        try:
            inst.raw[found] = to_text(item, typed, choice_names)  # the form now accepts it
        except BadValue as exc:
            inst.refused[found] = (exc.code, dict(exc.params), typed)


def _apply_defaults_everywhere(session: InterviewSession) -> None:
    """Metadata and defaults for instances present in the loaded answers (only where empty)."""
    inst = session.instance
    inst.apply_defaults(None, ())
    for name, item in session.form.items.items():
        if item.kind == "repeat":
            for idx in inst.instances(name):
                inst.apply_defaults(name, idx)
