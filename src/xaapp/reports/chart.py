"""A grouped bar chart as SVG (QtCharts is not shipped in pyside6-essentials; QtSvg draws this).

Pure string building: categories along the bottom, one bar per series in each category, a value
above every bar, horizontal grid lines on round steps, a legend on top.
"""

from __future__ import annotations

import math
from html import escape

from xaapp.reports.document import BarChart

PALETTE = ("#c0392b", "#e67e22", "#1f618d", "#5dade2", "#27ae60", "#8e44ad")


def _nice_step(top: int) -> int:
    """A round grid step giving about five lines up to *top*."""
    if top <= 5:
        return 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return int(factor * power)
    return int(10 * power)


def bar_chart_svg(chart: BarChart, width: int = 900, height: int = 360) -> str:
    left, right, top, bottom = 50, 10, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _name, vals in chart.series for v in vals]
    peak = max(values, default=0)
    step = _nice_step(max(peak, 1))
    ceiling = (max(peak, 1) // step + 1) * step  # headroom for the value above the tallest bar
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans" font-size="12">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - tick / ceiling * plot_h
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#cccccc"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333333">{tick}</text>')
    n_cat = max(len(chart.categories), 1)
    n_series = max(len(chart.series), 1)
    slot = plot_w / n_cat
    bar_w = slot * 0.8 / n_series
    for c, category in enumerate(chart.categories):
        x0 = left + c * slot + slot * 0.1
        for s, (_name, vals) in enumerate(chart.series):
            value = vals[c] if c < len(vals) else 0
            h = value / ceiling * plot_h
            x = x0 + s * bar_w
            y = top + plot_h - h
            color = PALETTE[s % len(PALETTE)]
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.92:.1f}" height="{h:.1f}" fill="{color}"/>'
            )
            out.append(
                f'<text x="{x + bar_w * 0.46:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" '
                f'fill="#000000">{value}</text>'
            )
        out.append(
            f'<text x="{left + c * slot + slot / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'fill="#000000">{escape(category)}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#000000"/>'
    )
    x = left
    for s, (name, _vals) in enumerate(chart.series):
        color = PALETTE[s % len(PALETTE)]
        out.append(f'<rect x="{x}" y="12" width="14" height="14" fill="{color}"/>')
        out.append(f'<text x="{x + 20}" y="24" fill="#000000">{escape(name)}</text>')
        x += 30 + 8 * len(name)
    out.append("</svg>")
    return "".join(out)
