"""Write a list as PDF in a child process, so the window stays responsive however long the list.

Qt's HTML parsing, layout, painting and PDF writing keep Python's interpreter lock for the whole of
each call (a page's layout or painting: 20–100 ms; closing the PDF, which embeds the fonts: as much
again). Run on a thread of the app, each such call freezes the UI thread as long (bench/bench_desktop.py
measured 52 ms at 20,000 households and 98 ms at 100,000). A child process has its own interpreter
lock, and uses the second core.

The parent (a plain worker thread of the task runner) starts ``python -m xaapp`` (or the bundled
executable itself) with ``XAAPP_PDF_WORKER=1``, writes the pickled ``ListDocument`` and the target path
to its stdin (no temporary file holds the personal data), and reads one line per page painted
("page 3 93"), then "done 93". Stopping kills the child; ``write_pdf`` writes to ``<name>.part`` and
renames at the end, so nothing is left at the target. A ``KnownError`` in the child comes back as one
("error" and the two messages as JSON); anything else is an error with the child's stderr attached.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xaapp.errors import KnownError

ENV_FLAG = "XAAPP_PDF_WORKER"


def child_command() -> list[str]:
    """How to start this program again as the PDF worker."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the executable is the app
        exe = Path(sys.executable)
        console = exe.with_name("xaapp-cli.exe")  # on Windows, the console twin has working std handles
        return [str(console if console.exists() else exe)]
    return [sys.executable, "-m", "xaapp"]


def write_pdf_in_child(doc: Any, path: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Write *doc* as a PDF at *path* in a child process; returns its pages. *progress(done, total)* is
    called after each page and may raise to stop (the child is then killed, nothing is left at *path*)."""
    env = {**os.environ, ENV_FLAG: "1", "QT_QPA_PLATFORM": "offscreen"}
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=env,
            creationflags=flags,
        )  # fmt: skip
        try:
            assert child.stdin is not None and child.stdout is not None
            try:
                # Straight into the pipe: the pickler hands it a frame (64 KB) at a time, each write
                # letting go of the interpreter lock (one ``pickle.dumps`` of 8,000 rows held it 30 ms).
                pickle.dump((doc, str(path)), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                child.stdin.close()
            except BrokenPipeError:
                pass  # the child died at start: its stderr says why, below
            pages, failure = 0, None
            for raw in child.stdout:
                word, _, rest = raw.decode("utf-8").strip().partition(" ")
                if word == "page" and progress is not None:
                    done, total = (int(x) for x in rest.split())
                    progress(done, total)
                elif word == "done":
                    pages = int(rest)
                elif word == "error":
                    failure = json.loads(rest)
            code = child.wait()
        except BaseException:
            child.kill()
            child.wait()
            Path(str(path) + ".part").unlink(missing_ok=True)
            raise
        if failure is not None:
            raise KnownError(failure["vi"], failure["en"])
        if code != 0 or not pages:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace")[-3000:]
            raise RuntimeError(f"the PDF worker process failed (exit status {code}):\n{detail}")
        return pages


def child_main() -> int:
    """The child's side: read the job from stdin, write the PDF, report pages on stdout."""
    from PySide6.QtGui import QGuiApplication

    doc, path = pickle.loads(sys.stdin.buffer.read())
    out = sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # fonts need a GUI application
    from xaapp.ui.printing import write_pdf

    try:
        pages = write_pdf(doc, Path(path), lambda done, total: say(f"page {done} {total}"))
    except KnownError as exc:
        say("error " + json.dumps({"vi": exc.message_vi, "en": exc.message_en}, ensure_ascii=False))
        return 2
    del app
    say(f"done {pages}")
    return 0
