"""The server's bounded body reading (inflate, parse, text checks) and its enrolment rate limiter."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaapp.server.bodies import BodyError, BodyLimits, bad_text, decode, depth_of, inflate, parse
from xaapp.server.ratelimit import RateLimiter

LIMITS = BodyLimits(max_bytes=1 << 20, max_inflated=1 << 16, max_depth=8, max_items=1000)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=30,
    )
)
def test_what_fits_the_bounds_reads_back_unchanged(value) -> None:  # noqa: ANN001
    raw = json.dumps(value).encode()
    limits = BodyLimits(max_bytes=1 << 20, max_inflated=1 << 20, max_depth=64, max_items=100_000)
    assert decode(gzip.compress(raw), True, limits) == value == decode(raw, False, limits)


def test_inflating_stops_at_the_cap_whatever_the_ratio() -> None:
    with pytest.raises(BodyError) as big:
        inflate(gzip.compress(b"\0" * 50_000_000), LIMITS)
    assert big.value.code == "too_large"
    ratio = BodyLimits(max_bytes=1 << 30, max_inflated=1 << 30, max_ratio=100)
    with pytest.raises(BodyError, match="zip bomb"):
        inflate(gzip.compress(b" " * 5_000_000), ratio)
    assert inflate(gzip.compress(b"x" * 60_000), LIMITS) == b"x" * 60_000
    for broken in (gzip.compress(b"{}") * 2, gzip.compress(b"{}")[:-4], b"\x1f\x8bnot gzip"):
        with pytest.raises(BodyError) as err:
            inflate(broken, LIMITS)
        assert err.value.code == "bad_request"


def test_parsing_refuses_what_would_cost_too_much_or_not_round_trip() -> None:
    cases = {
        b"[" + b"0," * 2000 + b"0]": "too_large",
        b"[" * 9 + b"]" * 9: "too_deep",
        b"[NaN]": "bad_request",
        b"[-Infinity]": "bad_request",
        b"[1e999]": "bad_request",
        b'["\xc3\x28"]': "bad_request",
        b"\xff\xfe[\x00]\x00": "bad_request",  # UTF-16 is not taken for UTF-8
    }
    for raw, code in cases.items():
        with pytest.raises(BodyError) as err:
            parse(raw, LIMITS)
        assert err.value.code == code, raw[:20]
    roomy = BodyLimits(max_bytes=1 << 20, max_inflated=1 << 20, max_items=1_000_000)
    with pytest.raises(BodyError) as deep:  # beyond what the parser itself will nest
        parse(b"[" * 50_000 + b"]" * 50_000, roomy)
    assert deep.value.code == "too_deep"
    assert depth_of({"a": [{"b": []}]}) == 4 and depth_of(3) == 0


def test_bad_text_names_the_path() -> None:
    assert bad_text({"name": "Thôn Một", "answers": {"q": ["ok", "x\x00"]}}) == "answers.q[1]"
    assert bad_text({"a": "\ud800"}) == "a"
    assert bad_text({"\udfff": 1}) == "<key>"
    assert bad_text({"name": "Lê Thị Hoa 🙂"}) is None


def test_rate_limiter_refills_and_forgets() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=6, burst=2, max_keys=2, clock=lambda: now[0])
    assert limiter.check("a") is None and limiter.check("a") is None
    wait = limiter.check("a")
    assert wait is not None and 9 < wait <= 10  # one token every 10 s
    now[0] += 10
    assert limiter.check("a") is None
    limiter.check("b"), limiter.check("c")  # "a" is forgotten: at most two addresses kept
    assert limiter.check("a") is None and limiter.check("a") is None
