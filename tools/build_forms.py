"""Generates the first version of the four questionnaires in forms/ (run once; the .xlsx files count).

The workbooks in forms/ are the source of truth: province staff edit them in Excel. Running this
script again overwrites those edits, so do it only to start over. Usage:
``python tools/build_forms.py [--out forms]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

SURVEY_COLUMNS = (
    "type",
    "name",
    "label::vi",
    "label::en",
    "hint::vi",
    "hint::en",
    "required",
    "required_message::vi",
    "required_message::en",
    "relevant",
    "constraint",
    "constraint_message::vi",
    "constraint_message::en",
    "calculation",
    "default",
    "appearance",
    "choice_filter",
    "repeat_count",
    "read_only",
    "note",
)
CHOICE_COLUMNS = ("list_name", "name", "label::vi", "label::en")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "default_language")
VERSION = "2026112801"

_KEYS = {
    "req": "required",
    "rel": "relevant",
    "con": "constraint",
    "calc": "calculation",
    "app": "appearance",
    "note": "note",
    "default": "default",
    "read_only": "read_only",
    "repeat_count": "repeat_count",
    "choice_filter": "choice_filter",
}


def q(type_: str, name: str = "", vi: str = "", en: str = "", **kw: object) -> dict[str, str]:
    """One survey row. ``hint``/``cmsg``/``rmsg`` take (vi, en); other keywords map to columns."""
    row = {"type": type_, "name": name, "label::vi": vi, "label::en": en}
    for key, value in kw.items():
        if key in ("hint", "cmsg", "rmsg"):
            base = {"hint": "hint", "cmsg": "constraint_message", "rmsg": "required_message"}[key]
            row[f"{base}::vi"], row[f"{base}::en"] = value  # type: ignore[misc]
        else:
            row[_KEYS[key]] = str(value)
    return row


def end(kind: str) -> dict[str, str]:
    return {"type": f"end {kind}"}


def choices(list_name: str, *items: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"list_name": list_name, "name": n, "label::vi": vi, "label::en": en} for n, vi, en in items]


YES_NO = choices("yes_no", ("yes", "Có", "Yes"), ("no", "Không", "No"))
SEX = choices("sex", ("male", "Nam", "Male"), ("female", "Nữ", "Female"))
AREA = choices("area_type", ("rural", "Nông thôn", "Rural"), ("urban", "Thành thị", "Urban"))
ETHNICITY = choices(
    "ethnicity",
    ("kinh", "Kinh", "Kinh"),
    ("muong", "Mường", "Muong"),
    ("thai", "Thái", "Thai"),
    ("mong", "Mông", "Hmong"),
    ("dao", "Dao", "Dao"),
    ("tho", "Thổ", "Tho"),
    ("kho_mu", "Khơ Mú", "Khmu"),
    ("hoa", "Hoa", "Hoa"),
    ("other", "Dân tộc khác", "Other ethnic group"),
)
AGE_CALC = (
    "if(${dob} = '', '', number(format-date(${survey_date}, '%Y')) - number(format-date(${dob}, '%Y'))"
    " - if(format-date(${survey_date}, '%m%d') < format-date(${dob}, '%m%d'), 1, 0))"
)
PERSONAL_ID = dict(
    con="regex(., '^[0-9]{12}$')",
    cmsg=(
        "Số định danh cá nhân/CCCD gồm đúng 12 chữ số.",
        "The personal ID / CCCD number has exactly 12 digits.",
    ),
    hint=("12 chữ số trên thẻ căn cước/CCCD.", "The 12 digits on the ID card."),
)
PHONE = dict(
    con="regex(., '^0[0-9]{9,10}$')",
    cmsg=(
        "Số điện thoại bắt đầu bằng 0, gồm 10–11 chữ số.",
        "A phone number starts with 0 and has 10–11 digits.",
    ),
)
DOB_CHECK = dict(
    con=". <= today() and . >= date('1900-01-01')",
    cmsg=("Ngày sinh không được sau hôm nay.", "The date of birth cannot be after today."),
)


def write_workbook(
    path: Path, survey: list[dict[str, str]], choice_rows: list[dict[str, str]], settings: dict[str, str]
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    _write(sheet, SURVEY_COLUMNS, survey)
    sheet = workbook.create_sheet("choices")
    extra = sorted({k for row in choice_rows for k in row} - set(CHOICE_COLUMNS))
    _write(sheet, (*CHOICE_COLUMNS, *extra), choice_rows)
    sheet = workbook.create_sheet("settings")
    _write(sheet, SETTINGS_COLUMNS, [settings])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _write(sheet, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:  # noqa: ANN001
    sheet.append(list(columns))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for row in rows:
        sheet.append([row.get(c) or None for c in columns])
    sheet.freeze_panes = "C2"
    widths = {
        "type": 26,
        "name": 26,
        "label::vi": 44,
        "label::en": 40,
        "calculation": 60,
        "relevant": 36,
        "constraint": 36,
        "note": 60,
        "list_name": 18,
    }
    for i, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = widths.get(column, 22)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


# --- 1. Household poverty review (rà soát hộ nghèo, hộ cận nghèo) -------------------------------

S_VERIFIED = "VERIFIED: regulations.md §1.2 (Decree 07/2021/NĐ-CP Art. 3, 2022–2025, extended to 2026 by Decree 351/2025)."
S_SECONDARY_14 = "SECONDARY: regulations.md §1.4 (paraphrase of Decree 07/2021 appendix); official wording not obtained — check and correct here."
S_UNVERIFIED_14 = "UNVERIFIED: regulations.md §1.4 says the official definition was NOT FOUND; xaapp's assumption is written in this row — the province must confirm or correct it."
CLEAN_WATER = "piped drilled_well protected_dug_well protected_spring rainwater bottled"
HYGIENIC_LATRINES = "septic semi_septic pour_flush double_vault ventilated_pit"
EDU_LOWER_SECONDARY_OR_MORE = (
    "lower_secondary upper_secondary vocational_elementary vocational_intermediate college university"
)
EDU_UPPER_SECONDARY_OR_VOCATIONAL = (
    "upper_secondary vocational_elementary vocational_intermediate college university"
)

HOUSEHOLD_SURVEY = [
    q("start", "started_at"),
    q("today", "entered_on"),
    q("begin group", "general", "Thông tin chung", "General information", app="field-list"),
    q(
        "date",
        "survey_date",
        "Ngày rà soát",
        "Review date",
        req="yes",
        default="today()",
        con=". <= today()",
        cmsg=("Ngày rà soát không được sau hôm nay.", "The review date cannot be after today."),
    ),
    q(
        "integer",
        "review_year",
        "Năm rà soát",
        "Review year",
        req="yes",
        default="format-date(today(), '%Y')",
        con=". >= 2022 and . <= 2030",
        cmsg=("Năm rà soát từ 2022 đến 2030.", "The review year is between 2022 and 2030."),
        note="The rules package applies the poverty standard in force for this year (2022–2026: Decree 07/2021; 2027–2030: Decree 351/2025).",
    ),
    q("text", "village", "Thôn, bản, tổ dân phố", "Village (thôn, bản, tổ dân phố)", req="yes"),
    q(
        "select_one area_type",
        "area_type",
        "Khu vực",
        "Area type",
        req="yes",
        note="Decides the income line (rural/urban); regulations.md §1.2.",
    ),
    q(
        "select_one review_kind",
        "review_kind",
        "Loại rà soát",
        "Kind of review",
        req="yes",
        default="periodic",
        note="Decision 24/2021 Art. 3–5 (regulations.md §3.2–3.3): periodic 1/9–14/12, or regular on a Mẫu số 01 request.",
    ),
    q(
        "text",
        "request_reason",
        "Lý do đề nghị (Mẫu số 01)",
        "Reason given in the request (Mẫu số 01)",
        req="yes",
        rel="${review_kind} = 'regular'",
    ),
    q("text", "head_name", "Họ và tên chủ hộ", "Name of the household head", req="yes"),
    q(
        "date",
        "head_id_issued",
        "Ngày cấp CCCD/CMND của chủ hộ",
        "Date the head's ID card was issued",
        con=". <= today()",
        note="Mẫu số 01 facts for the head (regulations.md §3.4); sex, date of birth, ethnicity and ID number are in the members list.",
    ),
    q("text", "permanent_address", "Nơi thường trú", "Permanent residence"),
    q(
        "text",
        "address",
        "Nơi ở hiện tại (số nhà, đường/xóm)",
        "Current residence (house number, street or hamlet)",
    ),
    q("text", "phone", "Số điện thoại", "Phone number", **PHONE),
    end("group"),
    q("begin repeat", "members", "Thành viên hộ", "Household member", app="field-list"),
    q("text", "full_name", "Họ và tên", "Full name", req="yes"),
    q("select_one sex", "sex", "Giới tính", "Sex", req="yes"),
    q("date", "dob", "Ngày sinh", "Date of birth", req="yes", **DOB_CHECK),
    q("calculate", "age", "Tuổi", "Age", calc=AGE_CALC, note="Age in whole years on the review date."),
    q("select_one ethnicity", "ethnicity", "Dân tộc", "Ethnicity", req="yes"),
    q(
        "text",
        "personal_id",
        "Số định danh cá nhân / CCCD",
        "Personal ID number (CCCD)",
        **PERSONAL_ID,
        note="Only the 12-digit shape is checked here; the full check (province, century, sex) is done by the app.",
    ),
    q(
        "select_one relationship",
        "relationship",
        "Quan hệ với chủ hộ",
        "Relationship to the head",
        req="yes",
        con=". != 'head' or ${n_heads} <= 1",
        cmsg=("Mỗi hộ chỉ có một chủ hộ.", "A household has only one head."),
    ),
    q(
        "select_one yes_no",
        "in_school",
        "Hiện có đang đi học (đúng cấp học/đào tạo)?",
        "Currently attending school or training at the level for their age?",
        req="yes",
        rel="${age} >= 3 and ${age} <= 30",
    ),
    q(
        "select_one education",
        "education_level",
        "Trình độ học vấn / chuyên môn cao nhất",
        "Highest education or vocational level completed",
        req="yes",
        rel="${age} >= 15",
    ),
    q(
        "select_one yes_no",
        "enterprise_training",
        "Được doanh nghiệp tuyển dụng và đào tạo tại chỗ có chứng nhận?",
        "Recruited by an enterprise with certified on-the-job training?",
        req="yes",
        rel="${age} >= 16 and ${age} <= 30 and ${in_school} = 'no'",
    ),
    q(
        "select_one yes_no",
        "health_insurance",
        "Có thẻ bảo hiểm y tế còn hạn?",
        "Has a valid health-insurance card?",
        req="yes",
    ),
    q(
        "select_one work_status",
        "work_status",
        "Tình trạng việc làm",
        "Work and contract status",
        req="yes",
        rel="${age} >= 15",
    ),
    q("select_one disability", "disability", "Khuyết tật", "Disability", req="yes", default="none"),
    q(
        "select_one yes_no",
        "malnourished",
        "Trẻ suy dinh dưỡng (thấp còi hoặc nhẹ cân)?",
        "Child malnourished (stunted or underweight)?",
        req="yes",
        rel="${age} < 16",
    ),
    q("calculate", "m_is_head", calc="if(${relationship} = 'head', 1, 0)"),
    q(
        "calculate",
        "m_working_age",
        calc="if(${age} >= 15 and ${age} < 60, 1, 0)",
        note="UNVERIFIED: working age taken as 15 to under 60 (the statutory retirement age is rising); correct here if the province uses another range.",
    ),
    q(
        "calculate",
        "m_employment_deprived",
        calc="if(${m_working_age} = 1 and (${work_status} = 'unemployed' or ${work_status} = 'wage_no_contract'), 1, 0)",
        note=S_UNVERIFIED_14
        + " Assumed: a working-age member is unemployed or works for a wage without a labour contract.",
    ),
    q(
        "calculate",
        "m_dependent",
        calc="if(${age} < 16 or ${age} >= 60 or selected('severe extremely_severe', ${disability}), 1, 0)",
        note="UNVERIFIED definition of a dependant: assumed under 16, 60 or over, or a severe/extremely severe disability.",
    ),
    q(
        "calculate",
        "m_malnourished",
        calc="if(${age} < 16 and ${malnourished} = 'yes', 1, 0)",
        note=S_SECONDARY_14,
    ),
    q(
        "calculate",
        "m_no_insurance",
        calc="if(${age} >= 6 and ${health_insurance} = 'no', 1, 0)",
        note="UNVERIFIED wording (regulations.md §1.4 #4): members aged 6 or over without health insurance.",
    ),
    q(
        "calculate",
        "m_lacks_education",
        calc=(
            "if(${in_school} = 'no' and ${enterprise_training} != 'yes' and ((${age} >= 16 and ${age} < 18 and "
            f"not(selected('{EDU_LOWER_SECONDARY_OR_MORE}', ${{education_level}}))) or (${{age}} >= 18 and ${{age}} <= 30 and "
            f"not(selected('{EDU_UPPER_SECONDARY_OR_VOCATIONAL}', ${{education_level}})))), 1, 0)"
        ),
        note=S_SECONDARY_14
        + " Ages 16–<18 need lower secondary (THCS); 18–30 need upper secondary (THPT) or a vocational qualification.",
    ),
    q(
        "calculate",
        "m_child_out_of_school",
        calc="if(${age} >= 3 and ${age} < 16 and ${in_school} = 'no', 1, 0)",
        note=S_SECONDARY_14 + " Children 3 to under 16 not attending school at their level.",
    ),
    q(
        "calculate",
        "m_head_minority",
        calc="if(${relationship} = 'head' and ${ethnicity} != '' and ${ethnicity} != 'kinh', 1, 0)",
    ),
    q(
        "calculate",
        "m_can_work",
        calc="if(${m_working_age} = 1 and not(selected('severe extremely_severe', ${disability})), 1, 0)",
        note="UNVERIFIED: 'able to work' assumed as working age without a severe disability.",
    ),
    end("repeat"),
    q("calculate", "hh_size", calc="count(${members})"),
    q("calculate", "n_heads", calc="sum(${m_is_head})"),
    q(
        "note",
        "head_warning",
        "Chú ý: hộ phải có đúng một thành viên là chủ hộ.",
        "Note: exactly one member must be the household head.",
        rel="${hh_size} > 0 and ${n_heads} != 1",
    ),
    q("begin group", "housing", "Nhà ở, nước sạch, vệ sinh", "Housing, water, sanitation", app="field-list"),
    q("select_one durability", "wall_durable", "Tường nhà", "Walls", req="yes"),
    q("select_one durability", "column_durable", "Cột nhà (khung, trụ)", "Columns (frame)", req="yes"),
    q("select_one durability", "roof_durable", "Mái nhà", "Roof", req="yes"),
    q(
        "decimal",
        "living_area",
        "Diện tích ở (m²)",
        "Living area (m²)",
        req="yes",
        con=". > 0 and . < 5000",
        cmsg=("Diện tích phải lớn hơn 0 m².", "The area must be more than 0 m²."),
    ),
    q("select_one water", "water_source", "Nguồn nước sinh hoạt chính", "Main source of water", req="yes"),
    q("select_one latrine", "latrine", "Loại nhà tiêu đang sử dụng", "Latrine used", req="yes"),
    end("group"),
    q("begin group", "information", "Tiếp cận thông tin", "Access to information", app="field-list"),
    q(
        "select_one yes_no",
        "telecom_use",
        "Có thành viên sử dụng dịch vụ viễn thông (thuê bao điện thoại, internet)?",
        "Does any member use telecom services (phone subscription, internet)?",
        req="yes",
    ),
    q(
        "select_multiple devices",
        "info_devices",
        "Phương tiện tiếp cận thông tin hộ đang có",
        "Devices for getting information the household has",
        req="yes",
        con="not(selected(., 'none')) or count-selected(.) = 1",
        cmsg=("'Không có' không chọn cùng phương tiện khác.", "'None' cannot be chosen with a device."),
    ),
    end("group"),
    q("begin group", "income", "Thu nhập", "Income", app="field-list"),
    q(
        "select_one income_method",
        "income_method",
        "Cách xác định thu nhập",
        "How income is assessed",
        req="yes",
        note="Per-capita estimate, or the score A total copied from a paper Phiếu B (Circular 07/2021, regulations.md §3.5, §8).",
    ),
    q(
        "decimal",
        "income_wages",
        "Tiền lương, tiền công (đồng/năm)",
        "Wages and salaries (VND per year)",
        rel="${income_method} = 'per_capita'",
        con=". >= 0",
    ),
    q(
        "decimal",
        "income_farming",
        "Trồng trọt, chăn nuôi, lâm, thủy sản – sau chi phí (đồng/năm)",
        "Farming, forestry, fishing, net of costs (VND per year)",
        rel="${income_method} = 'per_capita'",
        con=". >= 0",
    ),
    q(
        "decimal",
        "income_business",
        "Kinh doanh, dịch vụ – sau chi phí (đồng/năm)",
        "Business and services, net (VND per year)",
        rel="${income_method} = 'per_capita'",
        con=". >= 0",
    ),
    q(
        "decimal",
        "income_transfers",
        "Lương hưu, trợ cấp, tiền gửi về (đồng/năm)",
        "Pensions, allowances, remittances (VND per year)",
        rel="${income_method} = 'per_capita'",
        con=". >= 0",
    ),
    q(
        "decimal",
        "income_other",
        "Thu nhập khác (đồng/năm)",
        "Other income (VND per year)",
        rel="${income_method} = 'per_capita'",
        con=". >= 0",
    ),
    q(
        "integer",
        "score_a",
        "Tổng điểm A (từ Phiếu B)",
        "Score A total (from the paper Phiếu B)",
        req="yes",
        rel="${income_method} = 'score_a'",
        con=". >= 0",
        note="The Phụ lục III point tables are not available (regulations.md §8): the score is copied from paper.",
    ),
    end("group"),
    q(
        "calculate",
        "income_total",
        calc=(
            "if(${income_method} = 'per_capita', coalesce(${income_wages}, 0) + coalesce(${income_farming}, 0) + "
            "coalesce(${income_business}, 0) + coalesce(${income_transfers}, 0) + coalesce(${income_other}, 0), '')"
        ),
    ),
    q(
        "calculate",
        "income_per_capita",
        calc="if(${income_method} = 'per_capita' and ${hh_size} > 0, round(${income_total} div ${hh_size} div 12, 0), '')",
        note="VND per person per month = yearly household income / members / 12.",
    ),
    q(
        "calculate",
        "income_line",
        calc="if(${area_type} = 'urban', 2000000, 1500000)",
        note=S_VERIFIED + " Preview only: the rules package applies the line of the review year.",
    ),
    q(
        "calculate",
        "score_a_line",
        calc="if(${area_type} = 'urban', 175, 140)",
        note="VERIFIED (secondary sources agree): regulations.md §3.5, Circular 07/2021: 140 points rural, 175 urban.",
    ),
    q(
        "calculate",
        "income_below_line",
        calc=(
            "if(${income_method} = 'per_capita', if(${income_per_capita} != '' and ${income_per_capita} <= ${income_line}, 1, 0), "
            "if(${income_method} = 'score_a', if(${score_a} != '' and ${score_a} <= ${score_a_line}, 1, 0), ''))"
        ),
    ),
    q("begin group", "causes", "Nguyên nhân nghèo", "Causes of poverty", rel="${income_below_line} = 1"),
    q(
        "select_multiple causes",
        "poverty_causes",
        "Nguyên nhân nghèo, cận nghèo (chọn các ý đúng)",
        "Causes of poverty (choose all that apply)",
        req="yes",
        note="UNVERIFIED list: the official list of causes (Phụ lục VII reports) was not obtained; edit the 'causes' choices.",
    ),
    end("group"),
    q("begin group", "groups", "Nhóm đối tượng của hộ", "Household groups", app="field-list"),
    q(
        "select_one yes_no",
        "has_merit",
        "Hộ có người có công với cách mạng?",
        "Does the household include a person with merit?",
        req="yes",
    ),
    q(
        "select_one yes_no",
        "social_protection",
        "Hộ có người hưởng trợ cấp xã hội hàng tháng?",
        "Does a member receive a monthly social allowance?",
        req="yes",
    ),
    end("group"),
    q(
        "calculate",
        "hh_ethnic_minority",
        calc="if(sum(${m_head_minority}) > 0, 1, 0)",
        note="UNVERIFIED: an ethnic-minority household is taken as one whose head is not Kinh.",
    ),
    q(
        "calculate",
        "hh_no_working_capacity",
        calc="if(${hh_size} > 0 and sum(${m_can_work}) = 0, 1, 0)",
        note="UNVERIFIED: no member able to work (see m_can_work).",
    ),
    q(
        "calculate",
        "dep_employment",
        calc="if(sum(${m_employment_deprived}) > 0, 1, 0)",
        note=S_UNVERIFIED_14,
    ),
    q(
        "calculate",
        "dep_dependents",
        calc="if(${hh_size} > 0 and sum(${m_dependent}) * 2 > ${hh_size}, 1, 0)",
        note=S_SECONDARY_14
        + " More than half of the members are dependants (definition of a dependant UNVERIFIED, see m_dependent).",
    ),
    q("calculate", "dep_nutrition", calc="if(sum(${m_malnourished}) > 0, 1, 0)", note=S_SECONDARY_14),
    q(
        "calculate",
        "dep_health_insurance",
        calc="if(sum(${m_no_insurance}) > 0, 1, 0)",
        note="UNVERIFIED wording: regulations.md §1.4 #4.",
    ),
    q(
        "calculate",
        "dep_adult_education",
        calc="if(sum(${m_lacks_education}) > 0, 1, 0)",
        note=S_SECONDARY_14,
    ),
    q(
        "calculate",
        "dep_child_school_attendance",
        calc="if(sum(${m_child_out_of_school}) > 0, 1, 0)",
        note=S_SECONDARY_14,
    ),
    q(
        "calculate",
        "dep_housing_quality",
        calc="if(if(${wall_durable} = 'no', 1, 0) + if(${column_durable} = 'no', 1, 0) + if(${roof_durable} = 'no', 1, 0) >= 2, 1, 0)",
        note=S_SECONDARY_14 + " At least two of walls, columns, roof non-durable.",
    ),
    q(
        "calculate",
        "dep_housing_area",
        calc="if(${living_area} != '' and ${hh_size} > 0 and ${living_area} div ${hh_size} < 8, 1, 0)",
        note=S_SECONDARY_14 + " Threshold: below 8 m² per person.",
    ),
    q(
        "calculate",
        "dep_water_source",
        calc=f"if(${{water_source}} != '' and not(selected('{CLEAN_WATER}', ${{water_source}})), 1, 0)",
        note=S_SECONDARY_14
        + " Clean sources: piped, drilled well, protected dug well, protected spring, rainwater, bottled.",
    ),
    q(
        "calculate",
        "dep_hygienic_latrine",
        calc=f"if(${{latrine}} != '' and not(selected('{HYGIENIC_LATRINES}', ${{latrine}})), 1, 0)",
        note="UNVERIFIED list (regulations.md §1.4 #10, cut off in the source): hygienic = septic, semi-septic, pour-flush, double-vault, ventilated pit.",
    ),
    q(
        "calculate",
        "dep_telecom_use",
        calc="if(${telecom_use} = 'no', 1, 0)",
        note=S_UNVERIFIED_14 + " Assumed: no member uses a phone subscription or internet.",
    ),
    q(
        "calculate",
        "dep_information_devices",
        calc="if(selected(${info_devices}, 'none'), 1, 0)",
        note=S_UNVERIFIED_14 + " Assumed: none of the devices in the 'devices' list.",
    ),
    q(
        "calculate",
        "deprivation_count",
        calc=(
            "${dep_employment} + ${dep_dependents} + ${dep_nutrition} + ${dep_health_insurance} + ${dep_adult_education} + "
            "${dep_child_school_attendance} + ${dep_housing_quality} + ${dep_housing_area} + ${dep_water_source} + "
            "${dep_hygienic_latrine} + ${dep_telecom_use} + ${dep_information_devices}"
        ),
    ),
    q(
        "calculate",
        "score_b",
        calc="${deprivation_count} * 10",
        note="VERIFIED: 10 points per deprived indicator (regulations.md §3.5).",
    ),
    q(
        "note",
        "summary",
        "Số chỉ số thiếu hụt: ${deprivation_count}; thu nhập bình quân: ${income_per_capita} đồng/người/tháng.",
        "Deprived indicators: ${deprivation_count}; income per person: ${income_per_capita} VND/month.",
    ),
]

HOUSEHOLD_CHOICES = [
    *YES_NO,
    *SEX,
    *AREA,
    *ETHNICITY,
    *choices(
        "review_kind",
        ("periodic", "Rà soát định kỳ hằng năm", "Annual periodic review"),
        ("regular", "Rà soát thường xuyên (theo Mẫu số 01)", "Regular review (on a Mẫu số 01 request)"),
    ),
    *choices(
        "relationship",
        ("head", "Chủ hộ", "Head"),
        ("spouse", "Vợ/chồng", "Spouse"),
        ("child", "Con", "Child"),
        ("parent", "Bố/mẹ", "Parent"),
        ("grandchild", "Cháu", "Grandchild"),
        ("sibling", "Anh/chị/em", "Sibling"),
        ("other", "Khác", "Other"),
    ),
    *choices(
        "education",
        ("none", "Chưa đi học / chưa tốt nghiệp tiểu học", "None / primary not finished"),
        ("primary", "Tiểu học", "Primary"),
        ("lower_secondary", "Trung học cơ sở", "Lower secondary"),
        ("upper_secondary", "Trung học phổ thông", "Upper secondary"),
        ("vocational_elementary", "Sơ cấp nghề", "Elementary vocational"),
        ("vocational_intermediate", "Trung cấp", "Intermediate vocational"),
        ("college", "Cao đẳng", "College"),
        ("university", "Đại học trở lên", "University or higher"),
    ),
    *choices(
        "work_status",
        ("wage_with_contract", "Làm công có hợp đồng lao động", "Wage work with a labour contract"),
        ("wage_no_contract", "Làm công không có hợp đồng", "Wage work without a contract"),
        ("self_farm", "Tự làm nông, lâm, ngư nghiệp", "Own farm, forestry or fishing"),
        ("self_business", "Tự kinh doanh, dịch vụ", "Own business or services"),
        ("unemployed", "Thất nghiệp (muốn và có thể làm việc)", "Unemployed (wants and can work)"),
        (
            "not_working",
            "Không làm việc (đi học, nghỉ hưu, nội trợ, không có khả năng)",
            "Not working (student, retired, homemaker, unable)",
        ),
    ),
    *choices(
        "disability",
        ("none", "Không", "None"),
        ("mild", "Nhẹ", "Mild"),
        ("severe", "Nặng", "Severe"),
        ("extremely_severe", "Đặc biệt nặng", "Extremely severe"),
    ),
    *choices("durability", ("yes", "Bền chắc", "Durable"), ("no", "Không bền chắc", "Not durable")),
    *choices(
        "water",
        ("piped", "Nước máy", "Piped water"),
        ("drilled_well", "Giếng khoan", "Drilled well"),
        ("protected_dug_well", "Giếng đào được bảo vệ", "Protected dug well"),
        ("protected_spring", "Khe/mó được bảo vệ", "Protected spring"),
        ("rainwater", "Nước mưa", "Rainwater"),
        ("bottled", "Nước đóng chai, bình", "Bottled or jar water"),
        ("unprotected_well", "Giếng đào không được bảo vệ", "Unprotected dug well"),
        ("unprotected_spring", "Khe/mó không được bảo vệ", "Unprotected spring"),
        ("surface", "Sông, suối, ao, hồ", "River, stream, pond"),
        ("other", "Khác", "Other"),
    ),
    *choices(
        "latrine",
        ("septic", "Tự hoại", "Septic tank"),
        ("semi_septic", "Bán tự hoại", "Semi-septic"),
        ("pour_flush", "Thấm dội nước", "Pour-flush"),
        ("double_vault", "Hai ngăn", "Double-vault"),
        ("ventilated_pit", "Chìm có ống thông hơi", "Ventilated pit"),
        ("simple_pit", "Hố đào đơn giản", "Simple pit"),
        ("over_water", "Cầu tõm, trên ao", "Over water"),
        ("none", "Không có", "None"),
    ),
    *choices(
        "devices",
        ("tv", "Ti vi", "Television"),
        ("radio", "Radio, đài", "Radio"),
        ("computer", "Máy tính", "Computer"),
        ("smartphone", "Điện thoại thông minh", "Smartphone"),
        ("none", "Không có phương tiện nào", "None of these"),
    ),
    *choices(
        "income_method",
        ("per_capita", "Ước tính thu nhập bình quân đầu người", "Per-capita income estimate"),
        ("score_a", "Tổng điểm A từ Phiếu B", "Score A total from Phiếu B"),
    ),
    *choices(
        "causes",
        ("no_capital", "Thiếu vốn sản xuất", "Lack of capital"),
        ("no_land", "Thiếu đất sản xuất", "Lack of land"),
        ("no_means", "Thiếu phương tiện sản xuất", "Lack of means of production"),
        ("no_labour", "Thiếu lao động", "Lack of labour"),
        ("no_skills", "Không có tay nghề, kiến thức", "Lack of skills"),
        ("illness", "Có người ốm đau, bệnh nặng", "Serious illness"),
        ("disability", "Có người khuyết tật", "Disability"),
        ("many_dependants", "Đông người ăn theo", "Many dependants"),
        ("disaster", "Thiên tai, rủi ro", "Disaster or shock"),
        ("social_evils", "Mắc tệ nạn xã hội", "Social evils"),
        ("lazy", "Chây ỳ, không muốn thoát nghèo", "Unwilling to work"),
        ("other", "Khác", "Other"),
    ),
]


# --- 2. Social-assistance intake (Decree 20/2021/NĐ-CP, Art. 5) ---------------------------------

S_DECREE20 = "VERIFIED: regulations.md §4.2 (Decree 20/2021/NĐ-CP Art. 5)."
SA_CATEGORIES = [
    (
        "c5_1",
        "Khoản 1: Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng",
        "Clause 1: child under 16 with no source of support",
    ),
    (
        "c5_2",
        "Khoản 2: Người 16–22 tuổi đang học, thuộc khoản 1",
        "Clause 2: aged 16–22 in study, formerly clause 1",
    ),
    (
        "c5_3",
        "Khoản 3: Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo",
        "Clause 3: child with HIV/AIDS in a poor household",
    ),
    ("c5_4", "Khoản 4: Người đơn thân nghèo đang nuôi con", "Clause 4: single poor parent raising children"),
    (
        "c5_5a",
        "Khoản 5a: Người cao tuổi hộ nghèo không có người phụng dưỡng",
        "Clause 5a: elderly, poor household, no supporter",
    ),
    (
        "c5_5b",
        "Khoản 5b: Người 75–80 tuổi hộ nghèo/cận nghèo ở xã, thôn ĐBKK",
        "Clause 5b: aged 75–80, poor/near-poor, extremely difficult area",
    ),
    (
        "c5_5c",
        "Khoản 5c: Người từ 80 tuổi không có lương hưu, trợ cấp",
        "Clause 5c: aged 80+, no pension or allowance",
    ),
    (
        "c5_5d",
        "Khoản 5d: Người cao tuổi hộ nghèo được nhận chăm sóc tại cộng đồng",
        "Clause 5d: elderly, poor, cared for in the community",
    ),
    (
        "c5_6",
        "Khoản 6: Người khuyết tật nặng, đặc biệt nặng",
        "Clause 6: person with a severe or extremely severe disability",
    ),
    (
        "c5_7",
        "Khoản 7: Trẻ dưới 3 tuổi hộ nghèo/cận nghèo ở xã, thôn ĐBKK",
        "Clause 7: child under 3, poor/near-poor, extremely difficult area",
    ),
    (
        "c5_8",
        "Khoản 8: Người nhiễm HIV/AIDS hộ nghèo không có thu nhập ổn định",
        "Clause 8: person with HIV/AIDS, poor, no stable income",
    ),
]


def _age_rule(category: str, condition: str, vi: str, en: str) -> dict[str, str]:
    return q(
        "note",
        f"check_{category}",
        vi,
        en,
        rel=f"selected(${{categories}}, '{category}') and ${{age}} != '' and not({condition})",
        note=S_DECREE20 + " Age condition of the clause; the note warns, the review board decides.",
    )


INTAKE_SURVEY = [
    q("start", "started_at"),
    q("today", "entered_on"),
    q("begin group", "applicant", "Người đề nghị trợ giúp", "Applicant", app="field-list"),
    q(
        "date",
        "survey_date",
        "Ngày tiếp nhận hồ sơ",
        "Date the file was received",
        req="yes",
        default="today()",
        con=". <= today()",
    ),
    q("text", "full_name", "Họ và tên", "Full name", req="yes"),
    q("select_one sex", "sex", "Giới tính", "Sex", req="yes"),
    q("date", "dob", "Ngày sinh", "Date of birth", req="yes", **DOB_CHECK),
    q("calculate", "age", "Tuổi", "Age", calc=AGE_CALC),
    q("select_one ethnicity", "ethnicity", "Dân tộc", "Ethnicity", req="yes"),
    q("text", "personal_id", "Số định danh cá nhân / CCCD", "Personal ID number (CCCD)", **PERSONAL_ID),
    q("text", "village", "Thôn, bản, tổ dân phố", "Village", req="yes"),
    q("text", "address", "Nơi ở hiện tại", "Current address"),
    q("text", "phone", "Số điện thoại", "Phone number", **PHONE),
    q(
        "text",
        "lives_with",
        "Đang sống với ai",
        "Lives with",
        hint=("Ví dụ: ông bà, người nhận chăm sóc", "For example grandparents, a carer"),
    ),
    end("group"),
    q(
        "begin group",
        "category_group",
        "Đối tượng (Điều 5 Nghị định 20/2021)",
        "Category (Decree 20/2021 Art. 5)",
        app="field-list",
    ),
    q(
        "select_multiple sa_category",
        "categories",
        "Thuộc đối tượng nào (chọn tất cả các khoản phù hợp)",
        "Which categories apply (choose every clause that fits)",
        req="yes",
        note=S_DECREE20
        + " A person in several categories gets the single highest level, except clause 4 with 5, 6 or 8 (Art. 6.2) — applied by the rules package.",
    ),
    q(
        "select_one poverty_status",
        "household_poverty",
        "Hộ gia đình của người đề nghị",
        "The applicant's household is",
        req="yes",
    ),
    q(
        "select_one yes_no",
        "difficult_area",
        "Sống ở xã, thôn đặc biệt khó khăn vùng DTTS và miền núi?",
        "Lives in an extremely difficult ethnic-minority or mountain commune or village?",
        req="yes",
        rel="selected(${categories}, 'c5_5b') or selected(${categories}, 'c5_7')",
    ),
    end("group"),
    _age_rule(
        "c5_1", "${age} < 16", "Khoản 1 dành cho trẻ dưới 16 tuổi.", "Clause 1 is for children under 16."
    ),
    _age_rule(
        "c5_2", "${age} >= 16 and ${age} <= 22", "Khoản 2: từ 16 đến 22 tuổi.", "Clause 2: aged 16 to 22."
    ),
    _age_rule(
        "c5_3", "${age} < 16", "Khoản 3 dành cho trẻ dưới 16 tuổi.", "Clause 3 is for children under 16."
    ),
    _age_rule("c5_5a", "${age} >= 60", "Khoản 5a: từ 60 tuổi.", "Clause 5a: aged 60 or over."),
    _age_rule(
        "c5_5b",
        "${age} >= 75 and ${age} < 80",
        "Khoản 5b: từ 75 đến dưới 80 tuổi.",
        "Clause 5b: aged 75 to under 80.",
    ),
    _age_rule("c5_5c", "${age} >= 80", "Khoản 5c: từ 80 tuổi.", "Clause 5c: aged 80 or over."),
    _age_rule("c5_5d", "${age} >= 60", "Khoản 5d: từ 60 tuổi.", "Clause 5d: aged 60 or over."),
    _age_rule("c5_7", "${age} < 3", "Khoản 7 dành cho trẻ dưới 3 tuổi.", "Clause 7 is for children under 3."),
    q(
        "begin group",
        "conditions",
        "Điều kiện theo đối tượng",
        "Conditions of the category",
        app="field-list",
    ),
    q(
        "select_one child_situation",
        "child_situation",
        "Hoàn cảnh của trẻ (khoản 1)",
        "The child's situation (clause 1)",
        req="yes",
        rel="selected(${categories}, 'c5_1') or selected(${categories}, 'c5_2')",
    ),
    q(
        "select_one study_level",
        "study_level",
        "Đang học (khoản 2)",
        "Studying at (clause 2)",
        req="yes",
        rel="selected(${categories}, 'c5_2')",
    ),
    q(
        "select_one single_parent",
        "single_parent_status",
        "Tình trạng hôn nhân (khoản 4)",
        "Marital situation (clause 4)",
        req="yes",
        rel="selected(${categories}, 'c5_4')",
    ),
    q(
        "integer",
        "children_raised",
        "Số con đang nuôi (dưới 16, hoặc 16–22 đang học)",
        "Children raised (under 16, or 16–22 in study)",
        req="yes",
        rel="selected(${categories}, 'c5_4')",
        con=". >= 1 and . <= 20",
    ),
    q(
        "select_one yes_no",
        "has_supporter",
        "Có người có nghĩa vụ và quyền phụng dưỡng?",
        "Has someone obliged to support them?",
        req="yes",
        rel="selected(${categories}, 'c5_5a') or selected(${categories}, 'c5_5d')",
    ),
    q(
        "select_one yes_no",
        "has_pension",
        "Có lương hưu, trợ cấp BHXH hoặc trợ cấp xã hội hàng tháng?",
        "Has a pension or a monthly social-insurance or social-assistance benefit?",
        req="yes",
        rel="selected(${categories}, 'c5_5c')",
    ),
    q(
        "select_one disability_level",
        "disability_level",
        "Mức độ khuyết tật (khoản 6)",
        "Disability level (clause 6)",
        req="yes",
        rel="selected(${categories}, 'c5_6')",
    ),
    q(
        "text",
        "disability_certificate",
        "Số giấy xác nhận khuyết tật",
        "Disability certificate number",
        req="yes",
        rel="selected(${categories}, 'c5_6')",
    ),
    q(
        "date",
        "disability_certificate_date",
        "Ngày cấp giấy xác nhận khuyết tật",
        "Date of the disability certificate",
        req="yes",
        rel="selected(${categories}, 'c5_6')",
        con=". <= today()",
        note="VERIFIED (regulations.md §4.3): for disability the allowance starts from the month the certificate is issued.",
    ),
    q(
        "select_one yes_no",
        "stable_income",
        "Có thu nhập ổn định hàng tháng? (khoản 8)",
        "Has a stable monthly income? (clause 8)",
        req="yes",
        rel="selected(${categories}, 'c5_8')",
    ),
    end("group"),
    q("begin group", "documents", "Giấy tờ đã xuất trình", "Documents shown", app="field-list"),
    q(
        "select_one declaration_form",
        "declaration_form",
        "Tờ khai theo mẫu",
        "Declaration form used",
        req="yes",
        note="Mẫu 1c (clause 4) VERIFIED; 1đ (clause 6) secondary; the mapping of 1a, 1b, 1d is UNVERIFIED (regulations.md §4.3).",
    ),
    q(
        "select_multiple documents",
        "documents_shown",
        "Giấy tờ đã xuất trình (Điều 8.1a)",
        "Documents shown (Art. 8.1a)",
        req="yes",
        note="VERIFIED list, regulations.md §4.3; the household book is out of date since the Residence Law 2020.",
    ),
    end("group"),
    q("begin group", "payment", "Thời điểm hưởng và chi trả", "Start month and payment", app="field-list"),
    q(
        "date",
        "effective_month",
        "Tháng bắt đầu hưởng (ngày 01)",
        "Month the allowance starts (day 01)",
        req="yes",
        app="month-year",
        con="format-date(., '%e') = '1'",
        cmsg=("Nhập ngày 01 của tháng bắt đầu hưởng.", "Enter day 01 of the starting month."),
    ),
    q(
        "select_one payment_method",
        "payment_method",
        "Hình thức nhận trợ cấp",
        "How the allowance is paid",
        req="yes",
        note="Thanh Hóa Plan 06/KH-UBND asks for cashless payment (PRODUCT.md).",
    ),
    q("text", "bank_name", "Ngân hàng", "Bank", req="yes", rel="${payment_method} = 'bank_account'"),
    q(
        "text",
        "bank_account",
        "Số tài khoản",
        "Account number",
        req="yes",
        rel="${payment_method} = 'bank_account'",
        con="regex(., '^[0-9]{6,19}$')",
        cmsg=("Số tài khoản gồm 6–19 chữ số.", "An account number has 6–19 digits."),
    ),
    q(
        "text",
        "account_holder",
        "Chủ tài khoản",
        "Account holder",
        req="yes",
        rel="${payment_method} = 'bank_account'",
    ),
    end("group"),
]

INTAKE_CHOICES = [
    *YES_NO,
    *SEX,
    *ETHNICITY,
    *choices("sa_category", *SA_CATEGORIES),
    *choices(
        "poverty_status",
        ("poor", "Hộ nghèo", "Poor"),
        ("near_poor", "Hộ cận nghèo", "Near-poor"),
        ("none", "Không thuộc hộ nghèo, cận nghèo", "Neither"),
    ),
    *choices(
        "child_situation",
        ("abandoned", "Bị bỏ rơi", "Abandoned"),
        ("orphan_both", "Mồ côi cả cha và mẹ", "Orphaned of both parents"),
        (
            "one_dead_other_missing",
            "Cha hoặc mẹ chết, người kia mất tích/đang chấp hành án/ở cơ sở",
            "One parent dead, the other missing, in prison or in a facility",
        ),
        (
            "both_missing_or_detained",
            "Cả cha và mẹ mất tích, đang chấp hành án hoặc ở cơ sở",
            "Both parents missing, in prison or in facilities",
        ),
        ("other_combination", "Trường hợp khác theo điểm a–l", "Another case of points a–l"),
    ),
    *choices(
        "study_level",
        ("general", "Giáo dục phổ thông", "General education"),
        ("vocational", "Giáo dục nghề nghiệp", "Vocational"),
        ("professional_secondary", "Trung học chuyên nghiệp", "Professional secondary"),
        ("college", "Cao đẳng", "College"),
        ("university", "Đại học văn bằng thứ nhất", "First university degree"),
    ),
    *choices(
        "single_parent",
        ("unmarried", "Không có chồng/vợ", "Unmarried"),
        ("widowed", "Chồng/vợ đã chết", "Spouse dead"),
        ("spouse_missing", "Chồng/vợ mất tích", "Spouse missing"),
    ),
    *choices(
        "disability_level",
        ("severe", "Nặng", "Severe"),
        ("extremely_severe", "Đặc biệt nặng", "Extremely severe"),
    ),
    *choices(
        "declaration_form",
        ("1a", "Mẫu số 1a", "Form 1a"),
        ("1b", "Mẫu số 1b", "Form 1b"),
        ("1c", "Mẫu số 1c", "Form 1c"),
        ("1d", "Mẫu số 1d", "Form 1d"),
        ("1dd", "Mẫu số 1đ", "Form 1đ"),
    ),
    *choices(
        "documents",
        ("id_card", "CMND/CCCD", "ID card"),
        ("residence", "Xác nhận cư trú / sổ hộ khẩu", "Residence confirmation"),
        ("birth_certificate", "Giấy khai sinh của trẻ", "Child's birth certificate"),
        ("hiv_confirmation", "Giấy xác nhận nhiễm HIV", "HIV confirmation"),
        ("pregnancy", "Giấy xác nhận mang thai", "Pregnancy confirmation"),
        ("disability_certificate", "Giấy xác nhận khuyết tật", "Disability certificate"),
        ("poverty_certificate", "Giấy chứng nhận hộ nghèo/cận nghèo", "Poor/near-poor household certificate"),
        ("other", "Giấy tờ khác", "Other"),
    ),
    *choices(
        "payment_method",
        ("bank_account", "Chuyển khoản ngân hàng", "Bank transfer"),
        ("post_office", "Nhận qua bưu điện", "At the post office"),
        ("cash_commune", "Tiền mặt tại xã", "Cash at the commune"),
    ),
]


# --- 3. Person with merit (Ordinance 02/2020/UBTVQH14) ------------------------------------------

MERIT_SURVEY = [
    q("start", "started_at"),
    q("begin group", "person", "Người được ghi sổ", "Person recorded", app="field-list"),
    q(
        "date",
        "survey_date",
        "Ngày ghi sổ",
        "Date recorded",
        req="yes",
        default="today()",
        con=". <= today()",
    ),
    q("text", "full_name", "Họ và tên", "Full name", req="yes"),
    q("select_one sex", "sex", "Giới tính", "Sex", req="yes"),
    q("date", "dob", "Ngày sinh", "Date of birth", req="yes", **DOB_CHECK),
    q("calculate", "age", calc=AGE_CALC),
    q("text", "personal_id", "Số định danh cá nhân / CCCD", "Personal ID number (CCCD)", **PERSONAL_ID),
    q("text", "village", "Thôn, bản, tổ dân phố", "Village", req="yes"),
    q("text", "phone", "Số điện thoại", "Phone number", **PHONE),
    q("select_one yes_no", "alive", "Còn sống?", "Alive?", req="yes", default="yes"),
    q(
        "date",
        "date_of_death",
        "Ngày mất",
        "Date of death",
        req="yes",
        rel="${alive} = 'no'",
        con=". <= today() and . >= ${dob}",
    ),
    end("group"),
    q("begin group", "merit", "Diện người có công", "Merit category", app="field-list"),
    q(
        "select_one merit_role",
        "role",
        "Là người có công hay thân nhân?",
        "Person with merit or a relative?",
        req="yes",
    ),
    q(
        "select_one merit_category",
        "category",
        "Diện người có công (Điều 3 Pháp lệnh 02/2020)",
        "Category (Ordinance 02/2020 Art. 3)",
        req="yes",
        note="VERIFIED: regulations.md §4.5 (12 categories).",
    ),
    q(
        "text",
        "merit_person_name",
        "Họ tên người có công",
        "Name of the person with merit",
        req="yes",
        rel="${role} = 'relative'",
    ),
    q(
        "select_one merit_relative",
        "relative_relationship",
        "Quan hệ với người có công",
        "Relationship to the person with merit",
        req="yes",
        rel="${role} = 'relative'",
        note="VERIFIED: parents, spouse, children, the person who raised a martyr (§4.5).",
    ),
    q(
        "integer",
        "injury_rate",
        "Tỷ lệ tổn thương cơ thể (%)",
        "Bodily injury rate (%)",
        req="yes",
        rel="${role} = 'person' and selected('war_invalid sick_soldier toxic_chemicals', ${category})",
        con=". >= 1 and . <= 100",
        note="UNVERIFIED: the minimum rates per category (e.g. war invalids) were not checked; only 1–100 % is enforced.",
    ),
    end("group"),
    q(
        "begin group",
        "decision",
        "Quyết định công nhận và trợ cấp",
        "Recognition and allowance",
        app="field-list",
    ),
    q("text", "decision_number", "Số quyết định công nhận", "Recognition decision number", req="yes"),
    q("date", "decision_date", "Ngày quyết định", "Decision date", req="yes", con=". <= today()"),
    q(
        "decimal",
        "monthly_allowance",
        "Trợ cấp hàng tháng đang hưởng (đồng)",
        "Monthly allowance received (VND)",
        con=". >= 0",
        note="Standard level 2,789,000 VND from 1/7/2024 (VERIFIED, §4.5); coefficients by category are not in this form.",
    ),
    q(
        "select_one yes_no",
        "health_insurance",
        "Được cấp thẻ BHYT?",
        "Has a health-insurance card?",
        req="yes",
    ),
    end("group"),
]

MERIT_CHOICES = [
    *YES_NO,
    *SEX,
    *choices(
        "merit_role",
        ("person", "Người có công", "Person with merit"),
        ("relative", "Thân nhân người có công", "Relative"),
    ),
    *choices(
        "merit_category",
        ("pre_1945", "Người hoạt động cách mạng trước 01/01/1945", "Revolutionary activist before 1/1/1945"),
        (
            "pre_uprising",
            "Người hoạt động cách mạng từ 01/01/1945 đến Tổng khởi nghĩa 19/8/1945",
            "Revolutionary activist 1/1/1945 to the August 1945 uprising",
        ),
        ("martyr", "Liệt sỹ", "Martyr"),
        ("heroic_mother", "Bà mẹ Việt Nam anh hùng", "Vietnamese Heroic Mother"),
        ("armed_forces_hero", "Anh hùng lực lượng vũ trang nhân dân", "Hero of the People's Armed Forces"),
        ("labour_hero", "Anh hùng Lao động trong thời kỳ kháng chiến", "Labour Hero of the resistance"),
        (
            "war_invalid",
            "Thương binh, người hưởng chính sách như thương binh",
            "War invalid, or treated as one",
        ),
        ("sick_soldier", "Bệnh binh", "Sick soldier"),
        (
            "toxic_chemicals",
            "Người hoạt động kháng chiến bị nhiễm chất độc hóa học",
            "Resistance activist exposed to toxic chemicals",
        ),
        (
            "imprisoned",
            "Người hoạt động cách mạng, kháng chiến bị địch bắt tù, đày",
            "Imprisoned or exiled by the enemy",
        ),
        (
            "resistance_fighter",
            "Người hoạt động kháng chiến giải phóng dân tộc, bảo vệ Tổ quốc",
            "Resistance fighter",
        ),
        ("helper", "Người có công giúp đỡ cách mạng", "Person who helped the revolution"),
    ),
    *choices(
        "merit_relative",
        ("parent", "Cha đẻ, mẹ đẻ", "Parent"),
        ("spouse", "Vợ hoặc chồng", "Spouse"),
        ("child", "Con", "Child"),
        ("raised_martyr", "Người có công nuôi liệt sỹ", "Person who raised the martyr"),
    ),
]


# --- 4. Child in special circumstances (Law on Children 2016, Art. 10) -----------------------------

CHILD_SURVEY = [
    q("start", "started_at"),
    q("begin group", "child", "Trẻ em", "Child", app="field-list"),
    q(
        "date",
        "survey_date",
        "Ngày ghi sổ",
        "Date recorded",
        req="yes",
        default="today()",
        con=". <= today()",
    ),
    q("text", "full_name", "Họ và tên trẻ", "Child's full name", req="yes"),
    q("select_one sex", "sex", "Giới tính", "Sex", req="yes"),
    q("date", "dob", "Ngày sinh", "Date of birth", req="yes", **DOB_CHECK),
    q("calculate", "age", calc=AGE_CALC),
    q(
        "note",
        "not_a_child",
        "Người dưới 16 tuổi mới là trẻ em (Luật Trẻ em, Điều 1).",
        "A child is a person under 16 (Law on Children, Art. 1).",
        rel="${age} != '' and ${age} >= 16",
    ),
    q("text", "personal_id", "Số định danh cá nhân", "Personal ID number", **PERSONAL_ID),
    q("select_one ethnicity", "ethnicity", "Dân tộc", "Ethnicity", req="yes"),
    q("text", "village", "Thôn, bản, tổ dân phố", "Village", req="yes"),
    q("text", "carer_name", "Họ tên người chăm sóc", "Carer's name", req="yes"),
    q(
        "select_one carer_relationship",
        "carer_relationship",
        "Quan hệ của người chăm sóc với trẻ",
        "Carer's relationship to the child",
        req="yes",
    ),
    q("text", "carer_phone", "Số điện thoại người chăm sóc", "Carer's phone", **PHONE),
    end("group"),
    q("begin group", "circumstances", "Hoàn cảnh đặc biệt", "Special circumstances", app="field-list"),
    q(
        "select_multiple child_group",
        "groups",
        "Nhóm trẻ em có hoàn cảnh đặc biệt (chọn tất cả)",
        "Groups (choose all that apply)",
        req="yes",
        note="VERIFIED: the 14 groups of Law on Children 102/2016/QH13 Art. 10 (regulations.md §4.7); Decree 56/2017 defines each.",
    ),
    q(
        "select_one poverty_status",
        "household_poverty",
        "Hộ gia đình của trẻ",
        "The child's household is",
        req="yes",
    ),
    q(
        "note",
        "illness_needs_poverty",
        "Nhóm 13 chỉ áp dụng cho trẻ thuộc hộ nghèo, cận nghèo.",
        "Group 13 applies only to children of poor or near-poor households.",
        rel="selected(${groups}, 'serious_illness_poor') and ${household_poverty} = 'none'",
    ),
    q(
        "select_multiple support",
        "support_received",
        "Hỗ trợ đang nhận",
        "Support received",
        req="yes",
        con="not(selected(., 'none')) or count-selected(.) = 1",
        cmsg=("'Chưa nhận' không chọn cùng hỗ trợ khác.", "'None yet' cannot be chosen with support."),
    ),
    q("text", "remarks", "Ghi chú", "Remarks"),
    end("group"),
]

CHILD_CHOICES = [
    *SEX,
    *ETHNICITY,
    *choices(
        "poverty_status",
        ("poor", "Hộ nghèo", "Poor"),
        ("near_poor", "Hộ cận nghèo", "Near-poor"),
        ("none", "Không", "Neither"),
    ),
    *choices(
        "carer_relationship",
        ("parent", "Cha/mẹ", "Parent"),
        ("grandparent", "Ông/bà", "Grandparent"),
        ("relative", "Họ hàng khác", "Other relative"),
        ("foster", "Người nhận chăm sóc thay thế", "Foster carer"),
        ("facility", "Cơ sở trợ giúp xã hội", "Social-assistance facility"),
        ("none", "Không có", "None"),
    ),
    *choices(
        "child_group",
        ("orphan_both", "1. Mồ côi cả cha và mẹ", "1. Orphaned of both parents"),
        ("abandoned", "2. Bị bỏ rơi", "2. Abandoned"),
        ("no_support", "3. Không nơi nương tựa", "3. Without support"),
        ("disabled", "4. Khuyết tật", "4. Disabled"),
        ("hiv", "5. Nhiễm HIV/AIDS", "5. HIV/AIDS"),
        ("law_violation", "6. Vi phạm pháp luật", "6. In conflict with the law"),
        ("drugs", "7. Nghiện ma túy", "7. Drug-addicted"),
        (
            "dropped_out_to_work",
            "8. Phải bỏ học kiếm sống chưa hoàn thành THCS",
            "8. Dropped out to work before finishing lower secondary",
        ),
        (
            "violence",
            "9. Bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực",
            "9. Seriously harmed by violence",
        ),
        ("exploited", "10. Bị bóc lột", "10. Exploited"),
        ("sexual_abuse", "11. Bị xâm hại tình dục", "11. Sexually abused"),
        ("trafficked", "12. Bị mua bán", "12. Trafficked"),
        (
            "serious_illness_poor",
            "13. Mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo, cận nghèo",
            "13. Serious or long-term illness, poor or near-poor household",
        ),
        (
            "migrant_refugee",
            "14. Di cư, lánh nạn chưa xác định được cha mẹ hoặc không có người chăm sóc",
            "14. Migrant or refugee with no identified parents or carer",
        ),
    ),
    *choices(
        "support",
        ("allowance", "Trợ cấp xã hội hàng tháng", "Monthly social allowance"),
        ("health_insurance", "Thẻ bảo hiểm y tế", "Health-insurance card"),
        ("education", "Hỗ trợ giáo dục", "Education support"),
        ("alternative_care", "Chăm sóc thay thế", "Alternative care"),
        ("counselling", "Tư vấn, trị liệu tâm lý", "Counselling"),
        ("none", "Chưa nhận hỗ trợ", "None yet"),
    ),
]

FORMS = {
    "household_review": (HOUSEHOLD_SURVEY, HOUSEHOLD_CHOICES, "Phiếu rà soát hộ nghèo, hộ cận nghèo"),
    "social_assistance_intake": (INTAKE_SURVEY, INTAKE_CHOICES, "Tiếp nhận hồ sơ trợ giúp xã hội hàng tháng"),
    "merit_register": (MERIT_SURVEY, MERIT_CHOICES, "Sổ theo dõi người có công với cách mạng"),
    "child_register": (CHILD_SURVEY, CHILD_CHOICES, "Sổ theo dõi trẻ em có hoàn cảnh đặc biệt"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "forms"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    for form_id, (survey, choice_rows, title) in FORMS.items():
        settings = {"form_id": form_id, "version": VERSION, "form_title": title, "default_language": "vi"}
        write_workbook(out / f"{form_id}.xlsx", survey, choice_rows, settings)
        print(f"wrote {out / f'{form_id}.xlsx'}")  # noqa: T201 - a script
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
