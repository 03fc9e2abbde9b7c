"""One editor per question type of the forms engine (text, numbers, dd/mm/yyyy dates, selects, notes).

Each editor shows a ``QuestionView`` and reports what the officer typed through ``sig_answered``;
it never writes the answer anywhere itself. Text is normalised to NFC before it is reported, so
Unikey's decomposed input (Telex/VNI, old files) is stored the same as precomposed text.
Keyboard: every editor takes focus with Tab; Enter moves on (handled by the form view); in a
select, the digit keys 1–9 pick the n-th choice, as on the paper form's numbered answers (the form
view then moves on: one key per answer); in a multiple choice they tick or untick the n-th box.
Dates are typed dd/mm/yyyy or as eight digits (12041978 becomes 12/04/1978).

Text the engine refused (letters in a number, 31/02/1980) stays on screen as typed, beside its
message, while the question itself is empty. Money (appearance ``thousands-sep``) is typed as
12000000, 12.000.000, 12,000,000 or 12 000 000 and shown as 12.000.000 once the field is left.

Places (geopoint, geotrace, geoshape) are typed as «vĩ độ kinh độ» and reported when the field is
left. A file question (photo, audio, video, file) has a «Chọn tệp…» button: the chosen file is copied
into ``<data dir>/attachments/<sha256>`` (:mod:`xaapp.forms_engine.attachments`) and the answer names
it by content; the data folder is the application property ``xaapp_data_dir`` (set by the app).

Thread contract: UI thread only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QImageReader, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import format_date, format_money, nfc
from xaapp.forms_engine import QuestionView
from xaapp.forms_engine.attachments import parse_answer, store, stored_path
from xaapp.forms_engine.values import THOUSANDS_SEP

#: The application property naming the data folder (set by the app once the database is open).
DATA_DIR_PROPERTY = "xaapp_data_dir"


def data_dir() -> Path | None:
    """The data folder attached files go to (``<data dir>/attachments``), or None when unknown."""
    app = QApplication.instance()
    value = app.property(DATA_DIR_PROPERTY) if app is not None else None
    return Path(value) if value else None


_FULL_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*$")
logger = logging.getLogger(__name__)
_DIGITS_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def choice_digit(event: QKeyEvent) -> int:
    """The number 1–9 a key press picks in a select (0: not a choice key)."""
    text = event.text()
    if (
        len(text) == 1
        and text in "123456789"
        and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    ):
        return int(text)
    return 0


def numbered(number: int, label: str) -> str:
    """A choice label as the officer picks it: "2. Nữ" (choices after the ninth have no key)."""
    return f"{number}. {label}" if number <= 9 else label


class QuestionEditor(QObject):
    """Base: owns the Qt widget of one question."""

    sig_answered = Signal(str, object)
    """(path, value) — the officer changed the answer (value already NFC for text)."""

    def __init__(self, view: QuestionView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = view.path
        self.view = view
        self.widget: QWidget = self._build(view)
        self.widget.setObjectName(view.path)
        self.set_view(view)

    def _build(self, view: QuestionView) -> QWidget:
        raise NotImplementedError

    def set_view(self, view: QuestionView) -> None:
        """Show *view*'s value (never while the officer is typing in this editor)."""
        self.view = view
        self.widget.setEnabled(not view.read_only)

    def focus_widget(self) -> QWidget:
        return self.widget

    def commit(self) -> None:
        """Report a pending answer now (before Enter moves on); most editors report as they change."""

    def _emit(self, value: Any) -> None:
        self.sig_answered.emit(self.path, value)


class _LineEdit(QLineEdit):
    """A line edit that shows its text in NFC when the officer leaves it."""

    sig_left = Signal()
    """The officer left the field (after the text was normalised)."""

    def focusOutEvent(self, event: QFocusEvent) -> None:
        normal = " ".join(nfc(self.text()).split()) if self.text().strip() else ""
        if normal != self.text():
            self.setText(normal)
        super().focusOutEvent(event)
        self.sig_left.emit()


