"""Vietnamese and English texts for every problem and issue code the engine produces."""

from __future__ import annotations

import logging

from xaapp.domain.text import AMOUNT_MESSAGES, nfc

logger = logging.getLogger(__name__)

#: code -> (Vietnamese, English); ``{name}`` placeholders are filled from the parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    # Workbook structure
    "file_unreadable": (
        "không đọc được tệp Excel ({detail}); hãy lưu lại dưới dạng .xlsx",
        "cannot read the Excel file ({detail}); save it again as .xlsx",
    ),
    "no_survey_sheet": (
        "không có trang tính 'survey'; XLSForm cần trang 'survey' (và 'choices', 'settings')",
        "there is no 'survey' sheet; an XLSForm needs a 'survey' sheet (and 'choices', 'settings')",
    ),
    "missing_column": (
        "thiếu cột '{column}' ở dòng tiêu đề",
        "the header row has no '{column}' column",
    ),
    "unknown_type": (
        "kiểu câu hỏi '{type}' không tồn tại; hãy dùng text, integer, decimal, date, select_one, …",
        "unknown question type '{type}'; use text, integer, decimal, date, select_one, …",
    ),
    "unsupported_type": (
        "kiểu '{type}' chưa được xaapp hỗ trợ; hãy bỏ câu hỏi này hoặc đổi sang kiểu khác",
        "the type '{type}' is not supported by xaapp; remove the question or use another type",
    ),
    "unsupported_sheet": (
        "trang tính '{sheet}' ({feature}) chưa được hỗ trợ; hãy xóa trang này",
        "the sheet '{sheet}' ({feature}) is not supported; delete that sheet",
    ),
    "unsupported_column": (
        "cột '{column}' chưa được hỗ trợ và sẽ bị bỏ qua",
        "the column '{column}' is not supported and is ignored",
    ),
    "unsupported_function": (
        "hàm {function}() chưa được hỗ trợ; hãy viết lại biểu thức",
        "the function {function}() is not supported; rewrite the expression",
    ),
    "metadata_skipped": (
        "trường siêu dữ liệu '{type}' không có trên máy tính: luôn để trống",
        "the metadata field '{type}' does not exist on a desktop: it is always empty",
    ),
    "ignored_sheet": (
        "trang tính '{sheet}' ({feature}) không dùng trên máy tính và được bỏ qua",
        "the sheet '{sheet}' ({feature}) is not used on a desktop and is ignored",
    ),
    "missing_external_list": (
        "không có danh sách '{list}' trong trang 'external_choices'",
        "there is no list '{list}' in the 'external_choices' sheet",
    ),
    "data_file_missing": (
        "không thấy tệp {file} bên cạnh biểu mẫu (thư mục {folder}); hãy chép tệp vào đó",
        "the file {file} is not beside the form (folder {folder}); copy it there",
    ),
    "data_file_unreadable": (
        "không đọc được tệp {file} ({detail}); cần tệp CSV UTF-8 có dòng tiêu đề",
        "cannot read the file {file} ({detail}); a UTF-8 CSV file with a header row is needed",
    ),
    "data_file_column": (
        "tệp {file} không có cột '{column}' (có: {columns})",
        "the file {file} has no column '{column}' (it has: {columns})",
    ),
    "pulldata_file": (
        "đối số đầu của pulldata() phải là tên tệp viết trong dấu nháy, ví dụ pulldata('gia', …)",
        "the first argument of pulldata() must be a quoted file name, e.g. pulldata('prices', …)",
    ),
    "missing_name": ("thiếu tên (cột name)", "the name is missing (name column)"),
    "invalid_name": (
        "tên '{name}' không hợp lệ: bắt đầu bằng chữ cái hoặc _, chỉ gồm chữ, số, _ - .",
        "invalid name '{name}': start with a letter or _, then letters, digits, _ - .",
    ),
    "duplicate_name": (
        "tên '{name}' đã dùng ở {other}; mỗi tên chỉ được dùng một lần",
        "the name '{name}' is already used at {other}; each name must be unique",
    ),
    "missing_list_name": (
        "kiểu '{type}' cần tên danh sách lựa chọn, ví dụ 'select_one yes_no'",
        "the type '{type}' needs a choice list name, e.g. 'select_one yes_no'",
    ),
    "missing_choice_list": (
        "không có danh sách lựa chọn '{list}' trong trang 'choices'",
        "there is no choice list '{list}' in the 'choices' sheet",
    ),
    "empty_choice_list": (
        "danh sách lựa chọn '{list}' không có lựa chọn nào",
        "the choice list '{list}' has no choices",
    ),
    "duplicate_choice": (
        "lựa chọn '{name}' bị lặp trong danh sách '{list}'",
        "the choice '{name}' appears twice in the list '{list}'",
    ),
    "choice_missing_name": (
        "lựa chọn thiếu tên (cột name)",
        "the choice has no name (name column)",
    ),
    "missing_label": (
        "câu hỏi '{name}' không có nhãn (label)",
        "the question '{name}' has no label",
    ),
    "unmatched_end": (
        "'{type}' không có '{expected}' tương ứng",
        "'{type}' has no matching '{expected}'",
    ),
    "mismatched_end": (
        "'{type}' đóng nhầm '{opened}' mở ở {other}; cần '{expected}'",
        "'{type}' closes '{opened}' opened at {other}; expected '{expected}'",
    ),
    "unclosed_begin": (
        "'{type} {name}' không được đóng; thêm dòng '{expected}'",
        "'{type} {name}' is never closed; add an '{expected}' row",
    ),
    "empty_group": (
        "nhóm '{name}' không có câu hỏi nào",
        "the group '{name}' contains no questions",
    ),
    "missing_calculation": (
        "kiểu calculate cần công thức ở cột calculation",
        "a calculate row needs a formula in the calculation column",
    ),
    "bad_default": (
        "giá trị mặc định '{value}' không hợp lệ cho kiểu {type}",
        "the default '{value}' is not valid for the type {type}",
    ),
    "undefined_reference": (
        "biểu thức tham chiếu ${{{name}}} nhưng không có câu hỏi nào tên '{name}'",
        "the expression refers to ${{{name}}} but no question is named '{name}'",
    ),
    "ambiguous_reference": (
        "${{{name}}} không rõ: tên '{name}' được dùng ở nhiều nhóm ({cells}); hãy đổi tên cho khác nhau",
        "${{{name}}} is ambiguous: the name '{name}' is used in several groups ({cells}); rename them",
    ),
    "reference_to_group": (
        "${{{name}}} là một nhóm, không có giá trị; chỉ dùng trong count()",
        "${{{name}}} is a group and has no value; use it only inside count()",
    ),
    "syntax_error": (
        "lỗi cú pháp ở ký tự {pos}: {detail}",
        "syntax error at character {pos}: {detail}",
    ),
    "cycle": (
        "vòng lặp tính toán: {cycle}; một công thức không được phụ thuộc vào chính nó",
        "calculation cycle: {cycle}; a formula must not depend on itself",
    ),
    "choice_filter_column": (
        "choice_filter dùng cột '{column}' mà danh sách '{list}' không có",
        "the choice_filter uses the column '{column}' which the list '{list}' does not have",
    ),
    "unknown_check": (
        "cột check: '{check}' không phải kiểm tra của xaapp; có: {known}",
        "check column: '{check}' is not an xaapp check; available: {known}",
    ),
    "check_arity": (
        "kiểm tra {check}() cần các đối số {expected}, có {given}",
        "the check {check}() takes {expected}, {given} given",
    ),
    "check_not_input": (
        "cột check chỉ dùng cho câu hỏi nhập liệu, không cho kiểu '{type}'",
        "the check column is for questions that are answered, not for the type '{type}'",
    ),
    "missing_setting": (
        "thiếu '{name}' trong trang settings; đặt giá trị mặc định '{value}'",
        "'{name}' is missing from the settings sheet; using '{value}'",
    ),
    "unknown_language": (
        "ngôn ngữ mặc định '{language}' không có cột nhãn nào",
        "the default language '{language}' has no label column",
    ),
    # Expression syntax details (used as {detail})
    "ref_unclosed": ("thiếu '}}' sau '${{'", "missing '}}' after '${{'"),
    "ref_empty": ("'${{}}' không có tên", "'${{}}' has no name"),
    "string_unclosed": ("chuỗi chưa đóng dấu nháy", "unclosed string quote"),
    "bad_character": ("ký tự không hợp lệ '{char}'", "unexpected character '{char}'"),
    "unexpected_token": ("không mong đợi '{token}'", "unexpected '{token}'"),
    "unexpected_end": ("biểu thức kết thúc giữa chừng", "the expression ends too early"),
    "expected": ("cần '{expected}' nhưng gặp '{token}'", "expected '{expected}' but found '{token}'"),
    "unknown_function": ("không có hàm '{function}'", "there is no function '{function}'"),
    "arity": (
        "hàm {function}() cần {expected} đối số, có {given}",
        "the function {function}() takes {expected} argument(s), {given} given",
    ),
    "unsupported_syntax": ("cú pháp '{syntax}' chưa được hỗ trợ", "the syntax '{syntax}' is not supported"),
    # Evaluation errors (at run time)
    "bad_regex": ("biểu thức chính quy sai: {detail}", "invalid regular expression: {detail}"),
    "bad_value": (
        "giá trị không tính được ({function} {value})",
        "cannot compute the value ({function} {value})",
    ),
    "bad_date": ("'{value}' không phải ngày hợp lệ", "'{value}' is not a valid date"),
    # Issues on answers
    "required": ("Câu hỏi này bắt buộc phải trả lời.", "This question is required."),
    "constraint": ("Câu trả lời không hợp lệ.", "The answer is not valid."),
    "not_integer": ("Hãy nhập một số nguyên.", "Enter a whole number."),
    "not_decimal": ("Hãy nhập một số.", "Enter a number."),
    "not_date": ("Hãy nhập ngày dạng dd/mm/yyyy.", "Enter a date as dd/mm/yyyy."),
    "no_such_date": (
        "Ngày {value} không có: tháng {month}/{year} có {days} ngày.",
        "There is no {value}: month {month}/{year} has {days} days.",
    ),
    "no_such_month": (
        "Ngày {value} không có: tháng chỉ từ 1 đến 12.",
        "There is no {value}: months go from 1 to 12.",
    ),
    **AMOUNT_MESSAGES,  # "12 trieu", "12,5" in a money field (the domain owns the wording)
    "not_time": ("Hãy nhập giờ dạng HH:MM (ví dụ 14:30).", "Enter a time as HH:MM (e.g. 14:30)."),
    "not_datetime": (
        "Hãy nhập ngày giờ dạng dd/mm/yyyy HH:MM.",
        "Enter a date and time as dd/mm/yyyy HH:MM.",
    ),
    "not_geopoint": (
        "Hãy nhập vị trí dạng «vĩ độ kinh độ» (ví dụ 19.8076 105.7764), có thể thêm độ cao và độ chính xác.",
        "Enter a place as «latitude longitude» (e.g. 19.8076 105.7764), optionally altitude and accuracy.",
    ),
    "bad_latitude": (
        "Vĩ độ {value} không có: vĩ độ từ −90 đến 90.",
        "There is no latitude {value}: latitudes go from −90 to 90.",
    ),
    "bad_longitude": (
        "Kinh độ {value} không có: kinh độ từ −180 đến 180.",
        "There is no longitude {value}: longitudes go from −180 to 180.",
    ),
    "bad_accuracy": ("Độ chính xác {value} không thể âm.", "The accuracy {value} cannot be negative."),
    "too_few_points": (
        "Cần ít nhất {count} điểm, cách nhau bằng dấu ; (mỗi điểm «vĩ độ kinh độ»).",
        "At least {count} points are needed, separated by ; (each «latitude longitude»).",
    ),
    "shape_not_closed": (
        "Vùng chưa khép kín: điểm cuối phải trùng điểm đầu ({first}).",
        "The shape is not closed: the last point must repeat the first ({first}).",
    ),
    "not_attachment": (
        "Hãy chọn tệp bằng nút «Chọn tệp…».",
        "Choose the file with the «Choose file…» button.",
    ),
    "not_a_choice": (
        "'{value}' không có trong danh sách lựa chọn.",
        "'{value}' is not one of the choices.",
    ),
    "read_only": ("Câu hỏi này chỉ được xem, không sửa.", "This question is read-only."),
    "evaluation_error": ("Lỗi khi tính công thức: {detail}", "Error evaluating the formula: {detail}"),
    "unknown_question": (
        "Không có câu hỏi '{path}' trong biểu mẫu.",
        "There is no question '{path}' in the form.",
    ),
    "unknown_repeat": ("'{name}' không phải nhóm lặp.", "'{name}' is not a repeat."),
    "repeat_fixed": (
        "Số lần lặp của '{name}' được tính theo công thức, không thêm/bớt tay được.",
        "The number of '{name}' entries is computed by a formula and cannot be changed by hand.",
    ),
    "bad_answers": ("Tệp câu trả lời không hợp lệ: {detail}", "Invalid answers file: {detail}"),
    "wrong_form": (
        "Câu trả lời thuộc biểu mẫu '{got}', không phải '{expected}'.",
        "The answers belong to the form '{got}', not '{expected}'.",
    ),
}


def message(code: str, lang: str = "vi", **params: object) -> str:
    """The text of *code* in *lang* ("vi" or "en"), with parameters filled in; NFC."""
    vi, en = MESSAGES.get(code, (code, code))
    english = lang.lower().startswith("en")
    template = en if english else vi
    if english:  # a parameter may itself be bilingual (a syntax error's detail)
        params = {k: getattr(v, "en", v) for k, v in params.items()}
    try:
        return nfc(template.format(**params))
    except (KeyError, IndexError):
        logger.warning("message %s lacks parameters: %s", code, params)
        return nfc(template)
