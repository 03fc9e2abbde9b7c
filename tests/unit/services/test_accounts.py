"""Accounts: first-run setup, login, and passwords that never reach the disk in clear."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from xaapp.domain import passwords
from xaapp.domain.passwords import hash_password, verify_password
from xaapp.domain.roles import Role, allows
from xaapp.errors import KnownError
from xaapp.services.accounts import authenticate, complete_setup, create_user, needs_setup
from xaapp.services.reference import read_units_csv, search_units
from xaapp.storage.db import Database, open_database

PASSWORD = "Mật-khẩu-2026"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(tmp_path)


def test_first_run_needs_setup_until_commune_and_admin_exist(db: Database) -> None:
    assert needs_setup(db)
    user = complete_setup(db, "14923", "admin", "Hà Văn Tuấn", PASSWORD)
    assert user.role == Role.ADMIN
    assert not needs_setup(db)


def test_login_with_the_right_password_works_and_a_wrong_one_is_refused(db: Database) -> None:
    complete_setup(db, "14923", "admin", "Hà Văn Tuấn", PASSWORD)
    assert authenticate(db, "Admin ", PASSWORD).full_name == "Hà Văn Tuấn"
    with pytest.raises(KnownError) as info:
        authenticate(db, "admin", PASSWORD + "x")
    assert info.value.message_vi == "Sai tên đăng nhập hoặc mật khẩu."
    with pytest.raises(KnownError):
        authenticate(db, "nobody", PASSWORD)


def test_the_password_is_never_stored_in_clear(db: Database, tmp_path: Path) -> None:
    complete_setup(db, "14923", "admin", "Hà Văn Tuấn", PASSWORD)
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("xaapp.db*"))
    assert PASSWORD.encode() not in raw
    assert b"scrypt$" in raw
    log = tmp_path / "logs" / "xaapp.log"
    assert not log.exists() or PASSWORD not in log.read_text(encoding="utf-8")


def test_scrypt_hashes_are_salted_and_verify() -> None:
    first, second = hash_password("bí mật 123"), hash_password("bí mật 123")
    assert first != second
    assert verify_password("bí mật 123", first) and not verify_password("bí mật 124", first)
    assert not verify_password("x", "not-a-hash")


@pytest.mark.real_password_cost
def test_new_hashes_use_at_least_the_owasp_scrypt_cost() -> None:
    _scheme, n, r, p, _salt, _digest = hash_password("bí mật 123").split("$")
    assert int(n) >= 2**17 and int(r) >= 8 and int(p) >= 1


def test_an_older_cheaper_hash_is_upgraded_at_the_next_login(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "N", 2**10)
    complete_setup(db, "14923", "admin", "Hà Văn Tuấn", PASSWORD)
    monkeypatch.setattr(passwords, "N", 2**12)
    authenticate(db, "admin", PASSWORD)
    with db.read() as s:
        stored = s.execute(text("select password_hash from user_account where username = 'admin'")).scalar_one()
    assert stored.split("$")[1] == str(2**12)
    assert authenticate(db, "admin", PASSWORD).username == "admin"


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [("ab", PASSWORD, "3–40 ký tự"), ("Nguyễn", PASSWORD, "không dấu"), ("thu", "ngan", "ít nhất 8")],
)
def test_bad_account_input_gets_a_vietnamese_message(
    db: Database, username: str, password: str, message: str
) -> None:
    with pytest.raises(KnownError) as info:
        create_user(db, username, "Lê Thị Thu", password, Role.OFFICER)
    assert message in info.value.message_vi


def test_unknown_commune_is_refused(db: Database) -> None:
    with pytest.raises(KnownError, match="99999"):
        complete_setup(db, "99999", "admin", "Hà Văn Tuấn", PASSWORD)


def test_role_order() -> None:
    assert allows(Role.ADMIN, Role.APPROVER) and allows(Role.APPROVER, Role.OFFICER)
    assert not allows(Role.OFFICER, Role.APPROVER)


def test_commune_search_ignores_accents_and_case() -> None:
    units = read_units_csv()
    assert len(units) == 166
    assert [u.name for u in search_units(units, "ba thuoc")] == ["Xã Bá Thước"]
    assert [u.code for u in search_units(units, "DONG SON")] == ["16378"]
    assert len(search_units(units, "phường")) == 19
