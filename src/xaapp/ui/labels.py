"""Interface labels for the codes the core returns (classes, review steps, statuses, roles).

Each label is a literal ``translate`` call so that pyside6-lupdate finds it for the English file —
except the deprivation indicators, named in both languages by the rule data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xaapp.domain.roles import Role
from xaapp.ui.i18n import current_language


def class_label(code: str | None) -> str:
    return {
        "poor": QCoreApplication.translate("labels", "Hộ nghèo"),
        "near_poor": QCoreApplication.translate("labels", "Hộ cận nghèo"),
        "average": QCoreApplication.translate("labels", "Mức sống trung bình"),
        "none": QCoreApplication.translate("labels", "Không nghèo"),
    }.get(code or "", "")


def step_label(code: str) -> str:
    return {
        "recognised": QCoreApplication.translate("labels", "Đã công nhận"),
        "posted": QCoreApplication.translate("labels", "Đã niêm yết"),
        "meeting": QCoreApplication.translate("labels", "Đã họp thôn"),
        "surveyed": QCoreApplication.translate("labels", "Đã khảo sát"),
        "listed": QCoreApplication.translate("labels", "Trong danh sách"),
        "not_started": QCoreApplication.translate("labels", "Chưa rà soát"),
    }.get(code, "")


def status_label(code: str) -> str:
    return {
        "active": QCoreApplication.translate("labels", "Đang hưởng"),
        "suspended": QCoreApplication.translate("labels", "Tạm dừng"),
        "stopped": QCoreApplication.translate("labels", "Thôi hưởng"),
        "not_started": QCoreApplication.translate("labels", "Chưa đến tháng hưởng"),
    }.get(code, code)


def role_label(role: Role) -> str:
    return {
        Role.OFFICER: QCoreApplication.translate("labels", "Cán bộ nhập liệu"),
        Role.APPROVER: QCoreApplication.translate("labels", "Người phê duyệt"),
        Role.ADMIN: QCoreApplication.translate("labels", "Quản trị"),
    }[role]


def sex_label(code: str) -> str:
    return {
        "male": QCoreApplication.translate("labels", "Nam"),
        "female": QCoreApplication.translate("labels", "Nữ"),
    }.get(code, code)


def relationship_label(code: str) -> str:
    return {
        "head": QCoreApplication.translate("labels", "Chủ hộ"),
        "spouse": QCoreApplication.translate("labels", "Vợ/chồng"),
        "child": QCoreApplication.translate("labels", "Con"),
        "parent": QCoreApplication.translate("labels", "Bố/mẹ"),
        "grandchild": QCoreApplication.translate("labels", "Cháu"),
        "sibling": QCoreApplication.translate("labels", "Anh/chị/em"),
        "other": QCoreApplication.translate("labels", "Khác"),
    }.get(code, code)


def deprivation_label(code: str) -> str:
    """An indicator's name in the interface language, from the rule data (``rules.deprivations``): the
    one definition of each indicator, English included, so it has no entry in the translation file."""
    from xaapp.rules import deprivations  # the rule data loads when first needed, not with the first screen

    return deprivations.label(code, current_language())


def origin_label(code: str) -> str:
    return {
        "poor": QCoreApplication.translate("labels", "Hộ nghèo năm trước"),
        "near_poor": QCoreApplication.translate("labels", "Hộ cận nghèo năm trước"),
        "request": QCoreApplication.translate("labels", "Hộ đề nghị rà soát"),
        "other": QCoreApplication.translate("labels", "Phát sinh"),
    }.get(code, code)


def review_status_label(code: str) -> str:
    return {
        "": QCoreApplication.translate("labels", "Chưa có phiếu"),
        "draft": QCoreApplication.translate("labels", "Bản nháp"),
        "final": QCoreApplication.translate("labels", "Đã hoàn tất"),
    }.get(code, code)


def event_label(code: str) -> str:
    return {
        "start": QCoreApplication.translate("labels", "Bắt đầu hưởng"),
        "suspend": QCoreApplication.translate("labels", "Tạm dừng"),
        "stop": QCoreApplication.translate("labels", "Thôi hưởng"),
        "resume": QCoreApplication.translate("labels", "Hưởng lại"),
    }.get(code, code)


#: The code ``rules.allowance_result.SOCIAL_PENSION`` gives a line paid as the social pension.
SOCIAL_PENSION = "social_pension"


def clause_label(code: str) -> str:
    """An allowance line's name: "Diện 5.5a", or the social pension (a code never shown as such)."""
    if code == SOCIAL_PENSION:
        return QCoreApplication.translate("labels", "Trợ cấp hưu trí xã hội")
    return QCoreApplication.translate("labels", "Diện {0}").format(code)


def coefficient_label(coefficient: float | None) -> str:
    """A stored coefficient as shown: "1,5"; none (0) means the amount is the social pension's."""
    if not coefficient:
        return QCoreApplication.translate("labels", "hưởng trợ cấp hưu trí xã hội")
    text = f"{coefficient:g}"
    return text if current_language() == "en" else text.replace(".", ",")


def entity_label(code: str) -> str:
    """The kind of a synced record, as the officer knows it."""
    return {
        "village": QCoreApplication.translate("labels", "Thôn"),
        "household": QCoreApplication.translate("labels", "Hộ gia đình"),
        "person": QCoreApplication.translate("labels", "Thành viên hộ"),
        "poverty_review": QCoreApplication.translate("labels", "Phiếu rà soát"),
        "beneficiary": QCoreApplication.translate("labels", "Đối tượng bảo trợ"),
        "beneficiary_event": QCoreApplication.translate("labels", "Thay đổi trạng thái hưởng"),
        "allowance_period": QCoreApplication.translate("labels", "Mức hưởng"),
        "merit_record": QCoreApplication.translate("labels", "Sổ người có công"),
        "child_record": QCoreApplication.translate("labels", "Sổ trẻ em"),
    }.get(code, code)


