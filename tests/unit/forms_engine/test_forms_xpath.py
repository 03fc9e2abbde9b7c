"""Every operator and function of the expression language, with the XPath 1.0 coercion corners."""

from __future__ import annotations

import re

import pytest
from forms_helpers import session_from_rows

from xaapp.forms_engine.expressions import compile_expression
from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.session import InterviewSession, xpath_string
from xaapp.forms_engine.xpath_types import number_to_string, string_to_number

FORM = """
| type                  | name    | label   | calculation |
| text                  | t       | T       |             |
| integer               | n       | N       |             |
| integer               | empty_n | E       |             |
| decimal               | d       | D       |             |
| date                  | day     | Day     |             |
| select_multiple colors| sm      | SM      |             |
| select_one colors     | so      | SO      |             |
| text                  | blank   | B       |             |
| text                  | vn      | VN      |             |
| begin repeat          | r       | R       |             |
| integer               | v       | V       |             |
| text                  | w       | W       |             |
| calculate             | double  |         | ${v} * 2    |
| calculate             | pos     |         | position(..)|
| end repeat            |         |         |             |
| calculate             | total   |         | sum(${double}) |
"""
CHOICES = """
| list_name | name  | label::en | label::vi |
| colors    | red   | Red       | Đỏ        |
| colors    | blue  | Blue      | Xanh      |
| colors    | green | Green     | Lục       |
"""


@pytest.fixture(scope="module")
def session() -> InterviewSession:
    s = session_from_rows(FORM, CHOICES, lang="en")
    for path, value in {
        "t": "hello world",
        "n": 5,
        "d": 2.5,
        "day": "2020-02-29",
        "sm": "red blue",
        "so": "red",
        "vn": "Việt",
    }.items():
        assert s.answer(path, value) == []
    for v, w in ((1, "a"), (2, ""), (3, "c")):
        i = s.add_repeat("r")
        s.answer(f"r[{i}]/v", v)
        s.answer(f"r[{i}]/w", w)
    return s


