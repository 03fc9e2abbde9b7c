"""The column-mapping step of the import wizard: each sheet's first rows, and above every column a choice of
the field it holds (or "bỏ qua"), prefilled with the guess from its header, its values, or last time.

Thread contract: UI thread only.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xaapp.services.import_fields import FIELDS
from xaapp.services.import_read import SheetMapping, SheetPreview

SKIP = "— bỏ qua —"
SOURCES = {"header": "theo tiêu đề", "values": "đoán theo giá trị", "saved": "như lần trước"}


class MappingPage(QWidget):
    """Emits ``sig_apply`` with the officer's mapping, by sheet name."""

    sig_apply = Signal(dict)
    sig_back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._previews: list[SheetPreview] = []
        self._choices: dict[str, list[str | None]] = {}
        self._header_rows: dict[str, int] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._show_sheet)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 30)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.table = QTableWidget()
        self.table.verticalHeader().setVisible(False)
        self.apply_button = QPushButton(self.tr("Dùng cách ghép cột này"))
        self.apply_button.clicked.connect(self._apply)
        back = QPushButton(self.tr("Quay lại"))
        back.clicked.connect(self.sig_back.emit)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Trang tính:")))
        top.addWidget(self.sheet_combo, 1)
        top.addWidget(QLabel(self.tr("Dòng tiêu đề:")))
        top.addWidget(self.header_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Chọn cột.</b> Chọn trường cho từng cột (hoặc «bỏ qua»); cách ghép "
                                        "được lưu cho các tệp cùng mẫu lần sau.")))  # fmt: skip
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_previews(self, previews: tuple[SheetPreview, ...], message: str = "") -> None:
        self._previews = list(previews)
        self._choices = {p.sheet: list(p.guesses) for p in previews}
        self._header_rows = {p.sheet: p.header_row for p in previews}
        self.message.setText(message)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems([p.sheet for p in previews])
        self.sheet_combo.blockSignals(False)
        self._show_sheet(0)

    def combo(self, column: int) -> QComboBox:
        return self.table.cellWidget(0, column)  # type: ignore[return-value]

    def _preview(self) -> SheetPreview | None:
        index = self.sheet_combo.currentIndex()
        return self._previews[index] if 0 <= index < len(self._previews) else None

    def _show_sheet(self, _index: int) -> None:
        preview = self._preview()
        self.table.clear()
        if preview is None:
            return
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(self._header_rows[preview.sheet])
        self.header_spin.blockSignals(False)
        width = len(preview.headers)
        self.table.setColumnCount(width)
        self.table.setRowCount(1 + len(preview.sample))
        self.table.setHorizontalHeaderLabels([f"{get_column_letter(c + 1)}: {h}" for c, h in enumerate(preview.headers)])
        choices = self._choices[preview.sheet]
        for col in range(width):
            combo = QComboBox()
            combo.addItem(self.tr(SKIP), None)
            for key, (vi, _en, _names) in FIELDS.items():
                combo.addItem(vi, key)
            guess = choices[col] if col < len(choices) else None
            combo.setCurrentIndex(max(0, combo.findData(guess)) if guess else 0)
            source = preview.sources[col] if col < len(preview.sources) else ""
            if source:
                combo.setToolTip(self.tr(SOURCES[source]))
            combo.currentIndexChanged.connect(lambda _i, c=col, box=combo: self._chosen(c, box))
            self.table.setCellWidget(0, col, combo)
            for r, row in enumerate(preview.sample, start=1):
                self.table.setItem(r, col, QTableWidgetItem(row[col] if col < len(row) else ""))
        self.table.resizeColumnsToContents()

    def _chosen(self, column: int, box: QComboBox) -> None:
        preview = self._preview()
        if preview is not None:
            self._choices[preview.sheet][column] = box.currentData()

    def _header_changed(self, value: int) -> None:
        preview = self._preview()
        if preview is not None:
            self._header_rows[preview.sheet] = value

    def mapping(self) -> dict[str, SheetMapping]:
        return {sheet: SheetMapping(self._header_rows[sheet], {c: f for c, f in enumerate(fields) if f})
                for sheet, fields in self._choices.items() if any(fields)}  # fmt: skip

    def _apply(self) -> None:
        self.sig_apply.emit(self.mapping())