class TextEditor(QuestionEditor):
    def _build(self, view: QuestionView) -> QWidget:
        edit = _LineEdit()
        edit.textEdited.connect(lambda text: self._emit(nfc(text).strip() or None))
        return edit

    def shown_text(self, view: QuestionView) -> str:
        """What the field shows for *view* when the officer is not typing in it."""
        if view.refused_text is not None:
            return view.refused_text
        return "" if view.value is None else str(view.value)

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        edit = self.widget
        assert isinstance(edit, QLineEdit)
        shown = self.shown_text(view)
        if not edit.hasFocus() and nfc(edit.text()).strip() != shown:
            edit.setText(shown)


class NumberEditor(TextEditor):
    """Integer and decimal answers; the engine says when the text is not a number. Money
    (appearance ``thousands-sep``) is shown grouped by dots once the field is left."""

    def _build(self, view: QuestionView) -> QWidget:
        edit = super()._build(view)
        assert isinstance(edit, _LineEdit)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.sig_left.connect(lambda: self.set_view(self.view))
        return edit

    def shown_text(self, view: QuestionView) -> str:
        value = view.value
        if view.refused_text is not None or not isinstance(value, int | float):
            return super().shown_text(view)
        if value == value and float(value).is_integer():
            if THOUSANDS_SEP in view.appearance.split():
                return format_money(int(value), unit="")
            return str(int(value))
        return str(value)


class DateEditor(QuestionEditor):
    """Dates typed as dd/mm/yyyy; reported when the text is a whole date (or left, or cleared)."""

    def _build(self, view: QuestionView) -> QWidget:
        edit = _LineEdit()
        edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        edit.setMaxLength(10)
        self._reported: str | None = None
        edit.textEdited.connect(self._edited)
        edit.editingFinished.connect(self.commit)
        return edit

    def _report(self, text: str) -> None:
        if text != self._reported:
            self._reported = text
            self._emit(text or None)

    def _edited(self, text: str) -> None:
        digits = _DIGITS_DATE.match(text.strip())
        if digits:  # 12041978: the day, month and year without slashes
            text = "/".join(digits.groups())
            edit = self.widget
            assert isinstance(edit, QLineEdit)
            edit.setText(text)
        if not text.strip() or _FULL_DATE.match(text):
            self._report(text.strip())

    def commit(self) -> None:
        edit = self.widget
        assert isinstance(edit, QLineEdit)
        self._report(edit.text().strip())

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        edit = self.widget
        assert isinstance(edit, QLineEdit)
        value = view.value
        shown = format_date(value) if isinstance(value, dt.date) else ("" if value is None else str(value))
        if view.refused_text is not None:
            shown = view.refused_text
        if self._reported is None:
            self._reported = shown
        if (
            not edit.hasFocus()
            and edit.text() != shown
            and not (shown == "" and edit.text() == self._reported)
        ):
            edit.setText(shown)
            self._reported = shown


