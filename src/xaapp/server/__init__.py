"""The reference central endpoint: FastAPI + SQLAlchemy, SQLite by default, PostgreSQL by URL.

``app.create_app`` builds the HTTP API; ``admin`` holds what the ``xaapp server`` commands do
(enroll codes, revoke, stats, import sync files). Never imports Qt or the desktop UI.
"""
