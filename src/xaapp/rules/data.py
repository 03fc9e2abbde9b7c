"""Loading the versioned rule data of ``resources/rules/*.json`` (one file per topic).

Every record carries its effective dates, legal basis and source status (verified / secondary /
unverified). The folder can be replaced (``rules_dir``) so that a province can correct a value by
editing data, never code. See ``resources/rules/README.md`` for the format.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, cast

from xaapp.errors import KnownError
from xaapp.paths import resource

STATUSES = ("verified", "secondary", "unverified")


class RuleDataError(KnownError):
    """A rule data file is missing or malformed (the message names the file and the field)."""


def rules_folder(rules_dir: Path | str | None = None) -> Path:
    """The folder holding the rule data: *rules_dir* if given, else the bundled ``resources/rules``."""
    return Path(rules_dir) if rules_dir is not None else _bundled_folder()


@functools.cache
def _bundled_folder() -> Path:
    # Resolving the install location costs more than a rule evaluation; it never changes in a process.
    return resource("rules")


def _topic_path(rules_dir: Path | str | None, topic: str) -> Path:
    """The file of *topic* in the rules folder (the folder is resolved on every call: it can be replaced)."""
    return _file_in(rules_folder(rules_dir), topic)


@functools.lru_cache(maxsize=256)
def _file_in(folder: Path, topic: str) -> Path:
    # Building the path costs more than reading its stamp; one path per (folder, topic) in a process.
    return folder / f"{topic}.json"


_HELD: ContextVar[dict[Path, tuple[int, int]] | None] = ContextVar("rule_file_stamps_held", default=None)


@contextmanager
def files_held() -> Iterator[None]:
    """Within this block each rule file's stamp is read once and then held: a long batch of rule calls
    (the demo commune's 40,000 classifications) no longer asks the file system before every call. An edit
    made during the block is seen after it."""
    outer = _HELD.get()
    token = _HELD.set({} if outer is None else outer)
    try:
        yield
    finally:
        _HELD.reset(token)


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file: its modification time (ns) and size."""
    held = _HELD.get()
    if held is not None and path in held:
        return held[path]
    try:
        found = os.stat(path)
    except OSError:
        raise RuleDataError(
            f"Không tìm thấy tệp quy tắc {path}.", f"Rule file {path} was not found."
        ) from None
    if held is not None:
        held[path] = (found.st_mtime_ns, found.st_size)
    return found.st_mtime_ns, found.st_size


@functools.lru_cache(maxsize=64)
def _load(path: Path, stamp: tuple[int, int]) -> Mapping[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError:
        raise RuleDataError(
            f"Không đọc được tệp quy tắc {path}.", f"Rule file {path} could not be read."
        ) from None
    except json.JSONDecodeError as exc:
        raise RuleDataError(
            f"Tệp quy tắc {path.name} không đúng JSON (dòng {exc.lineno}): {exc.msg}",
            f"Rule file {path.name} is not valid JSON (line {exc.lineno}): {exc.msg}",
        ) from None
    if not isinstance(data, dict):
        raise RuleDataError(
            f"Tệp quy tắc {path.name} phải là một đối tượng JSON.",
            f"Rule file {path.name} must be a JSON object.",
        )
    return data


def load_topic(topic: str, rules_dir: Path | str | None = None) -> Mapping[str, Any]:
    """The parsed JSON of ``<topic>.json`` (cached until the file changes)."""
    path = _topic_path(rules_dir, topic)
    return _load(path, _stamp(path))


P = ParamSpec("P")
R = TypeVar("R")
_CACHE_SIZE = 256  # entries per cached function: years, folders, codes; cleared whole when full


def cached_on(*topics: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache what a function builds from the rule data of *topics*, until one of their files changes.

    The function takes the rules folder as the keyword ``rules_dir`` (default: the bundled folder) and
    otherwise hashable arguments; its result is kept per (arguments, folder, each topic file's modification
    time and size), so the files are read and checked once, not on every call, and an edited file is seen
    on the next call, as is another folder put in place of the bundled one. The result must not be changed by
    its callers (frozen dataclasses, tuples)."""

    def decorate(build: Callable[P, R]) -> Callable[P, R]:
        cache: dict[tuple[Any, ...], R] = {}
        position = list(inspect.signature(build).parameters).index("rules_dir")

        @functools.wraps(build)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                rules_dir = kwargs.get("rules_dir", args[position] if len(args) > position else None)
                key: tuple[Any, ...] = (args, tuple(sorted(kwargs.items())))
            else:
                rules_dir = args[position] if len(args) > position else None
                key = args
            folder = rules_folder(cast("Path | str | None", rules_dir))  # the function's own rules_dir
            key += (folder,)
            for topic in topics:
                key += _stamp(_file_in(folder, topic))
            try:
                return cache[key]
            except KeyError:
                pass
            except TypeError:  # an unhashable argument: built every time
                return build(*args, **kwargs)
            result = build(*args, **kwargs)
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[key] = result
            return result

        return cached

    return decorate


def parse_iso_date(value: Any, *, where: str) -> dt.date | None:
    """A yyyy-mm-dd date from rule data, or None for null; malformed values name *where*."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleDataError(
            f"Ngày không hợp lệ ở {where}: {value!r} (cần yyyy-mm-dd).",
            f"Invalid date at {where}: {value!r} (expected yyyy-mm-dd).",
        ) from None


def in_force(record: Mapping[str, Any], day: dt.date, *, where: str) -> bool:
    """Whether *record* (with ``effective_from`` / ``effective_to``, inclusive) is in force on *day*."""
    start = parse_iso_date(record.get("effective_from"), where=f"{where}.effective_from")
    end = parse_iso_date(record.get("effective_to"), where=f"{where}.effective_to")
    return (start is None or start <= day) and (end is None or day <= end)


def record_in_force(
    records: Iterable[Mapping[str, Any]], day: dt.date, *, where: str
) -> Mapping[str, Any] | None:
    """The last record of *records* in force on *day* (later records override earlier ones), or None."""
    found = None
    for index, record in enumerate(records):
        if in_force(record, day, where=f"{where}[{index}]"):
            found = record
    return found


def require(mapping: Mapping[str, Any], key: str, *, where: str) -> Any:
    """``mapping[key]``, or a RuleDataError naming the field."""
    if key not in mapping:
        raise RuleDataError(
            f"Thiếu trường {where}.{key} trong dữ liệu quy tắc.", f"Rule data lacks {where}.{key}."
        )
    return mapping[key]


def source_status(record: Mapping[str, Any]) -> str:
    """The record's source status, one of :data:`STATUSES` (unknown values count as unverified)."""
    status = str(record.get("status") or "unverified")
    return status if status in STATUSES else "unverified"