class _ChoiceCombo(QComboBox):
    """A combo box where 1–9 pick the n-th choice (the first entry is "not answered")."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = choice_digit(event)
        if index:
            if index < self.count():
                self.setCurrentIndex(index)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # Enter moves on (the form view's event filter)
            return
        super().keyPressEvent(event)


class ChoiceEditor(QuestionEditor):
    def _build(self, view: QuestionView) -> QWidget:
        combo = _ChoiceCombo()
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._names: list[str | None] = []
        combo.currentIndexChanged.connect(self._changed)
        self._updating = False
        return combo

    def _changed(self, index: int) -> None:
        if not self._updating and 0 <= index < len(self._names):
            self._emit(self._names[index])

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        combo = self.widget
        assert isinstance(combo, QComboBox)
        names = [None, *(c.name for c in view.choices)]
        self._updating = True
        try:
            if names != self._names:
                combo.clear()
                combo.addItem("—")
                for number, choice in enumerate(view.choices, start=1):
                    combo.addItem(numbered(number, choice.label))
                self._names = names
            index = names.index(view.value) if view.value in names else 0
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
        finally:
            self._updating = False

    def pick(self, number: int) -> bool:
        """Choose the *number*-th choice (1-based), as its digit key does; False if there is none."""
        combo = self.widget
        assert isinstance(combo, QComboBox)
        if not 0 < number < combo.count() or not combo.isEnabled():
            return False
        combo.setCurrentIndex(number)
        return True


class MultiChoiceEditor(QuestionEditor):
    """select_multiple: one check box per choice, numbered; the digit n ticks or unticks the n-th box
    (Tab moves between them, Space ticks the one with the cursor)."""

    def _build(self, view: QuestionView) -> QWidget:
        box = QWidget()
        self._row = QVBoxLayout(box)  # one box per line: choice labels are long sentences
        self._row.setContentsMargins(0, 0, 0, 0)
        self._boxes: dict[str, QCheckBox] = {}
        return box

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        wanted = [c.name for c in view.choices]
        if list(self._boxes) != wanted:
            for check in self._boxes.values():
                check.setParent(None)
            self._boxes = {}
            for number, choice in enumerate(view.choices, start=1):
                check = QCheckBox(numbered(number, choice.label))
                check.setObjectName(f"{self.path}:{choice.name}")
                check.toggled.connect(lambda _on: self._emit(self.selected()))
                check.installEventFilter(self)
                self._row.addWidget(check)
                self._boxes[choice.name] = check
        chosen = set(cast("Iterable[str]", view.value or ()))  # a multiple choice: its names
        for name, check in self._boxes.items():
            if check.isChecked() != (name in chosen):
                check.blockSignals(True)
                check.setChecked(name in chosen)
                check.blockSignals(False)

    def selected(self) -> list[str]:
        return [name for name, check in self._boxes.items() if check.isChecked()]

    def toggle(self, number: int) -> bool:
        """Tick or untick the *number*-th box (1-based), as its digit key does, and put the cursor there."""
        boxes = list(self._boxes.values())
        if not 0 < number <= len(boxes) or not boxes[number - 1].isEnabled():
            return False
        check = boxes[number - 1]
        check.setFocus(Qt.FocusReason.OtherFocusReason)
        check.toggle()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and watched in self._boxes.values():
            assert isinstance(event, QKeyEvent)
            number = choice_digit(event)
            if number:
                self.toggle(number)
                return True
        return super().eventFilter(watched, event)

    def focus_widget(self) -> QWidget:
        return next(iter(self._boxes.values()), self.widget)


class CheckEditor(QuestionEditor):
    def _build(self, view: QuestionView) -> QWidget:
        check = QCheckBox()
        check.toggled.connect(lambda on: self._emit("OK" if on else None))
        return check

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        check = self.widget
        assert isinstance(check, QCheckBox)
        check.blockSignals(True)
        check.setChecked(bool(view.value))
        check.blockSignals(False)


class NoteEditor(QuestionEditor):
    """A note: the label is the content; nothing to answer."""

    def _build(self, view: QuestionView) -> QWidget:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a label may show answers (${name}): never markup
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label

    def set_view(self, view: QuestionView) -> None:
        label = self.widget
        assert isinstance(label, QLabel)
        label.setText(view.label)


class GeoEditor(TextEditor):
    """geopoint, geotrace, geoshape typed as «vĩ độ kinh độ» (points of a line or shape separated by
    ``;``); reported when the field is left or Enter is pressed, not at every key."""

    def _build(self, view: QuestionView) -> QWidget:
        edit = _LineEdit()
        if view.widget == "geopoint":
            edit.setPlaceholderText(self.tr("vĩ độ kinh độ, ví dụ 19.8076 105.7764"))
        else:
            edit.setPlaceholderText(self.tr("vĩ độ kinh độ; vĩ độ kinh độ; …"))
        edit.editingFinished.connect(self.commit)
        return edit

    def commit(self) -> None:
        edit = self.widget
        assert isinstance(edit, QLineEdit)
        text = " ".join(nfc(edit.text()).split())
        if text != (self.view.refused_text or ("" if self.view.value is None else str(self.view.value))):
            self._emit(text or None)


_FILE_FILTERS = {
    "image": "Ảnh / Images (*.jpg *.jpeg *.png *.heic *.bmp *.gif *.tif *.tiff)",
    "audio": "Âm thanh / Audio (*.mp3 *.m4a *.wav *.amr *.ogg *.aac)",
    "video": "Video (*.mp4 *.3gp *.mov *.avi *.mkv)",
    "osm": "OpenStreetMap (*.osm)",
}


#: The largest thumbnail of an attached image (a scanned certificate, a photo of the house).
THUMBNAIL = QSize(160, 120)
_IMAGE_TYPES = ("image", "photo")


def thumbnail(path: Path, box: QSize = THUMBNAIL) -> QPixmap | None:
    """*path* as an image scaled to fit *box*, decoded at that size (a 20-megapixel scan is not
    decoded whole); None when the file is not an image Qt can read."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)  # stored files have no extension
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    if size.width() > box.width() or size.height() > box.height():
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else QPixmap.fromImage(image)


