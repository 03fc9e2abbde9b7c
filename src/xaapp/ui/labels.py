"""Interface labels for the codes the core returns (classes, review steps, statuses, roles).

Each label is a literal ``translate`` call so that pyside6-lupdate finds it for the English file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xaapp.domain.roles import Role


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
    return {
        "employment": QCoreApplication.translate("labels", "Việc làm"),
        "dependents": QCoreApplication.translate("labels", "Người phụ thuộc trong hộ"),
        "nutrition": QCoreApplication.translate("labels", "Dinh dưỡng"),
        "health_insurance": QCoreApplication.translate("labels", "Bảo hiểm y tế"),
        "adult_education": QCoreApplication.translate("labels", "Trình độ giáo dục của người lớn"),
        "child_school_attendance": QCoreApplication.translate("labels", "Tình trạng đi học của trẻ em"),
        "housing_quality": QCoreApplication.translate("labels", "Chất lượng nhà ở"),
        "housing_area": QCoreApplication.translate("labels", "Diện tích nhà ở bình quân đầu người"),
        "water_source": QCoreApplication.translate("labels", "Nguồn nước sinh hoạt"),
        "hygienic_latrine": QCoreApplication.translate("labels", "Nhà tiêu hợp vệ sinh"),
        "telecom_use": QCoreApplication.translate("labels", "Sử dụng dịch vụ viễn thông"),
        "information_devices": QCoreApplication.translate("labels", "Phương tiện phục vụ tiếp cận thông tin"),
    }.get(code, code)


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
