"""`xaapp forms check|eval`: let a form author check a questionnaire and test its logic without the app."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from xaapp.errors import KnownError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "forms",
        parents=[common],
        help="kiểm tra và chạy thử biểu mẫu XLSForm / check and try XLSForm questionnaires",
        description="Công cụ cho người soạn biểu mẫu. / Tools for form authors.",
    )
    sub = parser.add_subparsers(dest="forms_command", metavar="check|eval", required=True)
    check = sub.add_parser(
        "check",
        parents=[common],
        help="liệt kê mọi lỗi của biểu mẫu / list every problem of a form",
        description="In mỗi lỗi dạng sheet!Ô: thông báo. Mã thoát 0 khi hợp lệ, 1 khi có lỗi. / "
        "Prints each problem as sheet!CELL: message. Exit 0 when valid (warnings allowed), 1 when not.",
    )
    check.add_argument("files", nargs="+", metavar="FORM.xlsx")
    check.add_argument("--json", action="store_true", help="kết quả dạng JSON / machine-readable output")
    check.set_defaults(func=run_check)
    ev = sub.add_parser(
        "eval",
        parents=[common],
        help="chạy logic của biểu mẫu trên câu trả lời / run a form's logic on answers",
        description="In JSON: complete và từng câu hỏi (relevant, required, value, valid, message). / "
        "Prints JSON: complete and every question (relevant, required, value, valid, message).",
    )
    ev.add_argument("file", metavar="FORM.xlsx")
    ev.add_argument("--answers", required=True, metavar="ANSWERS.json")
    ev.add_argument("--lang", default="vi", help="ngôn ngữ thông báo (vi, en) / message language")
    ev.add_argument("--today", metavar="YYYY-MM-DD", help="ngày hôm nay giả định / the date to use as today")
    ev.set_defaults(func=run_eval)


def run_check(args: argparse.Namespace) -> int:
    from xaapp.forms_engine import ERROR, check_form

    failed = False
    report: list[dict[str, Any]] = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise KnownError(f"{name}: không tìm thấy tệp", f"{name}: file not found")
        problems = check_form(path)
        errors = [p for p in problems if p.severity == ERROR]
        failed = failed or bool(errors)
        if args.json:
            report.append(
                {"file": str(path), "valid": not errors, "problems": [p.as_dict() for p in problems]}
            )
            continue
        for p in problems:
            label = "lỗi/error" if p.severity == ERROR else "cảnh báo/warning"
            print(f"{path.name}: {p.where}: [{label}] {p.message('vi')} / {p.message('en')}")
        status = "hợp lệ / valid" if not errors else f"{len(errors)} lỗi / error(s)"
        print(f"{path.name}: {status}")
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 1 if failed else 0


def run_eval(args: argparse.Namespace) -> int:
    from xaapp.forms_engine import InterviewSession, load_form
    from xaapp.forms_engine.evaluation import evaluate_answers

    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError as exc:
            raise KnownError(
                f"--today {args.today}: cần ngày dạng YYYY-MM-DD",
                f"--today {args.today}: expected YYYY-MM-DD",
            ) from exc
    form = load_form(args.file)
    answers_path = Path(args.answers)
    try:
        document = json.loads(answers_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnownError(
            f"{answers_path}: không đọc được tệp", f"{answers_path}: cannot read the file"
        ) from exc
    except json.JSONDecodeError as exc:
        raise KnownError(
            f"{answers_path}: JSON sai ở dòng {exc.lineno}, cột {exc.colno}",
            f"{answers_path}: invalid JSON at line {exc.lineno}, column {exc.colno}",
        ) from exc
    session = InterviewSession(form, lang=args.lang, today=today)
    result = evaluate_answers(session, document)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