class AttachmentEditor(QuestionEditor):
    """photo, audio, video, file: «Chọn tệp…» copies the file into the data folder (by content) and
    answers with it; «Bỏ tệp» clears the answer. Shows the file's name, and a thumbnail of an image."""

    def _build(self, view: QuestionView) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setVisible(False)
        self._thumbnail_of: Path | None = None
        row.addWidget(self.thumbnail)
        self.name_label = QLabel()
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton(self.tr("Chọn tệp…"))
        self.choose_button.setObjectName(f"{view.path}:choose")
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(self.tr("Bỏ tệp"))
        self.clear_button.clicked.connect(lambda: self._emit(None))
        row.addWidget(self.name_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        return box

    def focus_widget(self) -> QWidget:
        return self.choose_button

    def set_view(self, view: QuestionView) -> None:
        super().set_view(view)
        found = parse_answer(str(view.value)) if view.value else None
        folder = data_dir()
        if found is None:
            self.name_label.setText(self.tr("Chưa có tệp"))
        elif folder is not None and not stored_path(found, folder).is_file():
            self.name_label.setText(self.tr("{name} (tệp không có trên máy này)").format(name=found.name))
        else:
            self.name_label.setText(found.name)
        self.clear_button.setEnabled(found is not None)
        path = stored_path(found, folder) if found is not None and folder is not None else None
        self._show_thumbnail(path if path is not None and path.is_file() and view.type in _IMAGE_TYPES else None)

    def _show_thumbnail(self, path: Path | None) -> None:
        if path == self._thumbnail_of:  # answers re-shown after every calculation: decode once
            return
        self._thumbnail_of = path
        pixmap = thumbnail(path) if path is not None else None
        if pixmap is None:
            self.thumbnail.clear()
        else:
            self.thumbnail.setPixmap(pixmap)
        self.thumbnail.setVisible(pixmap is not None)

    def ask_file(self) -> str:
        """The file the officer picks ("" when cancelled); a method so that tests can answer it."""
        caption = self.tr("Chọn tệp cho «{label}»").format(label=self.view.label)
        kind = _FILE_FILTERS.get(self.view.type, "")
        filters = f"{kind};;Mọi tệp / All files (*)" if kind else "Mọi tệp / All files (*)"
        chosen, _ = QFileDialog.getOpenFileName(self.widget, caption, "", filters)
        return chosen

    def choose(self) -> None:
        chosen = self.ask_file()
        if not chosen:
            return
        folder = data_dir()
        if folder is None:
            self.name_label.setText(self.tr("Chưa có thư mục dữ liệu để lưu tệp"))
            return
        try:
            attachment = store(Path(chosen), folder)
        except OSError as exc:
            logger.warning("cannot attach %s: %r", chosen, exc)
            self.name_label.setText(
                self.tr("Không chép được tệp {name}: {reason}").format(
                    name=Path(chosen).name, reason=exc.strerror or exc
                )
            )
            return
        self._emit(attachment.answer)


_EDITORS: dict[str, type[QuestionEditor]] = {
    "text": TextEditor,
    "integer": NumberEditor,
    "decimal": NumberEditor,
    "date": DateEditor,
    "select_one": ChoiceEditor,
    "dropdown": ChoiceEditor,
    "select_multiple": MultiChoiceEditor,
    "checkbox": CheckEditor,
    "note": NoteEditor,
    "geopoint": GeoEditor,
    "geotrace": GeoEditor,
    "geoshape": GeoEditor,
    "attachment": AttachmentEditor,
}


def editor_for(view: QuestionView, parent: QObject | None = None) -> QuestionEditor:
    """The editor of *view*'s widget kind (unknown kinds get a plain text editor)."""
    return _EDITORS.get(view.widget, TextEditor)(view, parent)
