"""Writes the XLSForms built for the tests (tests/data/xlsform/built_*.xlsx and their CSV files).

They are written here, not copied from a public project: each is shaped like forms seen in the field
(household visits with a GPS point and photos, price surveys with pulldata, cascading selects from
external_choices, old loops, entities) so that the coverage table covers every feature the engine reads.
Run once by hand after changing a form: ``.venv/bin/python tools/make_xlsform_fixtures.py``.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "xlsform"

YES_NO = [["yes_no", "yes", "Có", "Yes"], ["yes_no", "no", "Không", "No"]]
CHOICES_HEADER = ["list_name", "name", "label::Tiếng Việt (vi)", "label::English (en)"]


def _write(name: str, sheets: dict[str, list[list[object]]]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(OUT / name)


def _settings(form_id: str, title: str, language: str = "Tiếng Việt (vi)") -> list[list[object]]:
    return [
        ["form_title", "form_id", "version", "default_language"],
        [title, form_id, "2026112801", language],
    ]


SURVEY = ["type", "name", "label::Tiếng Việt (vi)", "label::English (en)"]


def household_visit() -> None:
    """A visit to a household: when, where (point, road, plot), a photo and the insurance card."""
    extra = ["required", "constraint", "constraint_message::Tiếng Việt (vi)", "appearance"]
    _write(
        "built_household_visit_geo.xlsx",
        {
            "survey": [
                [*SURVEY, *extra],
                ["start", "started"],
                ["datetime", "visit_at", "Thời điểm đến thăm", "Time of the visit", "yes"],
                ["time", "left_at", "Giờ ra về", "Time left"],
                ["text", "head_name", "Họ tên chủ hộ", "Name of the household head", "yes"],
                ["geopoint", "house", "Vị trí nhà", "Location of the house", "yes"],
                ["geotrace", "road", "Đường vào nhà", "Path to the house"],
                ["geoshape", "plot", "Thửa đất ở", "Residential plot"],
                [
                    "decimal",
                    "plot_area",
                    "Diện tích thửa đất (m²)",
                    "Plot area (m²)",
                    None,
                    ". > 0",
                    "Diện tích phải lớn hơn 0",
                ],
                ["image", "house_photo", "Ảnh chụp nhà", "Photo of the house", None, None, None, "new"],
                ["barcode", "insurance_card", "Mã thẻ BHYT", "Health insurance card number"],
                [
                    "select_one yes_no",
                    "has_card",
                    "Hộ có thẻ BHYT?",
                    "Does the household have a card?",
                    "yes",
                ],
                ["note", "done", "Cảm ơn ${head_name}", "Thank you ${head_name}"],
                ["end", "ended"],
            ],
            "choices": [CHOICES_HEADER, *YES_NO],
            "settings": _settings("household_visit_geo", "Thăm hộ gia đình"),
        },
    )


def market_prices() -> None:
    """A price survey: items from a CSV, last month's price pulled from another CSV."""
    _write(
        "built_market_prices_pulldata.xlsx",
        {
            "survey": [
                [*SURVEY, "calculation", "constraint", "relevant"],
                ["date", "survey_date", "Ngày khảo sát", "Survey date"],
                ["begin repeat", "item", "Mặt hàng", "Item"],
                ["select_one_from_file items.csv", "item_code", "Mặt hàng", "Item"],
                [
                    "calculate",
                    "last_price",
                    None,
                    None,
                    "pulldata('last_prices', 'price', 'code', ${item_code})",
                ],
                ["calculate", "unit", None, None, "pulldata('last_prices', 'unit', 'code', ${item_code})"],
                [
                    "integer",
                    "price",
                    "Giá hôm nay (đồng/${unit})",
                    "Price today (VND per ${unit})",
                    None,
                    ". > 0",
                ],
                [
                    "calculate",
                    "change",
                    None,
                    None,
                    "if(${last_price} = '', '', round((${price} - ${last_price}) div ${last_price} * 100, 1))",
                ],
                [
                    "note",
                    "change_note",
                    "Thay đổi so với tháng trước: ${change}%",
                    "Change since last month: ${change}%",
                    None,
                    None,
                    "${change} != ''",
                ],
                ["end repeat"],
                ["calculate", "items_count", None, None, "count(${item})"],
            ],
            "settings": _settings("market_prices", "Giá cả thị trường"),
        },
    )
    (OUT / "items.csv").write_text(
        "name,label,group\nrice,Gạo tẻ,food\npork,Thịt lợn,food\nsalt,Muối i-ốt,food\ndiesel,Dầu diesel,fuel\n",
        encoding="utf-8",
    )
    (OUT / "last_prices.csv").write_text(
        "code,price,unit\nrice,18000,kg\npork,120000,kg\nsalt,6000,kg\ndiesel,21000,lít\n", encoding="utf-8"
    )


