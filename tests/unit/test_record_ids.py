"""New records get time-ordered UUIDs (version 7): each later than the one before, spelled as the wire wants."""

from __future__ import annotations

import time
import uuid as uuid_mod

import pytest

from xaapp.domain import record_ids
from xaapp.domain.record_ids import new_record_uuid, uuid7_text
from xaapp.storage.orm import new_uuid
from xaapp.sync.wire_types import UUID_RE


def test_a_new_record_uuid_is_version_7_with_the_time_it_was_made() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid_mod.UUID(new_uuid())
    after = time.time_ns() // 1_000_000
    assert made.version == 7 and made.variant == uuid_mod.RFC_4122
    assert before <= made.int >> 80 <= after + 1
    assert UUID_RE.fullmatch(str(made))


def test_ids_made_one_after_another_sort_one_after_another_and_never_repeat() -> None:
    made = [new_record_uuid() for _ in range(20_000)]  # many share a millisecond
    assert made == sorted(made) and len(set(made)) == len(made)


def test_a_clock_stepping_back_or_a_crowded_millisecond_does_not_turn_the_order_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1_800_000_000_000 * 1_000_000]
    monkeypatch.setattr(record_ids.time, "time_ns", lambda: now[0])
    monkeypatch.setattr(record_ids, "_last_ms", 0)
    first = [new_record_uuid() for _ in range(5000)]  # more than the 12-bit counter holds in one millisecond
    now[0] -= 3_600 * 10**9  # the laptop's clock set back an hour
    later = [new_record_uuid() for _ in range(10)]
    made = first + later
    assert made == sorted(made) and len(set(made)) == len(made)
    assert uuid_mod.UUID(first[0]).int >> 80 == 1_800_000_000_000
    assert uuid_mod.UUID(later[-1]).int >> 80 > 1_800_000_000_000  # carried forward, not back


def test_uuid7_text_places_each_part() -> None:
    text = uuid7_text(0x0123_4567_89AB, 0xCDE, (1 << 64) - 1)
    assert text == "01234567-89ab-7cde-bfff-ffffffffffff"
    assert uuid_mod.UUID(text).version == 7 and uuid_mod.UUID(text).variant == uuid_mod.RFC_4122
