"""Question types of real XLSForms, typed on a desktop: time, date-time, places, barcodes, attachments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from forms_helpers import session_from_rows

from xaapp.forms_engine import InterviewSession
from xaapp.forms_engine.attachments import parse_answer, store, stored_path

FORM = """
| type     | name    | label         | constraint                         |
| time     | arrived | Arrival       |                                    |
| datetime | visited | Visit         |                                    |
| geopoint | house   | House         |                                    |
| geotrace | road    | Road          |                                    |
| geoshape | field   | Field         |                                    |
| barcode  | card    | Card          |                                    |
| photo    | picture | Photo         |                                    |
| file     | paper   | Paper         |                                    |
"""


def session() -> InterviewSession:
    return session_from_rows(FORM)


@pytest.mark.parametrize(
    ("path", "typed", "stored"),
    [
        ("arrived", "14:30", "14:30:00"),
        ("arrived", "7h05", "07:05:00"),
        ("arrived", dt.time(9, 5, 7), "09:05:07"),
        ("visited", "28/11/2026 14:30", "2026-11-28T14:30:00"),
        ("visited", "2026-11-28T14:30:00.000+07:00", "2026-11-28T14:30:00"),  # as ODK Collect stores it
        ("house", "19.8076 105.7764", "19.8076 105.7764 0 0"),
        ("house", "19.8076, 105.7764", "19.8076 105.7764 0 0"),  # copied from a map site
        ("house", "19.8076 105.7764 12.5 4", "19.8076 105.7764 12.5 4"),
        ("road", "19.80 105.77; 19.81 105.78", "19.8 105.77 0 0;19.81 105.78 0 0"),
        ("field", "1 1; 1 2; 2 2; 1 1", "1 1 0 0;1 2 0 0;2 2 0 0;1 1 0 0"),
        ("card", " 8934567890123 ", "8934567890123"),
    ],
)
def test_typed_answers_are_stored_as_odk_stores_them(path: str, typed: object, stored: str) -> None:
    s = session()
    assert s.answer(path, typed) == []
    assert s.text(path) == stored


@pytest.mark.parametrize(
    ("path", "typed", "code", "words"),
    [
        ("arrived", "25:00", "not_time", "HH:MM"),
        ("visited", "31/02/2026 10:00", "no_such_date", "tháng 2/2026 có 28 ngày"),
        ("visited", "28/11/2026", "not_datetime", "dd/mm/yyyy HH:MM"),
        ("house", "95 105", "bad_latitude", "Vĩ độ 95"),
        ("house", "19 190", "bad_longitude", "Kinh độ 190"),
        ("house", "Thôn Đông", "not_geopoint", "vĩ độ kinh độ"),
        ("road", "19.80 105.77", "too_few_points", "ít nhất 2 điểm"),
        ("field", "1 1; 1 2; 2 2; 2 1", "shape_not_closed", "điểm cuối phải trùng điểm đầu (1 1)"),
        ("picture", "C:/anh/ho.jpg", "not_attachment", "Chọn tệp"),
    ],
)
def test_answers_that_are_not_what_the_type_takes_are_refused_with_what_to_type(
    path: str, typed: str, code: str, words: str
) -> None:
    s = session_from_rows(FORM, lang="vi")
    issues = s.answer(path, typed)
    assert [i.code for i in issues] == [code]
    assert words in issues[0].message
    assert s.text(path) == "" and s.refused_text(path) == " ".join(typed.split())
    assert [i.code for i in s.all_issues()] == [code]  # the form cannot be finalised with it


def test_date_time_answers_feed_date_functions() -> None:
    s = session_from_rows(
        """
| type      | name    | label | calculation                              |
| datetime  | visited | Visit |                                          |
| time      | arrived | At    |                                          |
| calculate | day     |       | format-date-time(${visited}, '%d/%m/%Y %H:%M') |
| calculate | late    |       | substring(${arrived}, 1, 2) >= 12        |
"""
    )
    s.answer("visited", "28/11/2026 14:30")
    s.answer("arrived", "14:30")
    assert s.text("day") == "28/11/2026 14:30"
    assert s.text("late") == "true"


def test_a_file_is_attached_by_content_and_stored_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    original = tmp_path / "Giấy chứng nhận hộ nghèo.pdf"
    original.write_bytes(b"%PDF-1.4 xaapp test page")
    first = store(original, data_dir)
    again = store(original, data_dir)
    assert first == again and first.name == "Giấy chứng nhận hộ nghèo.pdf"
    assert stored_path(first, data_dir).read_bytes() == original.read_bytes()
    assert [p.name for p in (data_dir / "attachments").iterdir()] == [first.sha256]
    s = session()
    assert s.answer("paper", first) == []
    assert s.question("paper").widget == "attachment"
    saved = s.to_json()
    assert saved["instance"]["paper"] == f"{first.sha256}/Giấy chứng nhận hộ nghèo.pdf"
    again_session = InterviewSession.from_json(s.form, saved)
    assert parse_answer(again_session.text("paper")) == first
    original.unlink()  # the answer does not depend on where the file was
    assert stored_path(parse_answer(again_session.text("paper")), data_dir).is_file()  # type: ignore[arg-type]


def test_every_new_type_survives_a_draft() -> None:
    s = session()
    answers = {
        "arrived": "14:30",
        "visited": "28/11/2026 14:30",
        "house": "19.8076 105.7764",
        "road": "19.80 105.77; 19.81 105.78",
        "field": "1 1; 1 2; 2 2; 1 1",
        "card": "8934567890123",
        "picture": "a" * 64 + "/ảnh.jpg",
    }
    for path, value in answers.items():
        assert s.answer(path, value) == []
    saved = s.to_json()
    again = InterviewSession.from_json(s.form, saved)
    assert {p: again.text(p) for p in answers} == {p: s.text(p) for p in answers}
