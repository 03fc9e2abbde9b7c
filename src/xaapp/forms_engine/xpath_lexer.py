"""Tokeniser for the ODK XPath 1.0 dialect used in XLSForm expressions."""

from __future__ import annotations

from dataclasses import dataclass

from xaapp.forms_engine.problems import ExpressionError

#: Token kinds: "number", "string", "ref" (${name}), "name", "op", "(", ")", "[", "]", ",", "/", "//",
#: ".", "..", "@", "end".
OPERATOR_NAMES = frozenset({"and", "or", "div", "mod"})
_TWO_CHAR = ("!=", "<=", ">=", "//", "..")
_ONE_CHAR = "+-*=<>|()[],/.@"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    pos: int  # 1-based character position in the expression, for messages


def _is_name_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-."


def tokenize(text: str) -> list[Token]:
    """Split *text* into tokens; raises ExpressionError with the 1-based position on bad input."""
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        if ch == "$" and text.startswith("${", i):
            end = text.find("}", i + 2)
            if end < 0:
                raise ExpressionError("ref_unclosed", start + 1)
            name = text[i + 2 : end].strip()
            if not name:
                raise ExpressionError("ref_empty", start + 1)
            tokens.append(Token("ref", name, start + 1))
            i = end + 1
            continue
        if ch in "'\"":
            end = text.find(ch, i + 1)
            if end < 0:
                raise ExpressionError("string_unclosed", start + 1)
            tokens.append(Token("string", text[i + 1 : end], start + 1))
            i = end + 1
            continue
        if ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            while i < n and text[i].isdigit():
                i += 1
            if i < n and text[i] == ".":
                i += 1
                while i < n and text[i].isdigit():
                    i += 1
            tokens.append(Token("number", text[start:i], start + 1))
            continue
        if _is_name_start(ch):
            i += 1
            while i < n and (
                _is_name_char(text[i]) or (text[i] == ":" and i + 1 < n and _is_name_start(text[i + 1]))
            ):
                i += 1
            # A name may not end in "." (e.g. "a." is unusual); XPath allows it, keep it.
            tokens.append(Token("name", text[start:i], start + 1))
            continue
        two = text[i : i + 2]
        if two in _TWO_CHAR:
            tokens.append(Token("op" if two in ("!=", "<=", ">=") else two, two, start + 1))
            i += 2
            continue
        if ch in _ONE_CHAR:
            kind = ch if ch in "()[],/.@" else "op"
            tokens.append(Token(kind, ch, start + 1))
            i += 1
            continue
        raise ExpressionError("bad_character", start + 1, char=ch)
    tokens.append(Token("end", "", n + 1))
    return _mark_operators(tokens)


def _mark_operators(tokens: list[Token]) -> list[Token]:
    """Apply the XPath rule: after an operand, `*` and and/or/div/mod are operators."""
    out: list[Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        operand_before = prev is not None and prev.kind not in ("op", "(", "[", ",", "@", "/", "//")
        if tok.kind == "name" and tok.text in OPERATOR_NAMES and operand_before:
            tok = Token("op", tok.text, tok.pos)
        elif tok.kind == "op" and tok.text == "*" and not operand_before:
            tok = Token("name", "*", tok.pos)
        out.append(tok)
    return out
