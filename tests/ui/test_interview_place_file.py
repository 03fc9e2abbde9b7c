"""The interview's place and file questions: a GPS point typed as «vĩ độ kinh độ», a photo attached with
«Chọn tệp…» (copied into the data folder by content), in a form built for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from xaapp.forms_engine import InterviewSession, load_form
from xaapp.forms_engine.attachments import parse_answer, stored_path
from xaapp.ui.interview.editors import DATA_DIR_PROPERTY, AttachmentEditor, GeoEditor, editor_for

pytestmark = pytest.mark.gui

FORM = Path(__file__).resolve().parents[1] / "data" / "xlsform" / "built_household_visit_geo.xlsx"


@pytest.fixture
def data_dir(qapp: QApplication, tmp_path: Path):  # noqa: ANN201 - a fixture
    folder = tmp_path / "data"
    qapp.setProperty(DATA_DIR_PROPERTY, str(folder))
    yield folder
    qapp.setProperty(DATA_DIR_PROPERTY, None)


def wire(session: InterviewSession, path: str, qtbot):  # noqa: ANN001, ANN201
    editor = editor_for(session.question(path))
    qtbot.addWidget(editor.widget)
    editor.sig_answered.connect(
        lambda p, value: (session.answer(p, value), editor.set_view(session.question(p)))
    )
    return editor


def test_a_point_is_typed_and_reported_when_the_field_is_left(qtbot) -> None:  # noqa: ANN001
    session = InterviewSession(load_form(FORM), lang="vi")
    editor = wire(session, "house", qtbot)
    assert isinstance(editor, GeoEditor)
    field = editor.widget
    assert isinstance(field, QLineEdit) and "vĩ độ kinh độ" in field.placeholderText()
    qtbot.keyClicks(field, "19.8076, 105.7764")
    assert session.text("house") == ""  # nothing reported while typing
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert session.text("house") == "19.8076 105.7764 0 0"
    field.setText("95 105")
    editor.commit()
    assert [i.code for i in session.issues("house")] == ["bad_latitude"]
    assert field.text() == "95 105"  # the refused text stays on screen to be fixed


@pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image")  # bytes that only start like a JPEG
def test_a_photo_is_copied_into_the_data_folder_and_named(qtbot, data_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    photo = tmp_path / "Nhà ông Lò Văn Pản.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo of the house")
    session = InterviewSession(load_form(FORM), lang="vi")
    editor = wire(session, "house_photo", qtbot)
    assert isinstance(editor, AttachmentEditor)
    assert editor.name_label.text() == "Chưa có tệp" and not editor.clear_button.isEnabled()
    editor.ask_file = lambda: str(photo)  # type: ignore[method-assign]  # the officer picks the photo
    qtbot.mouseClick(editor.choose_button, Qt.MouseButton.LeftButton)
    found = parse_answer(session.text("house_photo"))
    assert found is not None and found.name == "Nhà ông Lò Văn Pản.jpg"
    assert stored_path(found, data_dir).read_bytes() == photo.read_bytes()
    assert editor.name_label.text() == "Nhà ông Lò Văn Pản.jpg"
    stored_path(found, data_dir).unlink()  # e.g. the draft was opened on another laptop
    editor.set_view(session.question("house_photo"))
    assert "không có trên máy này" in editor.name_label.text()
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert session.text("house_photo") == "" and editor.name_label.text() == "Chưa có tệp"


def test_a_file_that_cannot_be_read_is_said_and_nothing_is_answered(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    session = InterviewSession(load_form(FORM), lang="vi")
    editor = wire(session, "house_photo", qtbot)
    editor.ask_file = lambda: str(tmp_path / "gone.jpg")  # type: ignore[method-assign]
    qtbot.mouseClick(editor.choose_button, Qt.MouseButton.LeftButton)
    assert session.text("house_photo") == ""
    assert editor.name_label.text().startswith("Không chép được tệp gone.jpg")
    assert not (data_dir / "attachments").exists() or not any((data_dir / "attachments").iterdir())


@pytest.mark.qt_log_ignore("Corrupt JPEG data", "JPEG datastream contains no image")  # bytes that only start like a JPEG
def test_an_attached_image_shows_as_a_thumbnail_and_other_files_do_not(
    qtbot, data_dir: Path, tmp_path: Path
) -> None:  # noqa: ANN001
    """A scanned certificate is seen at a glance beside its name, decoded small; a file that is not
    an image shows its name only."""
    from PySide6.QtGui import QColor, QImage

    scan = tmp_path / "Giấy xác nhận khuyết tật.png"
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan), "PNG")
    session = InterviewSession(load_form(FORM), lang="vi")
    editor = wire(session, "house_photo", qtbot)
    assert editor.thumbnail.isHidden()
    editor.ask_file = lambda: str(scan)  # type: ignore[method-assign]
    qtbot.mouseClick(editor.choose_button, Qt.MouseButton.LeftButton)
    shown = editor.thumbnail.pixmap()
    assert not editor.thumbnail.isHidden() and not shown.isNull()
    assert (shown.width(), shown.height()) == (160, 120)  # fitted, proportions kept

    not_an_image = tmp_path / "ghi chú.jpg"
    not_an_image.write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    editor.ask_file = lambda: str(not_an_image)  # type: ignore[method-assign]
    qtbot.mouseClick(editor.choose_button, Qt.MouseButton.LeftButton)
    assert editor.name_label.text() == "ghi chú.jpg" and editor.thumbnail.isHidden()
    qtbot.mouseClick(editor.clear_button, Qt.MouseButton.LeftButton)
    assert editor.thumbnail.isHidden()
