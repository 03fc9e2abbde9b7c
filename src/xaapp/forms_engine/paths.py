"""Instance paths: ``household/head_name``, ``members[2]/age`` <-> (item key, repeat positions)."""

from __future__ import annotations

import re

from xaapp.forms_engine.model import Form

_SEGMENT_RE = re.compile(r"^\s*([^\[\]/\s]+)\s*(?:\[\s*(\d+)\s*\])?\s*$")


def path_of(form: Form, key: str, idx: tuple[int, ...]) -> str:
    """The instance path of item *key* at repeat positions *idx*."""
    chain: list[str] = []
    current: str | None = key
    while current is not None:
        chain.append(current)
        current = form.items[current].parent
    parts: list[str] = []
    level = 0
    for item_key in reversed(chain):
        item = form.items[item_key]
        if item.kind == "repeat":
            parts.append(f"{item.name}[{idx[level]}]" if level < len(idx) else item.name)
            level += 1
        else:
            parts.append(item.name)
    return "/".join(parts)


def parse_path(form: Form, path: str) -> tuple[str, tuple[int, ...]] | None:
    """(key, idx) for *path*, or None if it names nothing in *form*.

    The full path walks the tree (``household/members[2]/age``); a single segment may also be a
    unique name anywhere (``age[2]`` or ``head_name``). A repeat without its own index
    (``members``) gives the repeat at its parent's idx.
    """
    segments = [s for s in path.strip().strip("/").split("/") if s.strip()]
    parsed: list[tuple[str, int | None]] = []
    for segment in segments:
        m = _SEGMENT_RE.match(segment)
        if m is None:
            return None
        parsed.append((m[1], int(m[2]) if m[2] is not None else None))
    if not parsed:
        return None
    found = _walk(form, parsed)
    if found is None and len(parsed) == 1:
        name, index = parsed[0]
        key = form.key_of(name)
        if key is None:
            return None
        item = form.items[key]
        indexes: list[int] = []
        if index is not None:
            indexes.append(index)
        depth = len(item.repeats)
        if item.kind == "repeat" and len(indexes) == depth - 1:
            return key, tuple(indexes)
        if len(indexes) != depth:
            return None
        return key, tuple(indexes)
    return found


def _walk(form: Form, parsed: list[tuple[str, int | None]]) -> tuple[str, tuple[int, ...]] | None:
    children = form.top
    idx: list[int] = []
    key = ""
    for position, (name, index) in enumerate(parsed):
        key = next((k for k in children if form.items[k].name == name), "")
        if not key:
            return None
        item = form.items[key]
        last = position == len(parsed) - 1
        if item.kind == "repeat":
            if index is None:
                if not last:
                    return None
                return key, tuple(idx)
            if index < 1:
                return None
            idx.append(index)
        elif index is not None:
            return None
        children = item.children
    return key, tuple(idx)
