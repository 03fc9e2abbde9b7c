"""Problems found in a form workbook (for `forms check`) and the exceptions that carry them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xaapp.errors import KnownError
from xaapp.forms_engine.messages import message

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in a workbook: where (``survey!D14``), what (a code + parameters), how bad."""

    code: str
    where: str
    severity: str = ERROR
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "vi") -> str:
        return message(self.code, lang, **dict(self.params))

    def text(self) -> str:
        """``survey!D14: <vi> / <en>`` — the line `forms check` prints."""
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message('vi')} / {self.message('en')}"

    def as_dict(self) -> dict[str, object]:
        return {
            "where": self.where,
            "severity": self.severity,
            "code": self.code,
            "message_vi": self.message("vi"),
            "message_en": self.message("en"),
            "params": {k: v for k, v in self.params},
        }


def problem(code: str, where: str, severity: str = ERROR, **params: object) -> Problem:
    return Problem(code, where, severity, tuple(sorted(params.items())))


class ExpressionError(Exception):
    """A syntax or evaluation error in an expression; ``pos`` is 1-based (0 when unknown)."""

    def __init__(self, code: str, pos: int = 0, **params: object) -> None:
        super().__init__(f"{code} at {pos}: {params}")
        self.code = code
        self.pos = pos
        self.params = params


class FormError(KnownError):
    """The workbook cannot be used; ``problems`` lists every error (and warning) found."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        self.path = path
        errors = [p for p in self.problems if p.severity == ERROR]
        lines_vi = [f"{path}: biểu mẫu có {len(errors)} lỗi:"]
        lines_en = [f"{path}: the form has {len(errors)} error(s):"]
        for p in errors[:20]:
            lines_vi.append(f"  {p.where}: {p.message('vi')}")
            lines_en.append(f"  {p.where}: {p.message('en')}")
        if len(errors) > 20:
            lines_vi.append(f"  … và {len(errors) - 20} lỗi khác (chạy `xaapp forms check`)")
            lines_en.append(f"  … and {len(errors) - 20} more (run `xaapp forms check`)")
        super().__init__("\n".join(lines_vi), "\n".join(lines_en))