def field_label(name: str) -> str:
    """A stored field (``full_name``, ``answers.housing``) in words; the form's answers by their group."""
    base, _, rest = name.partition(".")
    labels = {
        "village_id": QCoreApplication.translate("labels", "Thôn"),
        "commune_code": QCoreApplication.translate("labels", "Mã xã"),
        "name": QCoreApplication.translate("labels", "Tên"),
        "code": QCoreApplication.translate("labels", "Mã hộ"),
        "address": QCoreApplication.translate("labels", "Địa chỉ"),
        "area_type": QCoreApplication.translate("labels", "Khu vực"),
        "phone": QCoreApplication.translate("labels", "Số điện thoại"),
        "ethnic_minority": QCoreApplication.translate("labels", "Hộ dân tộc thiểu số"),
        "household_id": QCoreApplication.translate("labels", "Hộ"),
        "position": QCoreApplication.translate("labels", "Thứ tự trong hộ"),
        "full_name": QCoreApplication.translate("labels", "Họ và tên"),
        "name_folded": QCoreApplication.translate("labels", "Tên không dấu"),
        "sex": QCoreApplication.translate("labels", "Giới tính"),
        "dob": QCoreApplication.translate("labels", "Ngày sinh"),
        "birth_year": QCoreApplication.translate("labels", "Năm sinh"),
        "ethnicity": QCoreApplication.translate("labels", "Dân tộc"),
        "personal_id": QCoreApplication.translate("labels", "Số định danh"),
        "legacy_id": QCoreApplication.translate("labels", "Số CMND cũ"),
        "relationship_to_head": QCoreApplication.translate("labels", "Quan hệ với chủ hộ"),
        "details": QCoreApplication.translate("labels", "Thông tin thêm của thành viên"),
        "review_year": QCoreApplication.translate("labels", "Năm rà soát"),
        "kind": QCoreApplication.translate("labels", "Loại rà soát"),
        "review_month": QCoreApplication.translate("labels", "Tháng rà soát"),
        "form_id": QCoreApplication.translate("labels", "Mẫu phiếu"),
        "form_version": QCoreApplication.translate("labels", "Phiên bản phiếu"),
        "answers": QCoreApplication.translate("labels", "Câu trả lời trên phiếu"),
        "status": QCoreApplication.translate("labels", "Trạng thái"),
        "result_class": QCoreApplication.translate("labels", "Phân loại"),
        "result": QCoreApplication.translate("labels", "Kết quả phân loại"),
        "listed_on": QCoreApplication.translate("labels", "Ngày vào danh sách"),
        "surveyed_on": QCoreApplication.translate("labels", "Ngày khảo sát"),
        "meeting_on": QCoreApplication.translate("labels", "Ngày họp thôn"),
        "meeting_agree_pct": QCoreApplication.translate("labels", "Tỷ lệ đồng ý"),
        "posted_on": QCoreApplication.translate("labels", "Ngày niêm yết"),
        "recognised_on": QCoreApplication.translate("labels", "Ngày công nhận"),
        "decision_no": QCoreApplication.translate("labels", "Số quyết định"),
        "decision_date": QCoreApplication.translate("labels", "Ngày quyết định"),
        "person_id": QCoreApplication.translate("labels", "Người"),
        "clauses": QCoreApplication.translate("labels", "Khoản (Điều 5)"),
        "start_month": QCoreApplication.translate("labels", "Tháng bắt đầu hưởng"),
        "bank_account": QCoreApplication.translate("labels", "Số tài khoản"),
        "bank_name": QCoreApplication.translate("labels", "Ngân hàng"),
        "beneficiary_id": QCoreApplication.translate("labels", "Đối tượng"),
        "action": QCoreApplication.translate("labels", "Thay đổi"),
        "effective_month": QCoreApplication.translate("labels", "Từ tháng"),
        "reason": QCoreApplication.translate("labels", "Lý do"),
        "from_month": QCoreApplication.translate("labels", "Từ tháng"),
        "standard_level": QCoreApplication.translate("labels", "Mức chuẩn"),
        "coefficient": QCoreApplication.translate("labels", "Hệ số"),
        "amount": QCoreApplication.translate("labels", "Số tiền"),
        "basis": QCoreApplication.translate("labels", "Cách tính"),
        "category": QCoreApplication.translate("labels", "Diện"),
        "group_code": QCoreApplication.translate("labels", "Nhóm"),
        "deleted_at": QCoreApplication.translate("labels", "Đã xóa"),
    }
    label = labels.get(base, base)
    return f"{label} – {rest}" if rest else label


def value_label(field: str, value: str) -> str:
    """A stored value in words where it is a code (sex, relationship, class, status …)."""
    field = field.split(".")[0]
    if field == "sex":
        return sex_label(value)
    if field in ("relationship_to_head", "relationship"):
        return relationship_label(value)
    if field == "result_class":
        return class_label(value) or value
    if field == "status":
        return review_status_label(value) if value in ("draft", "final") else status_label(value)
    if field == "action":
        return event_label(value)
    if field == "area_type":
        return {
            "rural": QCoreApplication.translate("labels", "Nông thôn"),
            "urban": QCoreApplication.translate("labels", "Thành thị"),
        }.get(value, value)
    return value
