"""`python -m xaapp` runs the same entry point as the `xaapp` command."""

from xaapp.cli import main

raise SystemExit(main())
