"""The bounds of the wire format, written as type metadata on the protocol's dataclasses.

``sync.protocol`` and ``sync.messages`` are the one definition of the JSON a laptop and the central
server exchange. Their fields carry their bounds here, as ``typing.Annotated`` metadata: the
standard ``annotated_types`` constraints (``Ge``, ``Le``, ``MaxLen`` …) and three small markers of
our own for what that package has no word for (a regular expression, a fixed set of words, "no
coercion"). The laptop never reads the metadata — its ``to_json``/``from_json`` stay hand-written and
fast, and it needs no pydantic. The server builds pydantic ``TypeAdapter``s from the very same
dataclasses (``server.wire_schema``): pydantic checks incoming bodies against these bounds and
FastAPI publishes them in ``/openapi.json``. The markers speak pydantic's documented protocol for
custom metadata (``__get_pydantic_core_schema__``) by duck typing, so this module imports nothing
of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Final

from annotated_types import Ge, Le, Lt, MaxLen, MinLen

from xaapp.sync.entities import ENTITIES

PROTOCOL_VERSION: Final = 1
#: The largest revision the server's INTEGER columns hold (PostgreSQL: 32-bit signed).
MAX_REVISION = 2**31 - 1
#: The one spelling of a UUID on the wire: lower case with hyphens. Braces, ``urn:uuid:`` and upper
#: case are refused, never mapped: a record's id must be the laptop's, byte for byte.
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
UUID_RE = re.compile(UUID_PATTERN)
HASH_PATTERN = r"^[0-9a-f]{1,64}$"
MAX_BATCH_ID = 64


@dataclass(frozen=True)
class Strict:
    """No coercion: ``true``, ``1.0`` or ``"1"`` is not a whole number, ``0`` is not ``false``."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:  # noqa: ANN401 - pydantic's
        schema = handler(source)
        schema["strict"] = True
        return schema


@dataclass(frozen=True)
class Pattern:
    """Text matching a regular expression (checked by pydantic, shown as ``pattern`` in OpenAPI)."""

    regex: str

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:  # noqa: ANN401
        schema = handler(source)
        schema["pattern"] = self.regex
        return schema


@dataclass(frozen=True)
class OneOf:
    """One of a fixed set of words (an ``enum`` in OpenAPI); the field stays a plain ``str`` in Python."""

    words: tuple[str, ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:  # noqa: ANN401
        return {"type": "literal", "expected": list(self.words)}


@dataclass(frozen=True)
class Doc:
    """A field's description in OpenAPI."""

    text: str

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:  # noqa: ANN401
        out = handler(schema)
        out["description"] = self.text
        return out


@dataclass(frozen=True)
class ShapedAs:
    """A plain ``dict`` in Python, checked and documented on the server as the dataclass *shape*
    (the laptop keeps such objects as dicts, e.g. a yearly report's mark)."""

    shape: type

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:  # noqa: ANN401
        def keep(value: Any, check: Any) -> Any:  # noqa: ANN401
            check(value)
            return value

        return {
            "type": "function-wrap",
            "function": {"type": "no-info", "function": keep},
            "schema": handler.generate_schema(self.shape),
            "serialization": {"type": "any"},
        }


STRICT = Strict()

WholeNumber = Annotated[int, STRICT]
Uuid = Annotated[str, Pattern(UUID_PATTERN), Doc("lower case with hyphens; other spellings are refused")]
Revision = Annotated[int, STRICT, Ge(1), Le(MAX_REVISION)]
BaseRevision = Annotated[
    int, STRICT, Ge(0), Lt(MAX_REVISION), Doc("the server revision this edit started from; 0 when new")
]
EntityName = Annotated[str, OneOf(ENTITIES)]
OpName = Annotated[str, OneOf(("upsert", "delete"))]
Hash = Annotated[
    str,
    Pattern(HASH_PATTERN),
    Doc("sha256 of the canonical JSON of {entity, op, data}, first 16 hex digits"),
]
BatchId = Annotated[str, MinLen(1), MaxLen(MAX_BATCH_ID)]
#: a stub's size in bytes (0: the data is here)
Size = Annotated[int, STRICT, Ge(0), Doc("a stub's size in bytes (0: the content is here)")]
#: a sync file's number
FileSeq = Annotated[int, STRICT, Ge(0), Lt(2**31)]
