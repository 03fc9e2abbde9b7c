"""Where choices and values come from in real XLSForms: CSV files beside the form (select_one_from_file,
pulldata), the external_choices sheet, loops over a list, or_other, and old spellings of types."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms_helpers import write_form

from xaapp.forms_engine import ERROR, WARNING, InterviewSession, build_form, check_form, load_form

PLACES = "code,label,district\nBT01,Thôn Đông,ba_thuoc\nBT02,Thôn Tây,ba_thuoc\nTS01,Bản Lát,thuong_xuan\n"
PRICES = "item,price,unit\nrice,18000,kg\nsalt,6000,kg\n"


def errors(path: Path) -> list[tuple[str, str]]:
    return [(p.code, p.where) for p in check_form(path) if p.severity == ERROR]


def test_choices_from_a_csv_beside_the_form_with_a_filter(tmp_path: Path) -> None:
    (tmp_path / "places.csv").write_text(PLACES, encoding="utf-8-sig")
    path = write_form(
        """
| type                            | name     | label    | choice_filter          | parameters             |
| select_one district             | district | District |                        |                        |
| select_one_from_file places.csv | village  | Village  | district = ${district} | value=code label=label |
""",
        choices="| list_name | name | label |\n| district | ba_thuoc | Bá Thước |\n| district | thuong_xuan | Thường Xuân |",
        folder=tmp_path,
    )
    session = InterviewSession(load_form(path), lang="vi")
    session.answer("district", "ba_thuoc")
    assert [(c.name, c.label) for c in session.question("village").choices] == [
        ("BT01", "Thôn Đông"),
        ("BT02", "Thôn Tây"),
    ]
    assert session.answer("village", "BT02") == []
    assert [i.code for i in session.answer("village", "XX99")] == ["not_a_choice"]


def test_a_missing_csv_or_column_is_named_with_the_cell(tmp_path: Path) -> None:
    form = "| type | name | label |\n| select_one_from_file places.csv | village | Village |"
    assert errors(write_form(form, folder=tmp_path)) == [("data_file_missing", "survey!A2")]
    message = check_form(write_form(form, folder=tmp_path))[0].message("vi")
    assert "places.csv" in message and str(tmp_path) in message
    (tmp_path / "places.csv").write_text(PLACES, encoding="utf-8")
    assert errors(write_form(form, folder=tmp_path)) == [("data_file_column", "survey!A2")]  # no "name"
    (tmp_path / "places.csv").write_bytes("name,label\nx,Th\xf4n\n".encode("cp1258"))
    assert errors(write_form(form, folder=tmp_path)) == [("data_file_unreadable", "survey!A2")]


def test_pulldata_reads_a_csv_beside_the_form(tmp_path: Path) -> None:
    (tmp_path / "prices.csv").write_text(PRICES, encoding="utf-8")
    path = write_form(
        """
| type      | name  | label | calculation                                 |
| text      | item  | Item  |                                             |
| calculate | price |       | pulldata('prices', 'price', 'item', ${item}) |
| decimal   | kg    | Kg    |                                             |
| calculate | cost  |       | ${price} * ${kg}                            |
""",
        folder=tmp_path,
    )
    session = InterviewSession(load_form(path), lang="vi")
    session.answer("item", "rice")
    session.answer("kg", 2)
    assert session.value("price") == 18000 and session.value("cost") == 36000
    session.answer("item", "sugar")
    assert session.text("price") == ""


def test_pulldata_needs_its_file_named_and_present(tmp_path: Path) -> None:
    form = "| type | name | label | calculation |\n| text | item | Item | |\n| calculate | p | | {call} |"
    missing = write_form(form.format(call="pulldata('prices', 'price', 'item', ${item})"), folder=tmp_path)
    assert errors(missing) == [("data_file_missing", "survey!D3")]
    dynamic = write_form(form.format(call="pulldata(${item}, 'price', 'item', ${item})"), folder=tmp_path)
    assert errors(dynamic) == [("pulldata_file", "survey!D3")]


def test_select_one_external_takes_its_list_from_external_choices() -> None:
    path = write_form(
        """
