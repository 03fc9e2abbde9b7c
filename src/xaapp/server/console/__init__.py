"""The supervisor console: web pages at ``/console`` for province and district staff.

``routes`` and ``routes_admin`` (FastAPI, server-rendered Jinja2 pages, no JavaScript), ``auth``
and ``accounts`` (console accounts, sessions, CSRF, login backoff), ``audit`` (who did what),
``projection`` and ``tally`` (the read model the pages count from), ``queries`` and ``tables``
(what the pages show, the yearly tables and their Excel file). See docs/console.md.
"""
