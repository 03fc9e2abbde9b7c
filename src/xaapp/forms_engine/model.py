"""The form as immutable data: settings, choice lists and the tree of survey items."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from xaapp.forms_engine.xpath_ast import Expr

#: Question types whose value the interviewer enters.
INPUT_TYPES = frozenset(
    {
        "text",
        "integer",
        "decimal",
        "date",
        "time",
        "datetime",
        "select_one",
        "select_multiple",
        "acknowledge",
        "barcode",
        "geopoint",
        "geotrace",
        "geoshape",
        "image",
        "audio",
        "video",
        "file",
        "osm",
    }
)
#: Types filled by the engine itself.
META_TYPES = frozenset({"start", "end", "today"})
#: ``metadata``: device metadata (deviceid, phonenumber …) a desktop does not have: always empty.
VALUE_TYPES = INPUT_TYPES | META_TYPES | frozenset({"calculate", "hidden", "metadata"})
FIELD_TYPES = VALUE_TYPES | frozenset({"note"})
#: Survey columns holding expressions, in the order they are checked.
EXPRESSION_COLUMNS = (
    "relevant",
    "required",
    "constraint",
    "calculation",
    "read_only",
    "choice_filter",
    "repeat_count",
    "default",
)


@dataclass(frozen=True)
class Choice:
    name: str
    labels: Mapping[str, str]
    extras: Mapping[str, str]  # other columns (for choice_filter), keys lower-case
    where: str  # choices!B7

    def label(self, lang: str) -> str:
        return pick_text(self.labels, lang) or self.name


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]
    where: str

    def get(self, name: str) -> Choice | None:
        for choice in self.choices:
            if choice.name == name:
                return choice
        return None


@dataclass(frozen=True)
class DataTable:
    """A CSV file beside the form (for ``pulldata()``): its columns and rows, text NFC."""

    name: str  # the file name, e.g. "fruits.csv"
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]

    def lookup(self, column: str, key_column: str, key: str) -> str:
        """*column* of the first row whose *key_column* is *key* ("" when none is)."""
        for row in self.rows:
            if row.get(key_column) == key:
                return row.get(column, "")
        return ""


@dataclass(frozen=True)
class CheckCall:
    """The ``check`` column of a question: an app check by name and its argument expressions
    (see :mod:`xaapp.forms_engine.checks`)."""

    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Item:
    """One survey row that holds a value or contains others: a question, a group or a repeat.

    ``key`` identifies the item inside the engine: its name, or ``parent/name`` when another
    group already uses the same name (XLSForm allows that; ``${name}`` must then not be used).

    ``kind`` is "field", "group" or "repeat". ``repeats`` names the repeats enclosing the item,
    outermost first (a repeat includes itself). ``expressions`` maps a column ("relevant",
    "calculation", …) to its text, ``compiled`` to the parsed expression.
    """

    kind: str
    type: str
    name: str
    key: str
    row: int
    parent: str | None
    repeats: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    hints: Mapping[str, str] = field(default_factory=dict)
    required_messages: Mapping[str, str] = field(default_factory=dict)
    constraint_messages: Mapping[str, str] = field(default_factory=dict)
    expressions: Mapping[str, str] = field(default_factory=dict)
    compiled: Mapping[str, Expr] = field(default_factory=dict)
    appearance: str = ""
    list_name: str = ""
    children: tuple[str, ...] = ()
    cells: Mapping[str, str] = field(default_factory=dict)  # column -> "survey!D14"
    note: str = ""  # the "note" column (source status of a threshold), shown to authors
    check: CheckCall | None = None  # the "check" column: the app's own check of the answer

    @property
    def where(self) -> str:
        return self.cells.get("type", f"survey!A{self.row}")

    @property
    def is_container(self) -> bool:
        return self.kind != "field"

    @property
    def has_value(self) -> bool:
        return self.kind == "field" and self.type in VALUE_TYPES

    def label(self, lang: str) -> str:
        return pick_text(self.labels, lang)

    def hint(self, lang: str) -> str:
        return pick_text(self.hints, lang)

    @property
    def field_list(self) -> bool:
        return "field-list" in self.appearance.split()

    @property
    def is_required_static(self) -> bool:
        return self.expressions.get("required", "").strip().lower() in ("yes", "true", "true()", "1")


@dataclass(frozen=True)
class Form:
    """A loaded, checked form. ``items`` holds every named item in survey order."""

    form_id: str
    version: str
    title: str
    default_language: str
    languages: tuple[str, ...]
    items: Mapping[str, Item]
    top: tuple[str, ...]  # names of the root's direct children
    choice_lists: Mapping[str, ChoiceList]
    path: str = ""
    by_name: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: CSV files beside the form read by ``pulldata('name', …)``, by name without ``.csv``.
    tables: Mapping[str, DataTable] = field(default_factory=dict)

    def key_of(self, name: str) -> str | None:
        """The item key of ``${name}``: the name itself unless the name is used in several groups."""
        keys = self.by_name.get(name)
        if keys is not None:
            return keys[0] if len(keys) == 1 else None
        return name if name in self.items else None

    def item(self, name: str) -> Item:
        return self.items[name]

    def choices_for(self, name: str) -> ChoiceList | None:
        item = self.items[name]
        return self.choice_lists.get(item.list_name) if item.list_name else None

    def lang(self, wanted: str | None) -> str:
        """The label column matching *wanted* ("vi", "en", "English (en)") or the default."""
        return (
            match_language(self.languages, wanted)
            or match_language(self.languages, self.default_language)
            or (self.languages[0] if self.languages else "")
        )


def match_language(languages: tuple[str, ...], wanted: str | None) -> str | None:
    if wanted is None:
        return None
    key = wanted.strip().lower()
    for lang in languages:
        low = lang.lower()
        code = low[low.rfind("(") + 1 : -1] if low.endswith(")") and "(" in low else low
        if key in (low, code) or low.startswith(key + " "):
            return lang
    return None


def pick_text(texts: Mapping[str, str], lang: str) -> str:
    """The text in *lang*, else the unlabelled column, else any language."""
    if lang in texts and texts[lang]:
        return texts[lang]
    if "" in texts and texts[""]:
        return texts[""]
    for value in texts.values():
        if value:
            return value
    return ""
