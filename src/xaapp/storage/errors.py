"""Tell environment failures (disk full, read-only, locked, corrupt) from bugs, with a message to act on."""

from __future__ import annotations

from pathlib import Path

from xaapp.errors import KnownError

_KNOWN = (
    (
        "disk is full",
        "Ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại; dữ liệu đã lưu không bị mất.",
        "The disk is full. Free some space and try again; saved data is safe.",
    ),
    (
        "readonly",
        "Không ghi được vào tệp dữ liệu (chỉ đọc). Hãy kiểm tra quyền ghi của thư mục dữ liệu.",
        "The data file is read-only. Check write permission on the data folder.",
    ),
    (
        "database is locked",
        "Tệp dữ liệu đang bị một chương trình khác giữ. Hãy đóng các cửa sổ xaapp khác rồi thử lại.",
        "The data file is locked by another program. Close other xaapp windows and try again.",
    ),
    (
        "file is not a database",
        "Tệp dữ liệu bị hỏng hoặc không phải tệp của xaapp. Hãy khôi phục từ bản sao lưu.",
        "The data file is damaged or not an xaapp file. Restore it from a backup.",
    ),
    (
        "malformed",
        "Tệp dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu trong thư mục backups.",
        "The data file is damaged. Restore it from a copy in the backups folder.",
    ),
)


def translate_db_error(exc: BaseException, path: Path) -> BaseException:
    """Return a KnownError for environment failures; the original exception for anything else (a bug)."""
    text = str(exc).lower()
    for needle, vi, en in _KNOWN:
        if needle in text:
            return KnownError(f"{vi} ({path})", f"{en} ({path})")
    return exc