| survey           |                               |          |          |                     |
|                  | type                          | name     | label    | choice_filter       |
|                  | select_one province           | province | Province |                     |
|                  | select_one_external communes  | commune  | Commune  | province=${province} |
| choices          |                               |          |          |                     |
|                  | list_name                     | name     | label    |                     |
|                  | province                      | th       | Thanh Hóa |                    |
|                  | province                      | na       | Nghệ An  |                     |
| external_choices |                               |          |          |                     |
|                  | list_name                     | name     | label    | province            |
|                  | communes                      | c1       | Xã Ái Thượng | th              |
|                  | communes                      | c2       | Xã Điền Lư | th                |
|                  | communes                      | c3       | Xã Môn Sơn | na                |
"""
    )
    session = InterviewSession(load_form(path), lang="vi")
    session.answer("province", "na")
    assert [c.label for c in session.question("commune").choices] == ["Xã Môn Sơn"]
    broken = write_form("| type | name | label |\n| select_one_external nowhere | c | C |")
    assert errors(broken) == [("missing_external_list", "survey!A2")]


def test_a_loop_gives_one_group_per_choice_in_each_language() -> None:
    path = write_form(
        """
| type                        | name  | label::vi                 | label::en               |
| begin loop over assets      | owned | Tài sản                   | Assets                  |
| integer                     | count | Số %(label)s của hộ       | Number of %(label)s     |
| end loop                    |       |                           |                         |
""",
        choices="""
| list_name | name  | label::vi | label::en |
| assets    | tv    | ti vi     | TVs       |
| assets    | moto  | xe máy    | motorbikes |
| assets    | none  | không có  | none      |
""",
    )
    form = load_form(path)
    assert [form.items[k].name for k in form.items["owned"].children] == ["tv", "moto"]
    session = InterviewSession(form, lang="vi")
    assert session.question("owned/moto/count").label == "Số xe máy của hộ"
    assert InterviewSession(form, lang="en").question("owned/tv/count").label == "Number of TVs"
    broken = write_form(
        "| type | name | label |\n| begin loop over nothing | l | L |\n| text | a | A |\n| end loop | | |"
    )
    assert errors(broken) == [("missing_choice_list", "survey!A2")]


def test_or_other_adds_the_specify_other_question() -> None:
    path = write_form(
        "| type | name | label::vi |\n| select_one source or_other | water | Nguồn nước |",
        choices="| list_name | name | label::vi |\n| source | well | Giếng |\n| source | tap | Máy |",
    )
    session = InterviewSession(load_form(path), lang="vi")
    assert [c.name for c in session.question("water").choices] == ["well", "tap", "other"]
    assert not session.is_relevant("water_other")
    session.answer("water", "other")
    assert session.is_relevant("water_other")
    assert session.question("water_other").label == "Ghi rõ lựa chọn khác."
    session.answer("water_other", "Nước mưa")
    assert session.to_json()["instance"]["water_other"] == "Nước mưa"


@pytest.mark.parametrize(
    ("spelling", "typed", "ok"),
    [
        ("phone number", "0912345678", True),
        ("phone number", "0912 345 678", False),
        ("percentage", 101, False),
        ("percentage", 40, True),
        ("add date prompt", "28/11/2026", True),
        ("q location", "19.8 105.7", True),
        ("add image prompt", "0" * 64 + "/a.jpg", True),
    ],
)
def test_old_spellings_load_with_pyxform_meaning(spelling: str, typed: object, ok: bool) -> None:
    session = InterviewSession(load_form(write_form(f"| type | name | label |\n| {spelling} | q | Q |")))
    assert (session.answer("q", typed) == []) is ok


def test_entities_sheet_is_ignored_and_metadata_referenced_is_empty() -> None:
    path = write_form(
        """
| survey   |           |        |                         |
|          | type      | name   | label                   |
|          | deviceid  | device |                         |
|          | note      | shown  | Máy: ${device}          |
| entities |           |        |                         |
|          | list_name | label  |                         |
|          | households | ${shown} |                       |
"""
    )
    form, problems = build_form(path)
    assert form is not None
    assert [(p.code, p.where, p.severity) for p in problems] == [
        ("ignored_sheet", "entities!A1", WARNING),
        ("metadata_skipped", "survey!A2", WARNING),
    ]
    assert InterviewSession(form).question("shown").label == "Máy: "