CASES = [
    # arithmetic and precedence
    ("1 + 2", "3"),
    ("7 div 2", "3.5"),
    ("7 mod 3", "1"),
    ("-7 mod 3", "-1"),
    ("7.5 mod 2", "1.5"),
    ("1 div 0", "Infinity"),
    ("-1 div 0", "-Infinity"),
    ("0 div 0", "NaN"),
    ("5 mod 0", "NaN"),
    ("2 * 3 + 4", "10"),
    ("2 + 3 * 4", "14"),
    ("(2 + 3) * 4", "20"),
    ("10 - 2 - 3", "5"),
    ("- 3", "-3"),
    ("- -3", "3"),  # XPath 1.0 and Collect; Enketo's parser gives NaN
    ("0.1 + 0.2", "0.30000000000000004"),
    ("1000000 * 1000000", "1000000000000"),
    ("0.000001 * 1", "0.000001"),
    (".5 + 1", "1.5"),
    # number coercion of strings, empties, booleans, dates
    ("${n} + 1", "6"),
    ("${empty_n} + 1", "NaN"),
    ("${t} + 1", "NaN"),
    ("'' + 1", "NaN"),
    ("' 12 ' + 1", "13"),
    ("'1e3' + 0", "NaN"),
    ("'+5' + 0", "NaN"),
    ("'-5' + 0", "-5"),
    ("true() + 1", "2"),
    ("false() * 3", "0"),
    ("${day} + 1", "18322"),
    ("${d} * 2", "5"),
    # comparisons: XPath 1.0 (string vs number vs boolean vs node-set)
    ("${n} = 5", "true"),
    ("${n} = '5'", "true"),
    ("${d} = '2.50'", "false"),
    ("${d} = 2.50", "true"),
    ("${empty_n} = ''", "true"),
    ("${empty_n} = 0", "false"),
    ("${empty_n} != 0", "true"),
    ("${empty_n} < 1", "false"),
    ("${empty_n} > -1", "false"),
    ("${empty_n} >= 0", "false"),
    ("'abc' < 'abd'", "false"),
    ("'abc' = 'abc'", "true"),
    ("'10' > '9'", "true"),
    ("'10' = '10.0'", "false"),
    ("10 = '10.0'", "true"),
    ("${t} = 'hello world'", "true"),
    ("true() = 'false'", "true"),
    ("1 = true()", "true"),
    ("0 = false()", "true"),
    ("'' = false()", "true"),
    ("2 > 1 = true()", "true"),
    ("'NaN' = 'NaN'", "true"),
    ("0 div 0 = 0 div 0", "false"),
    ("0 div 0 != 0 div 0", "true"),
    # node-sets: existential comparison, boolean of empty set
    ("${v} = 2", "true"),
    ("${v} != 2", "true"),
    ("${v} = 5", "false"),
    ("${v} > 2", "true"),
    ("${v} < 1", "false"),
    ("2 = ${v}", "true"),
    ("3 < ${v}", "false"),
    ("${v} = ${v}", "true"),
    ("${w} = ''", "true"),
    ("${v} = '2'", "true"),
    ("${v} = true()", "true"),
    ("${v}[. > 10] = false()", "true"),
    ("boolean(${v}[. > 10])", "false"),
    ("boolean(${blank})", "true"),
    ("count(${v}[. > 10]) = 0", "true"),
    ("count(${r}[v > 1])", "2"),
    ("sum(${v}[. > 1])", "5"),
    ("${r}[2]/v", "2"),
    ("${r}[last()]/w", "c"),
    ("${r}[position() = 1]/v + 0", "1"),
    # dates compare as days
    ("${day} < today()", "true"),
    ("${day} = '2020-02-29'", "true"),
    ("${day} < '2020-03-01'", "true"),
    ("date('2020-03-01') > ${day}", "true"),
    ("today() - ${day}", "2464"),
    # logic
    ("1 and 0", "false"),
    ("1 or 0", "true"),
    ("not(0)", "true"),
    ("'a' and ''", "false"),
    ("'0' and 1", "true"),
    ("true() and not(false())", "true"),
    ("1 or 0 and 0", "true"),
    ("(1 or 0) and 0", "false"),
    ("1 = 1 and 2 = 2", "true"),
    ("boolean(0 div 0)", "false"),
    ("boolean(-0.5)", "true"),
    # if, coalesce, once-less helpers
    ("if(true(), 'a', 'b')", "a"),
    ("if('', 'a', 'b')", "b"),
    ("if(${empty_n} > 0, 1, 0)", "0"),
    ("coalesce(${blank}, 'x')", "x"),
    ("coalesce(${t}, 'x')", "hello world"),
    ("coalesce(${empty_n}, 0) + 1", "1"),
    ("boolean-from-string('true')", "true"),
    ("boolean-from-string('1')", "true"),
    ("boolean-from-string('yes')", "false"),
    ("true()", "true"),
    ("false()", "false"),
    ("checklist(1, 2, true(), false(), true())", "true"),
    ("checklist(-1, 1, true(), true())", "false"),
    # selects
    ("selected(${sm}, 'blue')", "true"),
    ("selected(${sm}, ' red ')", "true"),
    ("selected(${sm}, 'green')", "false"),
    ("selected('', 'x')", "false"),
    ("selected(${sm}, 're')", "false"),
    ("selected-at(${sm}, 0)", "red"),
    ("selected-at(${sm}, 1)", "blue"),
    ("selected-at(${sm}, 5)", ""),
    ("selected-at(${sm}, -1)", ""),
    ("count-selected(${sm})", "2"),
    ("count-selected('')", "0"),
    ("jr:choice-name(${so}, '${so}')", "Red"),
    ("jr:choice-name('green', '${sm}')", "Green"),
    ("jr:choice-name('nope', '${sm}')", ""),
    # aggregates over a repeat from outside it
    ("count(${r})", "3"),
    ("count(${v})", "3"),
    ("count-non-empty(${w})", "2"),
    ("sum(${v})", "6"),
    ("sum(${w})", "NaN"),
    ("max(${v})", "3"),
    ("min(${v})", "1"),
    ("max(${v}, 10)", "10"),
    ("max(${w})", "NaN"),
    ("min(${v}[. > 10])", "NaN"),
    ("sum(${double})", "12"),
    ("${total}", "12"),
    ("join(', ', ${v})", "1, 2, 3"),
    ("concat(${w})", "ac"),
    ("indexed-repeat(${v}, ${r}, 2)", "2"),
    ("indexed-repeat(${w}, ${r}, 3)", "c"),
    # strings
    ("regex('038084001234', '^[0-9]{12}$')", "true"),
    ("regex('03808400123', '^[0-9]{12}$')", "false"),
    ("regex('abc', 'b')", "true"),
    ("contains('hello', 'ell')", "true"),
    ("contains('hello', '')", "true"),
    ("starts-with('hello', 'he')", "true"),
    ("ends-with('hello', 'lo')", "true"),
    ("ends-with('hello', 'he')", "false"),
    ("substr('hello', 1, 3)", "el"),
    ("substr('hello', 2)", "llo"),
    ("substr('hello', 10)", ""),
    ("substring('12345', 2, 3)", "234"),
    ("substring('12345', 1.5, 2.6)", "234"),
    ("substring('12345', 0, 3)", "12"),  # XPath 1.0 §4.2 examples
    ("substring('12345', 0 div 0, 3)", ""),
    ("substring('12345', -42, 1 div 0)", "12345"),
    ("substring('12345', 2)", "2345"),
    ("substring-before('2020-02-29', '-')", "2020"),
    ("substring-after('2020-02-29', '-')", "02-29"),
    ("substring-before('abc', 'x')", ""),
    ("substring-after('abc', 'x')", ""),
    ("translate('bar', 'abc', 'ABC')", "BAr"),
    ("translate('--aaa--', 'abc-', 'ABC')", "AAA"),
    ("string-length('Việt')", "4"),
    ("string-length(${vn})", "4"),
    ("string-length(${t})", "11"),
    ("string-length('')", "0"),
    ("normalize-space('  a   b ')", "a b"),
    ("concat('a', 1, true())", "a1true"),
    ("concat()", ""),
    ("string(1.50)", "1.5"),
    ("string(${n})", "5"),
    ("string(1 div 0)", "Infinity"),
    ("string(true())", "true"),
    ("string(-0)", "0"),
    ("string(${blank})", ""),
    ("string(${v})", "1"),
    # numbers
    ("number('12.5')", "12.5"),
    ("number('abc')", "NaN"),
    ("number(true())", "1"),
    ("number('')", "NaN"),
    ("number(${day})", "18321"),
    ("int(3.7)", "3"),
    ("int(-3.7)", "-3"),
    ("int('')", "NaN"),
    ("int('12abc')", "NaN"),
    ("round(2.5)", "3"),
    ("round(-2.5)", "-3"),
    ("round(3.14159, 2)", "3.14"),
    ("round(1234.5, -2)", "1200"),
    ("round(2.5, 0)", "3"),
    ("round(0 div 0)", "NaN"),
    ("floor(-1.5)", "-2"),
    ("ceiling(1.2)", "2"),
    ("pow(2, 10)", "1024"),
    ("pow(2, 0.5) > 1.41", "true"),
    ("abs(-3)", "3"),
    ("sqrt(16)", "4"),
    ("sqrt(-1)", "NaN"),
    ("log10(1000)", "3"),
    ("exp10(2)", "100"),
    ("log(1)", "0"),
    ("exp(0)", "1"),
    ("round(pi(), 4)", "3.1416"),
    ("round(sin(0) + cos(0) + tan(0) + asin(0) + acos(1) + atan(0), 6)", "1"),
    ("atan2(0, 1)", "0"),
    # dates
    ("today()", "2026-11-28"),
    ("date('2020-02-29')", "2020-02-29"),
    ("date(0)", "1970-01-01"),
    ("date(18321)", "2020-02-29"),
    ("date(${day} + 1)", "2020-03-01"),
    ("decimal-date-time('1970-01-02')", "1"),
    ("decimal-date-time('1970-01-01T12:00:00')", "0.5"),
    ("format-date('2020-02-09', '%d/%m/%Y')", "09/02/2020"),
    ("format-date('2020-02-09', '%e/%n/%y')", "9/2/20"),
    ("format-date(${blank}, '%Y')", ""),
    ("format-date('2020-02-09', '%a %b')", "Sun Feb"),
    ("format-date-time('2020-02-09T07:05:03', '%H:%M:%S')", "07:05:03"),
    ("format-date(now(), '%Y')", "2026"),
    ("date('')", ""),
    ("date('1')", "1970-01-02"),
    ("date('18321.5')", "2020-02-29"),
    ("format-date(18321.5, '%H:%M')", "12:00"),
    ("decimal-date-time(date-time(0.25))", "0.25"),
]


