"""Sync failures, each with a code, a Vietnamese and an English message, and whether a retry can help.

Only *transient* errors (network, 5xx, 429) are retried by the engine; the others stop the run and
are shown to the officer with what to do. Messages never carry a token or a traceback.
"""

from __future__ import annotations

from xaapp.errors import KnownError


class SyncError(KnownError):
    """Base class. ``code`` is stable (for logs, JSON output and the UI); ``transient`` says retry may help."""

    code = "sync"
    transient = False

    def __init__(self, message_vi: str, message_en: str, detail: str = "") -> None:
        super().__init__(message_vi, message_en)
        self.detail = detail  # technical detail for the log (never a secret)

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "vi": self.message_vi, "en": self.message_en, "detail": self.detail}


class TransientError(SyncError):
    transient = True
    retry_after: float | None = None


class OfflineError(TransientError):
    code = "offline"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không kết nối được máy chủ tỉnh (mạng yếu hoặc mất mạng). Dữ liệu vẫn an toàn trên máy; "
            "hãy đồng bộ lại khi có mạng.",
            "Cannot reach the province server (weak or no network). Your data is safe on this computer; "
            "sync again when the network is back.",
            detail,
        )


class ServerError(TransientError):
    code = "server"

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(
            f"Máy chủ tỉnh đang gặp lỗi (mã {status}). Dữ liệu vẫn an toàn trên máy; hãy thử lại sau.",
            f"The province server has a problem (status {status}). Your data is safe; try again later.",
            detail,
        )
        self.status = status


class RateLimited(TransientError):
    code = "busy"

    def __init__(self, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(
            "Máy chủ tỉnh đang bận. Ứng dụng sẽ tự thử lại.",
            "The province server is busy. The app will try again.",
            detail,
        )
        self.retry_after = retry_after


class AuthError(SyncError):
    code = "auth"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Máy này chưa được cấp quyền hoặc quyền đã bị thu hồi. Hãy xin mã đăng ký mới của tỉnh "
            "rồi chạy lại «Đăng ký máy».",
            "This computer is not enrolled or its access was revoked. Ask the province for a new "
            "enrollment code and enroll again.",
            detail,
        )


class ForbiddenError(SyncError):
    code = "forbidden"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Máy này không có quyền với dữ liệu của xã khác.",
            "This computer may not access another commune's data.",
            detail,
        )


class EnrollmentError(SyncError):
    code = "enrollment"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Hãy xin tỉnh một mã mới.",
            "The enrollment code is wrong, already used or expired. Ask the province for a new one.",
            detail,
        )


class NotEnrolledError(SyncError):
    code = "not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "Máy này chưa đăng ký với máy chủ tỉnh. Hãy chạy «xaapp enroll» với mã do tỉnh cấp.",
            "This computer is not enrolled with the province server. Run «xaapp enroll» with the code "
            "the province gave you.",
        )


class ProtocolError(SyncError):
    code = "protocol"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Phiên bản ứng dụng và máy chủ tỉnh không khớp, hoặc máy chủ trả lời sai. Hãy cập nhật xaapp "
            "hoặc báo cán bộ CNTT của tỉnh.",
            "The app and the province server do not match, or the server answered wrongly. Update xaapp "
            "or tell the province IT officer.",
            detail,
        )


class RequestTooLarge(SyncError):
    code = "too_large"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Gói dữ liệu quá lớn so với giới hạn của máy chủ.",
            "The data package is larger than the server accepts.",
            detail,
        )


class SyncFileError(SyncError):
    """A sync file that cannot be imported: unreadable, tampered, replayed, unknown device."""

    def __init__(self, code: str, message_vi: str, message_en: str, detail: str = "") -> None:
        super().__init__(message_vi, message_en, detail)
        self.code = code


class Cancelled(SyncError):
    code = "cancelled"

    def __init__(self) -> None:
        super().__init__(
            "Đã dừng đồng bộ theo yêu cầu. Phần đã gửi được giữ lại; lần sau sẽ tiếp tục.",
            "Sync stopped as asked. What was sent is kept; the next sync continues from there.",
        )