def commune_cascade() -> None:
    """Province, district and commune: the long lists in external_choices, filtered step by step."""
    external = [
        ["list_name", "name", "label", "province", "district"],
        ["district", "ba_thuoc", "Huyện Bá Thước", "th", None],
        ["district", "thuong_xuan", "Huyện Thường Xuân", "th", None],
        ["district", "ky_son", "Huyện Kỳ Sơn", "na", None],
        ["commune", "ai_thuong", "Xã Ái Thượng", "th", "ba_thuoc"],
        ["commune", "dien_lu", "Xã Điền Lư", "th", "ba_thuoc"],
        ["commune", "luong_son", "Xã Lương Sơn", "th", "thuong_xuan"],
        ["commune", "muong_xen", "Thị trấn Mường Xén", "na", "ky_son"],
    ]
    _write(
        "built_commune_external.xlsx",
        {
            "survey": [
                ["type", "name", "label", "choice_filter", "required", "calculation"],
                ["select_one province", "province", "Tỉnh", None, "yes"],
                ["select_one_external district", "district", "Huyện", "province=${province}", "yes"],
                [
                    "select_one_external commune",
                    "commune",
                    "Xã",
                    "province=${province} and district=${district}",
                    "yes",
                ],
                ["text", "village", "Thôn, bản"],
                ["calculate", "commune_name", None, None, None, "jr:choice-name(${commune}, '${commune}')"],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["province", "th", "Thanh Hóa"],
                ["province", "na", "Nghệ An"],
            ],
            "external_choices": external,
            "settings": [["form_title", "form_id", "version"], ["Địa bàn", "commune_external", "2026112801"]],
        },
    )


def school_loop() -> None:
    """The old loop over a list: one group of questions per school level."""
    _write(
        "built_school_loop.xlsx",
        {
            "survey": [
                [*SURVEY, "constraint"],
                ["integer", "children", "Số trẻ em trong hộ", "Children in the household", ". >= 0"],
                ["begin loop over level", "schooling", "Đi học", "Schooling"],
                ["integer", "enrolled", "Số trẻ học %(label)s", "Children in %(label)s", ". <= ${children}"],
                [
                    "select_one yes_no",
                    "fee_waiver",
                    "Được miễn học phí %(label)s?",
                    "Fee waiver in %(label)s?",
                ],
                ["end loop"],
            ],
            "choices": [
                CHOICES_HEADER,
                *YES_NO,
                ["level", "primary", "tiểu học", "primary school"],
                ["level", "lower_secondary", "trung học cơ sở", "lower secondary school"],
                ["level", "upper_secondary", "trung học phổ thông", "upper secondary school"],
            ],
            "settings": _settings("school_loop", "Trẻ em đi học"),
        },
    )


def livelihood() -> None:
    """Income sources with "other", a member roster, the head's name picked by index, once()."""
    _write(
        "built_livelihood_or_other.xlsx",
        {
            "survey": [
                [*SURVEY, "calculation", "relevant"],
                ["calculate", "form_started", None, None, "once(now())"],
                ["select_multiple income or_other", "income_sources", "Nguồn thu nhập", "Income sources"],
                ["select_one water or_other", "water", "Nguồn nước chính", "Main water source"],
                ["calculate", "water_label", None, None, "jr:choice-name(${water}, '${water}')"],
                ["begin repeat", "member", "Thành viên", "Member"],
                ["text", "member_name", "Họ tên", "Name"],
                ["integer", "age", "Tuổi", "Age"],
                ["end repeat"],
                ["integer", "head_index", "Chủ hộ là thành viên thứ mấy?", "Which member is the head?"],
                [
                    "calculate",
                    "head_name",
                    None,
                    None,
                    "indexed-repeat(${member_name}, ${member}, ${head_index})",
                ],
                [
                    "note",
                    "summary",
                    "Chủ hộ: ${head_name}; nước: ${water_label}",
                    "Head: ${head_name}; water: ${water_label}",
                    None,
                    "${head_index} != ''",
                ],
            ],
            "choices": [
                CHOICES_HEADER,
                ["income", "farming", "Trồng trọt", "Farming"],
                ["income", "livestock", "Chăn nuôi", "Livestock"],
                ["income", "wages", "Làm thuê", "Wages"],
                ["income", "remittance", "Con cái gửi về", "Remittances"],
                ["water", "piped", "Nước máy", "Piped water"],
                ["water", "well", "Giếng khoan, giếng đào", "Well"],
                ["water", "stream", "Khe suối", "Stream"],
            ],
            "settings": _settings("livelihood_or_other", "Sinh kế hộ gia đình"),
        },
    )