@pytest.mark.parametrize(("expression", "expected"), CASES)
def test_expression_from_top_level(session: InterviewSession, expression: str, expected: str) -> None:
    assert xpath_string(session, expression) == expected


@pytest.mark.parametrize(
    ("expression", "path", "expected"),
    [
        ("${v} + 1", "r[2]/w", "3"),  # same repeat instance, not the whole node-set
        ("../v", "r[2]/w", "2"),
        ("current()/../v", "r[3]/w", "3"),
        ("position(..)", "r[3]/v", "3"),
        ("${double}", "r[3]/v", "6"),
        ("${pos}", "r[2]/v", "2"),
        ("count(${v})", "r[1]/v", "1"),  # inside the repeat ${v} is this instance's v
        ("sum(${v})", "t", "6"),  # from outside: every instance
        ("${n} * ${v}", "r[3]/v", "15"),  # a top-level value inside a repeat
        ("/data/n", "r[1]/v", "5"),
        ("/anything/r[2]/v", None, "2"),
        (".", "r[2]/v", "2"),
        ("string-length()", "t", "11"),
        ("normalize-space()", "t", "hello world"),
    ],
)
def test_repeat_relative_references(
    session: InterviewSession, expression: str, path: str | None, expected: str
) -> None:
    assert xpath_string(session, expression, path) == expected


