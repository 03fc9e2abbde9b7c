"""The interpreter's cycle collector held off while an import builds its plan.

Checking a 20,000-row list makes a few hundred thousand short-lived lists, tuples and dictionaries (the
book's rows, its columns, the plan's columns). Each 700 of them start a pass of CPython's cycle collector
over the young objects, and every tenth pass one over the older ones; together about a fifth of the check's
time, for nothing: what a plan builds holds no reference cycles and is freed by reference counting. The
collector is paused for the plan and resumed as it was (if it was running, and no one else paused it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; it is on again afterwards if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
