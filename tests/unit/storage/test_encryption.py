"""The data file encrypted with SQLCipher: passphrase and recovery code, backups, migrations, all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xaapp.errors import KnownError
from xaapp.storage import cipher, data_key, device_secret
from xaapp.storage.backup import backup_file, daily_backup
from xaapp.storage.db import DataLocked, is_locked, open_database
from xaapp.storage.encryption import decrypt_data, encrypt_data
from xaapp.storage.migrations.runner import HEAD, schema_version
from xaapp.storage.orm import AdminUnit
from xaapp.storage.sync_outbox import get_state, set_state

PASS = "Bá Thước 2025"
NAME = "Xã Bá Thước mã hóa"
V1_FIXTURE = Path(__file__).resolve().parents[2] / "data" / "db_v1.sqlite"


def _plain_folder(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.session() as s:
        s.add(AdminUnit(code="14923", name=NAME, kind="xa", name_folded="xa ba thuoc ma hoa"))
        set_state(s, "device_token", device_secret.seal(data_dir, "token-of-this-laptop"))
    daily_backup(db.path, data_dir / "backups")  # a plain copy from before
    db.close()


def _name(data_dir: Path, key: bytes | None) -> str:
    db = open_database(data_dir, key)
    try:
        with db.read() as s:
            return s.get(AdminUnit, "14923").name  # type: ignore[union-attr]
    finally:
        db.close()


def test_encrypted_file_opens_with_the_passphrase_or_the_recovery_code_only(tmp_path: Path) -> None:
    _plain_folder(tmp_path)
    new = encrypt_data(tmp_path, PASS)
    path = tmp_path / "xaapp.db"
    assert is_locked(tmp_path)
    assert NAME.encode("utf-8") not in path.read_bytes()  # nothing readable on the disk
    with pytest.raises(DataLocked, match="mã hóa"):
        open_database(tmp_path)
    key = data_key.unlock(tmp_path, path, PASS)
    assert _name(tmp_path, key) == NAME
    # the passphrase typed in decomposed Unicode (some keyboards) is the same passphrase
    import unicodedata

    assert data_key.unlock(tmp_path, path, unicodedata.normalize("NFD", PASS)) == key
    # the recovery code as copied by hand: lower case, no dashes, O for 0 and l for 1
    typed = new.recovery_code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert data_key.unlock(tmp_path, path, typed) == key
    # it opens without the key file too (another computer, a restored backup)
    data_key.key_file(tmp_path).unlink()
    assert data_key.unlock(tmp_path, path, new.recovery_code) == key
    with pytest.raises(KnownError) as wrong:
        data_key.unlock(tmp_path, path, PASS)
    assert "Mật khẩu dữ liệu hoặc mã khôi phục không đúng" in wrong.value.message_vi


def test_a_wrong_passphrase_or_code_is_refused_with_a_vietnamese_message(tmp_path: Path) -> None:
    _plain_folder(tmp_path)
    new = encrypt_data(tmp_path, PASS)
    path = tmp_path / "xaapp.db"
    other = data_key.new_key().recovery_code
    assert other != new.recovery_code
    for attempt in ("bá thước 2025", "", other, "ABCD"):
        with pytest.raises(KnownError) as info:
            data_key.unlock(tmp_path, path, attempt)
        assert "không đúng" in info.value.message_vi and "wrong" in info.value.message_en
    assert cipher.is_encrypted(path)  # and the file untouched
    assert _name(tmp_path, data_key.unlock(tmp_path, path, PASS)) == NAME


def test_backups_old_and_new_are_encrypted_under_the_same_key(tmp_path: Path) -> None:
    _plain_folder(tmp_path)
    encrypt_data(tmp_path, PASS)
    backups = sorted((tmp_path / "backups").glob("*.db"))
    assert {p.name.split("-")[1] for p in backups} == {
        "daily",
        "before",
    }  # the old daily copy and before-encrypt
    key = data_key.unlock(tmp_path, tmp_path / "xaapp.db", PASS)
    db = open_database(tmp_path, key)
    made = [backup_file(db.path, tmp_path / "backups", "manual", db.key)]
    made.append(daily_backup(db.path, tmp_path / "elsewhere", key=db.key))  # type: ignore[arg-type]
    db.close()
    for copy in backups + made:
        assert cipher.is_encrypted(copy), copy
        assert NAME.encode("utf-8") not in copy.read_bytes()
        restored = tmp_path / "restored"
        shutil.rmtree(restored, ignore_errors=True)
        restored.mkdir()
        shutil.copy(copy, restored / "xaapp.db")
        assert _name(restored, key) == NAME


def test_device_token_stays_sealed_and_usable_inside_the_encrypted_file(tmp_path: Path) -> None:
    _plain_folder(tmp_path)
    encrypt_data(tmp_path, PASS)
    db = open_database(tmp_path, data_key.unlock(tmp_path, tmp_path / "xaapp.db", PASS))
    with db.read() as s:
        stored = get_state(s, "device_token")
    db.close()
    assert stored is not None and device_secret.is_sealed(stored)
    assert device_secret.unseal(tmp_path, stored) == "token-of-this-laptop"


def test_an_old_encrypted_file_is_upgraded_and_its_pre_upgrade_copy_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "xaapp.db"
    shutil.copy(V1_FIXTURE, path)
    new = data_key.new_key()
    cipher.rewrite(path, None, new.key)
    assert cipher.is_encrypted(path) and schema_version(path, new.key) == 1
    db = open_database(tmp_path, new.key)
    assert db.migration.from_version == 1 and db.migration.to_version == HEAD
    assert db.migration.backup is not None and cipher.is_encrypted(db.migration.backup)
    with db.read() as s:
        assert s.query(AdminUnit).count() >= 0  # the upgraded schema answers through SQLAlchemy
    db.close()
    assert schema_version(path, new.key) == HEAD


def test_a_failed_rewrite_leaves_the_file_as_it_was_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plain_folder(tmp_path)
    path = tmp_path / "xaapp.db"
    before = path.read_bytes()
    calls = []

    def counts(conn: object, schema: str = "main") -> dict[str, int]:
        calls.append(schema)
        return {"admin_unit": len(calls)}  # the copy "differs"

    monkeypatch.setattr(cipher, "_table_counts", counts)
    with pytest.raises(RuntimeError, match="differs"):
        encrypt_data(tmp_path, PASS)
    assert path.read_bytes() == before and not cipher.is_encrypted(path)
    assert not list(tmp_path.glob("*.rewriting*"))
    monkeypatch.undo()
    assert _name(tmp_path, None) == NAME


def test_decrypt_brings_back_a_plain_file_after_an_encrypted_copy(tmp_path: Path) -> None:
    _plain_folder(tmp_path)
    new = encrypt_data(tmp_path, PASS)
    with pytest.raises(KnownError, match="không đúng"):
        decrypt_data(tmp_path, "not the passphrase")
    assert cipher.is_encrypted(tmp_path / "xaapp.db")
    copy = decrypt_data(tmp_path, new.recovery_code)
    assert not is_locked(tmp_path)
    assert _name(tmp_path, None) == NAME
    assert cipher.is_encrypted(copy)
    assert _name_from_copy(copy, tmp_path / "r", PASS, tmp_path) == NAME
    with pytest.raises(KnownError, match="không được mã hóa"):
        decrypt_data(tmp_path, PASS)


def _name_from_copy(copy: Path, folder: Path, passphrase: str, key_dir: Path) -> str:
    folder.mkdir()
    shutil.copy(copy, folder / "xaapp.db")
    return _name(folder, data_key.unlock(key_dir, folder / "xaapp.db", passphrase))


def test_passphrase_rules() -> None:
    with pytest.raises(KnownError, match="ít nhất 8"):
        data_key.check_passphrase("ngắn", "ngắn")
    with pytest.raises(KnownError, match="không khớp"):
        data_key.check_passphrase("đủ dài rồi", "đủ dài rồi!")
    data_key.check_passphrase("đủ dài rồi", "đủ dài rồi")
