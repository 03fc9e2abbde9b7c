"""Every value of a printed list reaches the HTML escaped: < > & " in names, villages, notes and
titles print as typed and never become markup (issue 10)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from xaapp.reports.document import (
    BarChart,
    Column,
    Group,
    HeaderBand,
    ListDocument,
    Signature,
    Table,
)
from xaapp.reports.html import document_html

#: Tags a value would bring if it were pasted in unescaped.
INJECTED = {"u", "s", "script", "font", "span", "a", "em"}


def marked(label: str) -> str:
    return f'{label} <u>x</u> & "y" <s>z</s> <script>w</script> <font color=red>v</font> a < b > c &amp;'


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_every_text_of_a_list_document_is_escaped() -> None:
    values = {
        name: marked(name)
        for name in (
            "title", "subtitle", "commune", "table", "band", "column", "village", "name",
            "address", "note", "words", "role", "sig_title", "hint", "signer", "chart", "category", "series",
        )
    }  # fmt: skip
    table = Table(
        columns=(
            Column("stt", "STT", "int", 4),
            Column("name", values["column"], "text", 20),
            Column("address", "Địa chỉ", "text", 20),
            Column("amount", "Số tiền", "money", 10, summed=True),
        ),
        groups=(Group(values["village"], ((1, values["name"], values["address"], 750_000),), subtotal=True),),
        title=values["table"],
        grand_total=True,
        bands=(HeaderBand(values["band"], 4),),
    )
    doc = ListDocument(
        key="payment",
        title=values["title"],
        commune_name=values["commune"],
        date=dt.date(2026, 7, 1),
        tables=(table,),
        subtitle=values["subtitle"],
        amount_in_words=values["words"],
        notes=(values["note"],),
        signatures=(Signature(values["role"], values["sig_title"], values["hint"], values["signer"]),),
        charts=(BarChart(values["chart"], (values["category"],), ((values["series"], (3,)),)),),
    )
    reader = _Reader()
    reader.feed(document_html(doc))
    text = "".join(reader.text)
    assert not reader.tags & INJECTED, reader.tags & INJECTED
    for name, value in values.items():
        if name in ("commune", "category", "series"):
            continue  # the commune prints in capitals; the chart's labels are drawn in its image
        assert value in text, name
    assert marked("commune").upper() in text
