"""The wire format's dataclasses (``sync.protocol``, ``sync.messages``) as pydantic ``TypeAdapter``s.

The one definition of each request and answer is its dataclass in ``xaapp.sync``, bounds included
(``sync.wire_types``). Here the server turns those very classes into checks of incoming bodies
(``check``, ``field_adapter``; pydantic's Rust core, bounded and fast) and into the OpenAPI document
(``request_body``: FastAPI publishes the answers' schemas from ``response_model`` itself).
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_type_hints

from pydantic import TypeAdapter, ValidationError

#: What a device hears for a UUID written any other way than the one the server stores.
UUID_REASON = "must be a UUID written in lower case with hyphens (8-4-4-4-12 hexadecimal digits)"
_REASONS = {"uuid": UUID_REASON, "request_id": UUID_REASON}


class Invalid(ValueError):
    """A body or record that does not fit its definition: the first *field* at fault and *reason*."""

    def __init__(self, field: str, reason: str, failed: frozenset[str] = frozenset()) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason, self.failed = field, reason, failed


@cache
def adapter(cls: Any) -> TypeAdapter[Any]:  # noqa: ANN401 - any wire type
    return TypeAdapter(cls)


@cache
def field_adapter(cls: type, name: str) -> TypeAdapter[Any]:
    """The check of one field of a wire dataclass, with the bounds its type carries."""
    return TypeAdapter(get_type_hints(cls, include_extras=True)[name])


def problem(exc: ValidationError, whole: str = "body") -> Invalid:
    """The first problem pydantic found, named by its top-level field (*whole* for the value itself)."""
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    failed = frozenset(str(e["loc"][0]) for e in errors if e["loc"])
    first = errors[0]
    if not first["loc"]:
        shape = first["type"] in ("dataclass_type", "dict_type", "model_type")
        return Invalid(whole, "must be an object" if shape else first["msg"], failed)
    field = str(first["loc"][0])
    if first["type"] == "missing":
        return Invalid(field, "required", failed)
    return Invalid(field, _REASONS.get(field, first["msg"]), failed)


def check(cls: type, value: Any, whole: str = "body") -> Any:  # noqa: ANN401
    """*value* (decoded JSON) as an instance of *cls*; ``Invalid`` naming the first field at fault."""
    try:
        return adapter(cls).validate_python(value)
    except ValidationError as exc:
        raise problem(exc, whole) from exc


def request_body(cls: type, defs: dict[str, Any], secured: bool = True) -> dict[str, Any]:
    """OpenAPI for a body the server reads itself (it may arrive gzip-compressed): a ``$ref`` to
    *cls*'s schema, which goes to *defs* with its sub-schemas (``create_app`` adds them to
    ``components.schemas``, so every ``$ref`` resolves)."""
    body = adapter(cls).json_schema(ref_template="#/components/schemas/{model}")
    defs.update(body.pop("$defs", {}))
    defs[cls.__name__] = body
    return {
        "requestBody": {
            "required": True,
            "description": "JSON, optionally gzip-compressed (Content-Encoding: gzip)",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{cls.__name__}"}}},
        },
        **({"security": [{"bearer": []}]} if secured else {}),
    }

