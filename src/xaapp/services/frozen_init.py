"""A faster ``__init__`` for frozen dataclasses that a service builds by the tens of thousands (an import
plan's rows and households).

The ``__init__`` that ``dataclass(frozen=True)`` writes sets each field through ``object.__setattr__``
(frozen classes refuse ordinary assignment): one function call per field, most of the cost of building
a 21-field row. :func:`direct_init` replaces it with one that writes the fields into the new instance's
``__dict__``: the same signature (positional or keyword, with the same defaults), the same instance
(equality, ``repr``, ``hash`` and the frozen refusal of assignment are the dataclass's own).
"""

from __future__ import annotations

from dataclasses import MISSING, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def direct_init(cls: type[T]) -> type[T]:
    """Give frozen dataclass *cls* an ``__init__`` writing its ``__dict__`` directly (see the module)."""
    assert is_dataclass(cls) and "__slots__" not in cls.__dict__, cls
    params: list[str] = []
    defaults: dict[str, Any] = {}
    for f in fields(cls):
        if not f.init or f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: direct_init takes plain fields with plain defaults only")
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
    body = "\n".join(f"    d[{f.name!r}] = {f.name}" for f in fields(cls))
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n{body}\n"
    namespace: dict[str, Any] = dict(defaults)
    exec(source, namespace)  # as dataclasses itself writes __init__: one function, no per-call introspection
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010  (mypy keeps the dataclass's signature)
    return cls
