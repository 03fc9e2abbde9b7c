"""The app's look that the platform style leaves too faint: a focus frame the officer sees at a glance.

Fusion and Windows draw keyboard focus as a thin dotted line or a faint tint, easy to lose on a
laptop screen in a bright room; an officer working by keyboard must always see where the next key
goes. One application style sheet gives every kind of field a clear blue frame (tick boxes and
buttons a blue tint and frame) while it has the focus. Sizes stay those of the unfocused widget
(the frame replaces the border, it does not add to it), so nothing moves when the cursor does.

A read-only form (a finalised review) keeps its answers in the normal text colour on a grey field
(``read_only_style``) instead of the pale grey of a disabled one, which is hard to read.

Thread contract: UI thread only.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

FOCUS_COLOUR = "#1a5fd0"
FOCUS_TINT = "#dce8fb"

#: Marks the rules in the application's style sheet, so they are added once.
_MARK = "/* xaapp focus frame */"

FOCUS_STYLE = f"""{_MARK}
QLineEdit:focus, QSpinBox:focus, QDateEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {FOCUS_COLOUR}; border-radius: 3px;
}}
QComboBox:focus {{ border: 2px solid {FOCUS_COLOUR}; border-radius: 3px; padding: 1px 18px 1px 4px; }}
QCheckBox:focus, QRadioButton:focus {{
    background: {FOCUS_TINT}; border: 1px solid {FOCUS_COLOUR}; border-radius: 3px;
}}
QPushButton:focus {{
    background: {FOCUS_TINT}; border: 2px solid {FOCUS_COLOUR}; border-radius: 3px; padding: 3px 10px;
}}
QTableView:focus, QListView:focus, QTreeView:focus, QTextBrowser:focus {{ border: 2px solid {FOCUS_COLOUR}; }}
QTabBar::tab:focus {{ background: {FOCUS_TINT}; }}
"""


def install_focus_style(app: QApplication | None = None) -> None:
    """Add the focus frame to the application's style sheet (once; other rules are kept)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or _MARK in app.styleSheet():
        return
    app.setStyleSheet(f"{app.styleSheet()}\n{FOCUS_STYLE}".strip())


def read_only_style() -> str:
    """Style of a read-only form's fields: answers in the normal text colour, on a read-only grey."""
    text = QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text).name()
    return (
        f"QLineEdit:disabled, QComboBox:disabled, QCheckBox:disabled, QLabel:disabled {{ color: {text}; }}"
        " QLineEdit:disabled, QComboBox:disabled { background: #eeeeee; border: 1px solid #c8c8c8;"
        " padding: 2px; }"
    )