def entities_registration() -> None:
    """A registration form that also declares an ODK entity (the entities sheet is for ODK Central)."""
    _write(
        "built_entities_registration.xlsx",
        {
            "survey": [
                ["type", "name", "label", "save_to", "required"],
                ["text", "head_name", "Họ tên chủ hộ", "head_name", "yes"],
                ["text", "village", "Thôn", "village", "yes"],
                ["integer", "members", "Số nhân khẩu", "members", None],
                ["deviceid", "device"],
                ["username", "user"],
            ],
            "entities": [["list_name", "label"], ["households", "concat(${head_name}, ' - ', ${village})"]],
            "settings": [
                ["form_title", "form_id", "version"],
                ["Đăng ký hộ", "entities_registration", "2026112801"],
            ],
        },
    )


def legacy_aliases() -> None:
    """A form in the spellings of old XLSForm tools (ODK Build exports, early templates)."""
    _write(
        "built_legacy_aliases.xlsx",
        {
            "survey": [
                ["type", "name", "label:English", "constraint", "hint:English"],
                ["get today", "today"],
                ["imei", "imei"],
                ["add text prompt", "respondent", "Respondent's name"],
                ["phone number", "phone", "Phone number"],
                ["q date", "birth_date", "Date of birth", ". < today()"],
                ["select one from sex", "sex", "Sex"],
                ["select all that apply from crops or specify other", "crops", "Crops grown"],
                ["percentage", "sold_share", "Share of the harvest sold (%)"],
                ["number of days in last month", "days_worked", "Days worked last month"],
                ["add location prompt", "farm", "Farm location", None, "latitude longitude"],
                ["add note prompt", "bye", "Thank you"],
            ],
            "choices": [
                ["list name", "name", "label:English"],
                ["sex", "female", "Female"],
                ["sex", "male", "Male"],
                ["crops", "rice", "Rice"],
                ["crops", "maize", "Maize"],
                ["crops", "cassava", "Cassava"],
            ],
            "settings": [["form_title", "id_string"], ["Legacy survey", "legacy_aliases"]],
        },
    )


def clinic_media() -> None:
    """A commune health station's intake: recorded consent, a scanned referral, video of a wound."""
    _write(
        "built_clinic_media.xlsx",
        {
            "survey": [
                [*SURVEY, "required", "relevant"],
                ["datetime", "arrived", "Giờ đến", "Arrival time", "yes"],
                ["text", "patient", "Họ tên người bệnh", "Patient's name", "yes"],
                ["audio", "consent", "Ghi âm lời đồng ý", "Recorded consent", "yes"],
                ["select_one yes_no", "referred", "Có giấy chuyển tuyến?", "Referral letter?", "yes"],
                [
                    "file",
                    "referral",
                    "Bản quét giấy chuyển tuyến",
                    "Scanned referral letter",
                    "yes",
                    "${referred} = 'yes'",
                ],
                ["video", "wound", "Video vết thương", "Video of the wound"],
                ["time", "seen_at", "Giờ khám", "Time seen"],
            ],
            "choices": [CHOICES_HEADER, *YES_NO],
            "settings": _settings("clinic_media", "Tiếp nhận tại trạm y tế"),
        },
    )


def main() -> None:
    household_visit()
    market_prices()
    commune_cascade()
    school_loop()
    livelihood()
    entities_registration()
    legacy_aliases()
    clinic_media()


if __name__ == "__main__":
    main()
