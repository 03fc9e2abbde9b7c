"""The central database's schema goes through Alembic revisions, on SQLite and PostgreSQL: a new
database and one the old hand-written runner left at any of its versions (with data) reach the head
revision and then equal the models; a database newer than the code and a downgrade are refused."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from support.legacy_server_schema import fresh_by_the_old_runner, legacy_database
from xaapp.errors import KnownError
from xaapp.server import admin, attachment_store, review_loop, schema, yearly_report
from xaapp.server.console.schema import metadata as console_metadata
from xaapp.server.database import make_engine

MIGRATIONS = Path(schema.__file__).with_name("migrations")
HEAD = schema.head_revision()


#: Indexes on an expression whose SQL differs by dialect (JSON access): they live in their revision only,
#: not in the models, and SQLite's reflection skips them anyway (revision 0009).
EXPRESSION_INDEXES = {"ix_record_household_village_code"}


def _expression_index(diff: object) -> bool:
    return isinstance(diff, tuple) and diff[0] == "remove_index" and diff[1].name in EXPRESSION_INDEXES


def differences(conn) -> list:  # noqa: ANN001
    found = compare_metadata(
        MigrationContext.configure(conn),
        [
            schema.metadata,
            console_metadata,
            review_loop.metadata,
            attachment_store.metadata,
            yearly_report.metadata,
        ],
    )
    return [d for d in found if not _expression_index(d)]


def test_a_new_database_reaches_the_head_and_equals_the_models(server_db_url: str) -> None:
    engine = make_engine(server_db_url)
    with engine.begin() as conn:
        assert schema.migrate(conn) == (None, HEAD)
    with engine.begin() as conn:
        assert schema.migrate(conn) == (HEAD, HEAD)  # the next start changes nothing
        assert differences(conn) == []
        assert conn.scalar(select(schema.counter.c.value).where(schema.counter.c.name == "reference")) == 0
    engine.dispose()


@pytest.mark.parametrize("version", sorted(schema.LEGACY_VERSIONS))
def test_a_database_of_the_old_runner_upgrades_with_its_data(server_db_url: str, version: int) -> None:
    engine = make_engine(server_db_url)
    with engine.begin() as conn:
        legacy_database(conn, version)
        conn.execute(
            text(
                "INSERT INTO record (uuid, entity, commune_code, revision, hash, op, data, seq, device_id, received_at)"
                " VALUES ('u-1', 'household', '14923', 3, 'h', 'upsert', '{\"address\": \"Thôn Đông\"}', 7, 'd-1', :at)"
            ),
            {"at": datetime(2025, 6, 1)},
        )
        conn.execute(
            text(
                "INSERT INTO device (id, commune_code, token_hash, signing_key, label, enrolled_at)"
                " VALUES ('d-1', '14923', :hash, '', 'Máy xã', :at)"
            ),
            {"hash": "a" * 64, "at": datetime(2025, 1, 1)},
        )
    with engine.begin() as conn:
        assert schema.migrate(conn) == (schema.LEGACY_VERSIONS[version], HEAD)
    with engine.begin() as conn:
        assert differences(conn) == []
        assert schema.schema_revision(conn) == HEAD
        marker = select(schema.server_meta.c.value).where(schema.server_meta.c.key == "schema_version")
        assert conn.scalar(marker) is None  # one record of the version: alembic_version
        assert conn.execute(select(schema.record.c.uuid, schema.record.c.seq, schema.record.c.data)).one() == (
            "u-1", 7, '{"address": "Thôn Đông"}'
        )  # fmt: skip
        row = conn.execute(select(schema.device)).one()
        # revision 0002 gives devices enrolled before it a year; later ones got theirs when enrolled
        assert row.label == "Máy xã" and (row.token_expires_at is not None) == (version == 1)
    engine.dispose()


def test_a_database_the_old_runner_created_fresh_is_taken_as_it_is(server_db_url: str) -> None:
    engine = make_engine(server_db_url)
    with engine.begin() as conn:
        fresh_by_the_old_runner(conn)
    with engine.begin() as conn:
        assert schema.migrate(conn) == ("0004", HEAD)
        assert differences(conn) == []
    engine.dispose()


def test_a_database_newer_than_this_xaapp_is_refused(server_db_url: str) -> None:
    engine = make_engine(server_db_url)
    with engine.begin() as conn:
        schema.migrate(conn)
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(KnownError, match="newer than this xaapp"), engine.begin() as conn:
        schema.migrate(conn)
    with engine.begin() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999"  # left as it was
    engine.dispose()


def test_a_version_of_the_old_runner_this_xaapp_does_not_know_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    with engine.begin() as conn:
        legacy_database(conn, 4)
        conn.execute(text("UPDATE server_meta SET value = '9' WHERE key = 'schema_version'"))
    with pytest.raises(KnownError, match="newer than this xaapp"), engine.begin() as conn:
        schema.migrate(conn)
    engine.dispose()


def test_a_downgrade_is_refused_and_changes_nothing(server_db_url: str) -> None:
    engine = make_engine(server_db_url)
    with engine.begin() as conn:
        schema.migrate(conn)
    with pytest.raises(RuntimeError, match="never downgraded"), engine.begin() as conn:
        command.downgrade(schema._config(conn), "0003")
    with engine.begin() as conn:
        assert schema.schema_revision(conn) == HEAD and differences(conn) == []
    engine.dispose()


def test_server_run_upgrades_an_old_database_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        legacy_database(conn, 2)
    engine.dispose()
    admin.prepare(url, str(tmp_path / "server.key"))  # what `xaapp server run` does before serving
    engine = make_engine(url)
    with engine.connect() as conn:
        assert schema.schema_revision(conn) == HEAD
    engine.dispose()


def test_revisions_are_spelled_out_and_import_nothing_of_xaapp() -> None:
    files = sorted((MIGRATIONS / "versions").glob("0*.py"))
    assert [f.name[:4] for f in files] == [f"{n:04d}" for n in range(1, len(files) + 1)]
    assert files[-1].name.startswith(HEAD)
    for path in [*files, MIGRATIONS / "env.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in modules if m.split(".")[0] == "xaapp"], path.name
        assert "create_all" not in path.read_text(encoding="utf-8"), path.name
