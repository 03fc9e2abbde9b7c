"""`python -m xaapp` runs the same entry point as the `xaapp` command (or, started by the app itself with
``XAAPP_PDF_WORKER=1``, writes one PDF: ``xaapp.ui.pdf_process``)."""

import os

if os.environ.get("XAAPP_PDF_WORKER") == "1":
    from xaapp.ui.pdf_process import child_main

    raise SystemExit(child_main())

from xaapp.cli import main  # noqa: E402

raise SystemExit(main())
