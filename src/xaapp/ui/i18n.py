"""Interface language: Vietnamese is the source language of every UI string; English is a translation.

Deviation from the usual Qt habit (English source, translated to the local language): the officers'
language is Vietnamese, so the interface must be Vietnamese even if a translation file is missing.
``resources/i18n/xaapp_en.ts`` holds the English translation (edit with Qt Linguist, refresh with
``pyside6-lupdate``); its compiled ``.qm`` is built by ``tools/build_translations.py``, or on first
use from a checkout when the .qm is missing.

Qt ships no Vietnamese translation of its own strings (OK/Cancel, the file dialog, context menus, print
preview), so ``resources/i18n/qt_vi.ts`` carries one; it is installed whenever the interface is Vietnamese.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from xaapp.paths import resource

logger = logging.getLogger(__name__)
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
_installed: list[QTranslator] = []


def qm_path(language: str, catalog: str = "xaapp") -> Path:
    return resource("i18n", f"{catalog}_{language}.qm")


def compile_translation(language: str, catalog: str = "xaapp") -> Path | None:
    """Build the .qm from the .ts with pyside6-lrelease when it is missing or older (checkouts).
    *catalog* is ``xaapp`` (the app's own strings) or ``qt`` (Qt's strings)."""
    ts, qm = resource("i18n", f"{catalog}_{language}.ts"), qm_path(language, catalog)
    if not ts.exists():
        return qm if qm.exists() else None
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    import subprocess  # only when a checkout's .qm is missing or older than its .ts

    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    try:
        subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("could not compile %s: %s", ts, exc)
        return qm if qm.exists() else None
    return qm


def install_language(language: str) -> str:
    """Install the translator for *language* ("vi" or "en"); returns the language in effect."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
    if language == "vi":
        qm = compile_translation("vi", "qt")
        qt_strings = QTranslator(app)
        if qm is not None and qt_strings.load(str(qm)):
            app.installTranslator(qt_strings)  # OK/Cancel, file dialog, context menus … in Vietnamese
            _installed.append(qt_strings)
        else:
            logger.warning("no Vietnamese translation of Qt's own strings found")
        return language
    qm = compile_translation(language)
    translator = QTranslator(app)
    if qm is not None and translator.load(str(qm)):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        logger.warning("no %s translation found; the interface stays in Vietnamese", language)
    return language


def current_language() -> str:
    return "vi" if not _installed or QLocale().language() == QLocale.Language.Vietnamese else "en"


def localized(exc: Exception) -> str:
    """The message of a KnownError in the interface language (Vietnamese unless English is chosen)."""
    vi = getattr(exc, "message_vi", str(exc))
    en = getattr(exc, "message_en", "") or vi
    return en if current_language() == "en" else vi