def test_uuid_and_random(session: InterviewSession) -> None:
    assert re.fullmatch(r"[0-9a-f-]{36}", xpath_string(session, "uuid()"))
    assert len(xpath_string(session, "uuid(8)")) == 8
    assert 0 <= float(xpath_string(session, "random()")) < 1
    assert re.fullmatch(r"2026-11-28T09:30:00\.000", xpath_string(session, "now()"))


@pytest.mark.parametrize(
    ("expression", "code", "pos"),
    [
        ("1 +", "unexpected_end", 4),
        ("(1", "unexpected_end", 3),
        ("(1 2", "expected", 4),
        ("1 2", "unexpected_token", 3),
        ("foo(1)", "unknown_function", 1),
        ("instance('a')", "unsupported_function", 1),
        ("if(1, 2)", "arity", 1),
        ("'abc", "string_unclosed", 1),
        ("${a", "ref_unclosed", 1),
        ("a // b", "unsupported_syntax", 3),
        ("1 # 2", "bad_character", 3),
        ("", "unexpected_end", 1),
        ("${}", "ref_empty", 1),
    ],
)
def test_syntax_errors_carry_code_and_position(expression: str, code: str, pos: int) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(expression)
    assert caught.value.code == code
    assert caught.value.pos == pos


def test_operator_names_are_names_where_xpath_says_so() -> None:
    # "div" after an operator is a name step (a child called div), not the operator.
    session = session_from_rows("| type | name | label |\n| integer | div | D |\n| integer | mod | M |")
    session.answer("div", 6)
    session.answer("mod", 4)
    assert xpath_string(session, "${div} div ${mod}") == "1.5"
    assert xpath_string(session, "/data/div * 2") == "12"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (3.0, "3"),
        (0.5, "0.5"),
        (-0.0, "0"),
        (1e21, "1000000000000000000000"),
        (1.5e-7, "0.00000015"),
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
    ],
)
def test_number_to_string(number: float, text: str) -> None:
    assert number_to_string(number) == text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12.0),
        (" 1.5 ", 1.5),
        ("-.5", -0.5),
        ("1.", 1.0),
        ("1970-01-11", 10.0),
        ("2020-13-01", None),
        ("x", None),
    ],
)
def test_string_to_number(text: str, number: float | None) -> None:
    result = string_to_number(text)
    assert (result != result) if number is None else result == number


def test_once_keeps_the_first_value() -> None:
    session = session_from_rows(
        """
| type      | name  | label | calculation       |
| integer   | a     | A     |                   |
| calculate | first |       | once(${a} * 10)   |
"""
    )
    # An empty value in arithmetic gives NaN (ODK docs, "empty values in math"), and once() keeps it.
    assert session.text("first") == "NaN"
    session.answer("a", 1)
    assert session.text("first") == "NaN"
    guarded = session_from_rows(
        """
| type      | name  | label | calculation                         |
| integer   | a     | A     |                                     |
| calculate | first |       | once(if(${a} = '', '', ${a} * 10))  |
"""
    )
    assert guarded.text("first") == ""
    guarded.answer("a", 2)
    assert guarded.text("first") == "20"
    guarded.answer("a", 3)
    assert guarded.text("first") == "20"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("exp(1000)", "Infinity"),
        ("pow(10, 400)", "Infinity"),
        ("pow(-8, 1 div 3)", "NaN"),
        ("1 div 0 mod 2", "NaN"),
    ],
)
def test_overflow_gives_infinity_or_nan(session: InterviewSession, expression: str, expected: str) -> None:
    assert xpath_string(session, expression) == expected


@pytest.mark.parametrize(
    "expression",
    ["date(100000000000)", "format-date(date(3000000), '%Y')", "uuid(1000000)", "regex('a', '(')"],
)
def test_bad_values_raise_expression_errors_not_crashes(session: InterviewSession, expression: str) -> None:
    with pytest.raises(ExpressionError):
        xpath_string(session, expression)


def test_a_failing_calculation_becomes_an_issue_not_a_crash() -> None:
    s = session_from_rows(
        "| type | name | label | calculation |\n| integer | n | N | |\n| calculate | d | | format-date(date(${n}), '%Y') |"
    )
    s.answer("n", 1)
    assert s.text("d") == "1970"
    s.answer("n", 999_999_999)
    assert s.text("d") == ""
    assert [i.code for i in s.issues("d")] == ["evaluation_error"]
    s.answer("n", 2)
    assert s.issues("d") == [] and s.text("d") == "1970"
