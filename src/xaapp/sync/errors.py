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


class TokenExpired(AuthError):
    """The server says the device token has expired (401 ``token_expired``)."""

    code = "token_expired"

    def __init__(self, detail: str = "") -> None:
        SyncError.__init__(
            self,
            "Mã truy cập của máy này đã hết hạn. Hãy xin tỉnh một mã đăng ký mới rồi chạy lại «Đăng ký máy» "
            "(dữ liệu trên máy vẫn giữ nguyên và sẽ được gửi sau khi đăng ký).",
            "This computer's access token has expired. Ask the province for a new enrollment code and enroll "
            "again (the data on this computer is kept and will be sent after enrolling).",
            detail,
        )


class TokenUnreadable(SyncError):
    """The sealed token cannot be opened: the key file is missing or belongs to another copy."""

    code = "token_unreadable"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không mở được mã truy cập của máy này (thiếu tệp khóa trong thư mục keys, có thể dữ liệu được "
            "chép từ máy khác). Hãy xin tỉnh mã đăng ký mới rồi đăng ký lại.",
            "This computer's access token cannot be opened (the key file in the keys folder is missing; the "
            "data may have been copied from another computer). Ask the province for a new code and enroll again.",
            detail,
        )


class InsecureServerError(SyncError):
    """A plain ``http://`` address of a machine other than this one, not explicitly allowed."""

    code = "insecure_http"

    def __init__(self, url: str) -> None:
        super().__init__(
            f"Địa chỉ máy chủ {url} không mã hóa (http://): mã truy cập và dữ liệu hộ dân sẽ đi qua mạng "
            "dưới dạng chữ thường. Hãy dùng địa chỉ https:// do tỉnh cung cấp, hoặc nếu chắc chắn đây là "
            "mạng nội bộ an toàn, đánh dấu «Cho phép http không mã hóa» khi đăng ký máy "
            "(dòng lệnh: --allow-insecure-http).",
            f"The server address {url} is not encrypted (http://): the access token and household data would "
            "cross the network in clear. Use the https:// address the province gave you or, if you are sure "
            "this is a safe internal network, tick «Cho phép http không mã hóa» (allow unencrypted http) when "
            "enrolling (command line: --allow-insecure-http).",
            url,
        )


class CertificateError(SyncError):
    """The server's TLS certificate is not trusted, or differs from the one pinned at enrollment."""

    code = "certificate"

    def __init__(self, detail: str = "", *, changed: bool = False) -> None:
        if changed:
            vi = (
                "Chứng chỉ bảo mật của máy chủ khác với chứng chỉ đã ghi nhận khi đăng ký: có thể có kẻ mạo "
                "danh máy chủ tỉnh. Không gửi dữ liệu. Nếu tỉnh báo đã thay chứng chỉ, hãy chạy "
                "«xaapp sync --repin-certificate» (hoặc nút «Nhận chứng chỉ mới»)."
            )
            en = (
                "The server's security certificate differs from the one recorded at enrollment: someone may be "
                "impersonating the province server. Nothing was sent. If the province says it replaced its "
                "certificate, run «xaapp sync --repin-certificate» (or the «Accept new certificate» button)."
            )
        else:
            vi = (
                "Không xác minh được chứng chỉ bảo mật của máy chủ tỉnh. Hãy kiểm tra địa chỉ, hoặc dùng "
                "--ca-file với tệp chứng chỉ do tỉnh cung cấp."
            )
            en = (
                "The province server's security certificate cannot be verified. Check the address, or use "
                "--ca-file with the certificate file the province gave you."
            )
        super().__init__(vi, en, detail)
        if changed:
            self.code = "certificate_changed"


class SyncInProgress(SyncError):
    """Another sync (another window or command) is already working on this data folder."""

    code = "sync_in_progress"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Một lần đồng bộ khác đang chạy trên thư mục dữ liệu này (cửa sổ khác hoặc lệnh khác). Hãy đợi "
            "nó xong rồi thử lại.",
            "Another sync is already running on this data folder (another window or command). Wait for it "
            "to finish, then try again.",
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
