"""Shared shapes for benchmarks: a Result row, percentile helper and the table printer."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Result:
    benchmark: str  # e.g. "forms", "startup"
    metric: str  # e.g. "re-evaluate one answer p95"
    value: float
    unit: str  # "ms", "s", "rows/s", ...
    target: str = ""  # human text, e.g. "<= 2 ms"
    ok: bool | None = None  # None when there is no target
    note: str = ""


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def format_table(results: list[Result]) -> str:
    headers = ["benchmark", "metric", "value", "unit", "target", "met", "note"]
    rows = [
        [
            r.benchmark,
            r.metric,
            f"{r.value:,.3f}" if isinstance(r.value, float) and not math.isnan(r.value) else str(r.value),
            r.unit,
            r.target,
            {True: "yes", False: "NO", None: ""}[r.ok],
            r.note,
        ]
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + " |" for row in rows]
    return "\n".join([line, sep, *body])
